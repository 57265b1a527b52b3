package dev.mlbench.core.results;

import dev.mlbench.core.calibrate.Calibration;
import dev.mlbench.core.definition.CacheState;
import dev.mlbench.core.env.Environment;
import dev.mlbench.core.spi.Work;
import dev.mlbench.core.stats.SampleStatistics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Synthetic results files for the compare, leaderboard, report and export tests. */
public final class TestRuns {

    private TestRuns() {
    }

    /** An environment; {@code jdk} and the openblas version vary between tests. */
    public static Environment env(String cpu, String jdk, String openblasVersion) {
        return new Environment(cpu, 8, 1L << 34, "Linux 6.1 amd64", jdk, List.of(), 256,
                Map.of("cpu-scalar", new Environment.BackendInfo(true, "ok", Map.of()),
                        "openblas", new Environment.BackendInfo(true, "ok", Map.of("version", openblasVersion))), List.of(), Map.of());
    }

    /** The default environment. */
    public static Environment env() {
        return env("Test CPU @ 3GHz", "JDK 25", "0.3.30");
    }

    /** {@code n} samples around {@code medianNs} with relative noise {@code noise} (seeded). */
    public static List<Double> samples(double medianNs, double noise, int n, long seed) {
        Random r = new Random(seed);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(medianNs * (1 + noise * r.nextGaussian()));
        }
        return out;
    }

    /**
     * {@code forks} forks of {@code iterations} samples each around {@code medianNs}: each fork's level varies by
     * {@code betweenCv} (the noise between JVMs), each sample around its fork's level by {@code withinCv} (seeded).
     */
    public static List<List<Double>> forkSamples(double medianNs, double betweenCv, double withinCv, int forks, int iterations, long seed) {
        Random r = new Random(seed);
        List<List<Double>> out = new ArrayList<>();
        for (int f = 0; f < forks; f++) {
            double level = medianNs * Math.exp(betweenCv * r.nextGaussian());
            List<Double> fork = new ArrayList<>();
            for (int i = 0; i < iterations; i++) {
                fork.add(level * Math.exp(withinCv * r.nextGaussian()));
            }
            out.add(fork);
        }
        return out;
    }

    /** A measured row with its forks recorded (schema 3): 10 forks of 5 iterations, 1% between forks, 0.5% within. */
    public static TrialResult forked(String kernel, String backend, int m, double medianNs, long seed) {
        return forked(kernel, backend, m, forkSamples(medianNs, 0.01, 0.005, 10, 5, seed));
    }

    /** A measured row whose samples are {@code forks}, fork by fork. */
    public static TrialResult forked(String kernel, String backend, int m, List<List<Double>> forks) {
        List<Double> samples = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        List<String> starts = new ArrayList<>();
        for (int f = 0; f < forks.size(); f++) {
            samples.addAll(forks.get(f));
            for (int i = 0; i < forks.get(f).size(); i++) {
                index.add(f);
            }
            starts.add(java.time.Instant.parse("2026-11-29T10:00:00Z").plusSeconds(2L * f).toString());
        }
        TrialResult r = measured(kernel, backend, m, samples);
        SampleStatistics stats = SampleStatistics.of(samples, index);
        return TrialResult.measured(r.subject(), samples, index, starts, stats, r.metrics(), r.correctness());
    }

    /** A measured, passing row of a GEMM-like track with 2·m³ FLOPs on an m³ workload. */
    public static TrialResult measured(String kernel, String backend, int m, List<Double> samples) {
        SampleStatistics s = SampleStatistics.of(samples);
        double flops = 2.0 * m * m * m;
        double bytes = 12.0 * m * m;
        double gflops = flops / s.medianNs();
        Metrics metrics = Metrics.builder().work(flops, Work.OpUnit.FLOP, bytes, Work.Roof.MEMORY).gops(gflops).gflops(gflops)
                .gbps(bytes / s.medianNs()).energySource("unavailable: test").cache(CacheState.WARM).workingSetBytes(bytes).build();
        return TrialResult.measured(subject(kernel, backend, m), samples, null, null, s, metrics,
                new CorrectnessRecord(1e-6, 1e-8, new CorrectnessRecord.ToleranceRecord(1e-30, 2e-5), true, null, Map.of()));
    }

    /** A row with another status and no samples. */
    public static TrialResult notMeasured(String kernel, String backend, int m, Status status, String reason) {
        CorrectnessRecord c = status == Status.INVALID
                ? new CorrectnessRecord(1.0, 0.5, new CorrectnessRecord.ToleranceRecord(1e-30, 2e-5), false, "element 0: 1 vs 0", Map.of()) : null;
        return withStatus(subject(kernel, backend, m), status, reason, c);
    }

    /** A row that was not measured, of the given status. */
    public static TrialResult withStatus(TrialResult.Subject s, Status status, String reason, CorrectnessRecord c) {
        return switch (status) {
            case SKIPPED -> TrialResult.skipped(s, reason);
            case INVALID -> TrialResult.invalid(s, reason, c);
            case FAILED -> TrialResult.failed(s, reason, c);
            case MEASURED -> throw new IllegalArgumentException("a measured row has samples");
        };
    }

    private static TrialResult.Subject subject(String kernel, String backend, int m) {
        return new TrialResult.Subject("gemm", kernel, backend, "square", m + "x" + m + "x" + m, Map.of("threads", 8),
                Map.of("m", m, "n", m, "k", m));
    }

    /** A complete run record. */
    public static RunRecord run(String runId, Environment env, Calibration calibration, List<TrialResult> rows) {
        return new RunRecord(RunRecord.SCHEMA_VERSION, runId, "2026-11-29T10:00:00Z", "2026-11-29T10:05:00Z", "complete", new RunRecord.Harness("0.1.0", "abc"),
                new RunRecord.RunSettings(List.of("gemm"), List.of("gemm.yaml"), "quick", 8, List.of()), env, calibration, rows);
    }

    /** {@code record} as a schema 1 file would have it: v2's keys renamed or dropped. */
    public static String asSchemaOne(RunRecord record) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode tree = ResultStore.JSON.valueToTree(record);
        tree.put("schema_version", 1);
        for (var row : tree.withArray("results")) {
            var r = (com.fasterxml.jackson.databind.node.ObjectNode) row;
            r.remove("baseline");
            if (r.get("correctness") instanceof com.fasterxml.jackson.databind.node.ObjectNode c) {
                c.remove("metrics");
            }
            if (r.get("metrics") instanceof com.fasterxml.jackson.databind.node.ObjectNode m) {
                m.set("flops", m.remove("ops"));
                m.remove(List.of("op_unit", "roof", "gops", "alloc_bytes_per_op", "avg_watts", "gops_per_joule", "energy_domains", "extra"));
            }
        }
        return ResultStore.toJson(tree);
    }

    /** A calibration with the given peak and bandwidth. */
    public static Calibration calibration(double peakGflops, double bandwidthGbps) {
        return new Calibration(peakGflops, bandwidthGbps, 1.0, "2026-11-29T09:00:00Z", 8, "test", "0123456789abcdef");
    }

    /** Writes {@code record} into {@code dir} and reads it back as an analysis would. */
    public static RunFile file(Path dir, RunRecord record) {
        try {
            Path f = dir.resolve(record.runId() + ".json");
            ResultStore.write(record, f);
            return RunFile.read(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
