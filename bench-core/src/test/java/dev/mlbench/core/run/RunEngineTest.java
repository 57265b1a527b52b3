package dev.mlbench.core.run;

import dev.mlbench.core.definition.DefinitionLoader;
import dev.mlbench.core.definition.TrackDefinition;
import dev.mlbench.core.env.EnvironmentProbeRunner;
import dev.mlbench.core.measure.JmhMeasurer;
import dev.mlbench.core.measure.Profile;
import dev.mlbench.core.plan.Trial;
import dev.mlbench.core.registry.Registry;
import dev.mlbench.core.results.Metrics;
import dev.mlbench.core.results.RunRecord;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.results.TrialResult;
import dev.mlbench.core.stats.SampleStatistics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real run of the test track through JMH: kernel metrics, iteration counters, threads and baselines arrive in the rows. */
class RunEngineTest {

    private static final String DEFINITION = """
            track: axpy
            baseline: plain
            workloads:
              - name: small
                shapes:
                  - {n: 1000}
            kernels:
              - name: plain
                params: {threads: [1, 2]}
            profiles:
              quick: {forks: 1, warmup_iterations: 1, warmup_ms: 50, iterations: 2, iteration_ms: 50}
            """;

    @Test
    void kernelMetricsCountersThreadsAndBaselinesReachTheResults(@TempDir Path out) throws Exception {
        Registry registry = Registry.builtIn();
        TrackDefinition d = new DefinitionLoader(registry, Runtime.getRuntime().maxMemory()).parse("t.yaml", DEFINITION);
        RunRequest request = new RunRequest(List.of(d), Profile.QUICK, Optional.empty(), Optional.empty(), 1, out,
                EnvironmentProbeRunner.probe(registry), null);
        RunEngine engine = new RunEngine(registry, new JmhMeasurer());
        List<Trial> trials = engine.plan(request);
        RunRecord record = engine.run(request, trials, "test-run", new RunListener() {
        });
        assertEquals(2, record.results().size());
        for (int i = 0; i < 2; i++) {
            TrialResult r = record.results().get(i);
            assertEquals(Status.MEASURED, r.status(), r.reason());
            assertEquals(i + 1, ((Number) r.params().get("threads")).intValue(), "threads from the definition, not the run");
            Metrics m = r.metrics();
            assertEquals(1.0, m.extra().get("passes"), "Prepared.metrics()");
            assertEquals(1000.0, m.extra().get("elements_per_op"), "Prepared.iterationCounters() as a per-op mean");
            assertEquals("flop", m.opUnit());
            assertEquals(m.gops(), m.gflops());
            assertTrue(m.allocBytesPerOp() != null && m.allocBytesPerOp() >= 0, "GC profiler result: " + m.allocBytesPerOp());
            assertEquals("plain", r.baseline().kernel());
            assertEquals(1.0, r.baseline().speedup(), 1e-12, "each thread count is its own baseline");
        }
    }

    @Test
    void rowsAreComparedWithTheFastestBaselineOfTheSameWorkloadAndThreads() {
        List<TrialResult> rows = List.of(
                row("base", 1, 100), row("base", 1, 80), row("fast", 1, 40), row("fast", 2, 20),
                new TrialResult("t", "broken", "b", "g", "l", Map.of("threads", 1), Map.of("n", 1), Status.FAILED, "x",
                        null, null, null, null, null));
        List<TrialResult> out = RunEngine.withBaselines(rows, Map.of("t", "base"));
        assertEquals(0.8, out.get(0).baseline().speedup(), 1e-12);
        assertEquals(1.0, out.get(1).baseline().speedup(), 1e-12);
        assertEquals(2.0, out.get(2).baseline().speedup(), 1e-12);
        assertNull(out.get(3).baseline(), "no baseline row with 2 threads");
        assertNull(out.get(4).baseline(), "not measured");
        assertNull(RunEngine.withBaselines(rows, Map.of()).get(2).baseline(), "no baseline named");
    }

    private static TrialResult row(String kernel, int threads, double ns) {
        SampleStatistics stats = SampleStatistics.of(List.of(ns, ns));
        return new TrialResult("t", kernel, "b", "g", "l", Map.of("threads", threads), Map.of("n", 1), Status.MEASURED, null,
                List.of(ns, ns), stats, null, null, null);
    }
}
