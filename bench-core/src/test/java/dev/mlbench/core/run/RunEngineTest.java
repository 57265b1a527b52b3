package dev.mlbench.core.run;

import dev.mlbench.core.calibrate.Calibration;
import dev.mlbench.core.definition.CacheState;
import dev.mlbench.core.definition.DefinitionLoader;
import dev.mlbench.core.definition.TrackDefinition;
import dev.mlbench.core.energy.PowercapMeter;
import dev.mlbench.core.env.EnvironmentProbeRunner;
import dev.mlbench.core.measure.ColdRotation;
import dev.mlbench.core.measure.JmhMeasurer;
import dev.mlbench.core.measure.Profile;
import dev.mlbench.core.plan.Trial;
import dev.mlbench.core.registry.Registry;
import dev.mlbench.core.results.Metrics;
import dev.mlbench.core.results.RunRecord;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.results.TrialResult;
import dev.mlbench.core.spi.Track;
import dev.mlbench.core.spi.Work;
import dev.mlbench.core.stats.SampleStatistics;
import dev.mlbench.core.testtrack.AxpyTrack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

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
            assertEquals(Work.OpUnit.FLOP, m.opUnit());
            assertEquals(m.gops(), m.gflops());
            assertTrue(m.allocBytesPerOp() != null && m.allocBytesPerOp() >= 0, "GC profiler result: " + m.allocBytesPerOp());
            assertEquals("plain", r.baseline().kernel());
            assertEquals(1.0, r.baseline().speedup(), 1e-12, "each thread count is its own baseline");
            assertTrue(m.settleMs() != null && m.settleMs() > 0 && m.settleMs() < Profile.QUICK.defaults().settleMillis() + 1_000,
                    "the fork settled the kernel before its warm-up, within the quick profile's limit: " + m.settleMs());
            assertTrue(m.unsettledForks() != null && m.unsettledForks() >= 0 && m.unsettledForks() <= 1, "of one fork: " + m.unsettledForks());
        }
    }

    @Test
    void aResultsFileThatCannotBeWrittenMidRunLosesNoTrial(@TempDir Path out) throws Exception {
        Registry registry = Registry.builtIn();
        TrackDefinition d = new DefinitionLoader(registry, Runtime.getRuntime().maxMemory()).parse("t.yaml", DEFINITION);
        RunRequest request = new RunRequest(List.of(d), Profile.QUICK, Optional.empty(), Optional.empty(), 1, out,
                EnvironmentProbeRunner.probe(registry), null);
        RunEngine engine = new RunEngine(registry, new JmhMeasurer());
        String runId = "unwritable-" + ProcessHandle.current().pid();
        Path file = RunEngine.resultsFile(out, runId);
        Path rescue = RunEngine.rescueFile(runId);
        Files.deleteIfExists(rescue);
        List<String> notices = new ArrayList<>();
        RunRecord record = engine.run(request, engine.plan(request), runId, new RunListener() {
            @Override
            public void phase(int index, int total, Trial trial, String phase) {
                if (index == 2 && phase.equals("checking")) {
                    try { // the results file turns into a non-empty folder: no rename onto it can succeed (root or not)
                        Files.delete(file);
                        Files.writeString(Files.createDirectories(file).resolve("blocker"), "x");
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }

            @Override
            public void notice(String message) {
                notices.add(message);
            }
        });
        try {
            assertEquals(2, record.results().size());
            assertEquals(Optional.of(rescue), engine.writtenFile(runId), "notices: " + notices);
            assertEquals(1, notices.size(), notices.toString());
            assertTrue(notices.get(0).contains("could not write " + file) && notices.get(0).contains(rescue.toString()), notices.get(0));
            RunRecord rescued = dev.mlbench.core.results.ResultStore.read(rescue);
            assertEquals(2, rescued.results().size(), "the first trial and the one measured when the folder broke");
            assertEquals("complete", rescued.state());
        } finally {
            Files.deleteIfExists(rescue);
        }
    }

    @Test
    void energyFromAPowercapTreeReachesTheRowsOfARealRun(@TempDir Path out, @TempDir Path powercap) throws Exception {
        Path zone = Files.createDirectories(powercap.resolve("intel-rapl:0"));
        Files.writeString(zone.resolve("name"), "package-0\n");
        Files.writeString(zone.resolve("max_energy_range_uj"), "262143328850\n");
        Path counter = zone.resolve("energy_uj");
        AtomicBoolean running = new AtomicBoolean(true);
        Thread ticker = new Thread(() -> { // a fake package drawing about 10 W: 10 µJ per µs, written atomically
            long start = System.nanoTime();
            try {
                while (running.get()) {
                    Path tmp = zone.resolve("energy_uj.tmp");
                    Files.writeString(tmp, (System.nanoTime() - start) / 100 + "\n");
                    Files.move(tmp, counter, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    Thread.sleep(1);
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Files.writeString(counter, "0\n");
        ticker.start();
        String old = System.getProperty(PowercapMeter.ROOT_PROPERTY);
        System.setProperty(PowercapMeter.ROOT_PROPERTY, powercap.toString());
        try {
            Registry registry = Registry.builtIn();
            TrackDefinition d = new DefinitionLoader(registry, Runtime.getRuntime().maxMemory()).parse("t.yaml",
                    DEFINITION.replace("params: {threads: [1, 2]}", "params: {threads: 1}"));
            RunRequest request = new RunRequest(List.of(d), Profile.QUICK, Optional.empty(), Optional.empty(), 1, out,
                    EnvironmentProbeRunner.probe(registry), null);
            List<String> forkArgs = new ArrayList<>(new JmhMeasurer().forkJvmArgs());
            forkArgs.add("-D" + PowercapMeter.ROOT_PROPERTY + "=" + powercap);
            RunEngine engine = new RunEngine(registry, new JmhMeasurer(forkArgs));
            TrialResult r = engine.run(request, engine.plan(request), "energy-run", new RunListener() {
            }).results().get(0);
            Metrics m = r.metrics();
            assertEquals(Status.MEASURED, r.status(), r.reason());
            assertTrue(m.energySource().startsWith("RAPL via powercap (" + powercap + "): package-0"), m.energySource());
            assertTrue(m.energyJ() != null && m.energyJ() > 0, "energy per op: " + m.energyJ());
            assertEquals(m.energyJ(), m.energyDomains().get("rapl.package-0"), 1e-9 * m.energyJ(), "one package: total = package");
            // about 10 W; the ticker's timing on a busy machine makes it rough (the exact arithmetic is tested with fixed counters)
            assertTrue(m.avgWatts() > 1 && m.avgWatts() < 100, "average power: " + m.avgWatts());
            assertEquals(m.ops() / m.energyJ() / 1e9, m.gopsPerJoule(), 1e-9 * m.gopsPerJoule());
        } finally {
            running.set(false);
            ticker.join();
            if (old == null) {
                System.clearProperty(PowercapMeter.ROOT_PROPERTY);
            } else {
                System.setProperty(PowercapMeter.ROOT_PROPERTY, old);
            }
        }
    }

    @Test
    void aColdGroupsRowsRecordTheirCacheStateAndTheBytesTheyCycleThrough(@TempDir Path out) throws Exception {
        Registry registry = Registry.builtIn();
        TrackDefinition d = new DefinitionLoader(registry, Runtime.getRuntime().maxMemory()).parse("t.yaml",
                DEFINITION.replace("  - name: small\n", "  - name: small\n    cache: cold\n").replace("[1, 2]", "[1]"));
        RunRequest request = new RunRequest(List.of(d), Profile.QUICK, Optional.empty(), Optional.empty(), 1, out,
                EnvironmentProbeRunner.probe(registry), null);
        RunEngine engine = new RunEngine(registry, new JmhMeasurer());
        RunRecord record = engine.run(request, engine.plan(request), "cold-run", new RunListener() {
        });
        TrialResult r = record.results().get(0);
        assertEquals(Status.MEASURED, r.status(), r.reason());
        Metrics m = r.metrics();
        assertEquals(CacheState.COLD, m.cache());
        int copies = ColdRotation.copies(8000, ColdRotation.lastLevelCacheBytes());
        assertTrue(copies > 1, "8 kB per call cannot stream the cache by itself");
        assertEquals(8000.0 * copies, m.workingSetBytes(), 0);
        assertEquals(1000.0, m.extra().get("elements_per_op"), "counters of rotated copies are still per operation");
    }

    @Test
    void aRowFasterThanItsRoofIsShownInCacheNotAsAShareOfDram() {
        Calibration calibration = new Calibration(100.0, 10.0, 1.0, "2026-12-06T00:00:00Z", 1, "test", "0123456789abcdef");
        Track<?, ?, ?, ?> track = Registry.builtIn().track("axpy").orElseThrow();
        EnergyStatus none = new EnergyStatus(false, "unavailable: test");
        Object shape = new AxpyTrack.Shape(1000, 2.0);
        // 8000 bytes per op: 800 ns is 10 GB/s (100% of the roof), 400 ns is 20 GB/s (200%)
        Metrics atRoof = RunEngine.metrics(track, shape, CacheState.COLD, 1, SampleStatistics.of(List.of(800.0, 800.0, 800.0)),
                calibration, none, Map.of(), Map.of());
        assertEquals(100.0, atRoof.pctOfBandwidth(), 1e-9);
        assertEquals(CacheState.COLD, atRoof.cache());
        Metrics above = RunEngine.metrics(track, shape, CacheState.COLD, 1, SampleStatistics.of(List.of(400.0, 400.0, 400.0)),
                calibration, none, Map.of(), Map.of());
        assertNull(above.pctOfBandwidth(), "200% of DRAM cannot be DRAM");
        assertEquals(CacheState.COLD, above.cache(), "what the row asked for stays recorded: it is part of the row's identity");
        assertEquals(20.0, above.gbps(), 1e-9, "the rate itself stays true");
        Metrics warm = RunEngine.metrics(track, shape, CacheState.WARM, 1, SampleStatistics.of(List.of(800.0, 800.0, 800.0)),
                calibration, none, Map.of(), Map.of());
        assertEquals(CacheState.WARM, warm.cache());
        assertEquals(8000.0, warm.workingSetBytes(), 0);
    }

    /** A one-thread row is a share of what one thread reaches, not of the whole machine's peak and bandwidth. */
    @Test
    void aRowIsAShareOfTheRoofsOfItsOwnThreadCount() {
        Calibration calibration = new Calibration(400.0, 30.0, 1.0, "2026-12-07T00:00:00Z", 2, "test", "0123456789abcdef",
                List.of(new Calibration.ThreadRoof(1, 210.0, 20.0)), null);
        Track<?, ?, ?, ?> track = Registry.builtIn().track("axpy").orElseThrow();
        EnergyStatus none = new EnergyStatus(false, "unavailable: test");
        Object shape = new AxpyTrack.Shape(1000, 2.0);
        SampleStatistics stats = SampleStatistics.of(List.of(800.0, 800.0, 800.0)); // 8000 bytes per op: 10 GB/s
        Metrics one = RunEngine.metrics(track, shape, CacheState.COLD, 1, stats, calibration, none, Map.of(), Map.of());
        Metrics two = RunEngine.metrics(track, shape, CacheState.COLD, 2, stats, calibration, none, Map.of(), Map.of());
        assertEquals(50.0, one.pctOfBandwidth(), 1e-9, "10 of the 20 GB/s one thread's STREAM reaches");
        assertEquals(100.0 / 3, two.pctOfBandwidth(), 1e-9, "10 of the 30 GB/s of both");
        assertEquals(100 * 2.5 / 210.0, one.pctOfPeak(), 1e-9, "2000 FLOPs in 800 ns (2.5 GFLOP/s) against one thread's measured 210 GFLOP/s");
        assertEquals(100 * 2.5 / 400.0, two.pctOfPeak(), 1e-9);
    }

    @Test
    void withoutPowercapEnergyIsNullWithTheReason() {
        EnergyStatus none = EnergyStatus.of(List.of(new PowercapMeter(Path.of("/nonexistent/powercap"))));
        assertEquals(new EnergyStatus(false, "unavailable: no powercap interface (/nonexistent/powercap is absent)"), none);
        assertEquals("unavailable: no energy meter on the class path", EnergyStatus.of(List.of()).source());
    }

    @Test
    void rowsAreComparedWithTheFastestBaselineOfTheSameWorkloadAndThreads() {
        List<TrialResult> rows = List.of(
                row("base", 1, 100), row("base", 1, 80), row("fast", 1, 40), row("fast", 2, 20),
                TrialResult.failed(new TrialResult.Subject("t", "broken", "b", "g", "l", Map.of("threads", 1), Map.of("n", 1)), "x", null));
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
        return TrialResult.measured(new TrialResult.Subject("t", kernel, "b", "g", "l", Map.of("threads", threads), Map.of("n", 1)),
                List.of(ns, ns), null, null, stats, null, null);
    }
}
