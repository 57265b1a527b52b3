package dev.mlbench.predict;

import dev.mlbench.core.calibrate.Calibration;
import dev.mlbench.core.definition.CacheState;
import dev.mlbench.core.env.Environment;
import dev.mlbench.core.results.CorrectnessRecord;
import dev.mlbench.core.results.Metrics;
import dev.mlbench.core.results.ResultStore;
import dev.mlbench.core.results.RunRecord;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.results.TrialResult;
import dev.mlbench.core.spi.Work;
import dev.mlbench.core.stats.SampleStatistics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Synthetic GEMM results files from a known formula, written through the real record classes and
 * {@link ResultStore#write}, so they are valid schema 3 files. A kernel {@code fast} runs at 80% of the peak on
 * compute-bound shapes and 90% of the bandwidth on memory-bound ones; {@code slow} takes twice as long.
 */
public final class SyntheticRuns {

    /** The host's calibrated peak (GFLOP/s) and bandwidth (GB/s). */
    public static final double PEAK_GFLOPS = 200;
    public static final double BANDWIDTH_GBPS = 20;
    /** Relative noise of the synthetic medians. */
    public static final double NOISE = 0.02;

    private SyntheticRuns() {
    }

    /** The time the formula gives, in ns, before noise: {@code slowdown} 1 for fast, 2 for slow. */
    public static double formulaNs(long m, long n, long k, double slowdown) {
        double flops = 2.0 * m * n * k;
        double bytes = 4.0 * (m * k + k * n + m * n);
        return slowdown * Math.max(flops / (0.8 * PEAK_GFLOPS), bytes / (0.9 * BANDWIDTH_GBPS));
    }

    /** {@code count} shapes drawn log-uniformly from 16 to 1024 per dimension (seeded). */
    public static List<long[]> shapes(int count, long seed) {
        Random r = new Random(seed);
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new long[] {dim(r), dim(r), dim(r)});
        }
        return out;
    }

    private static long dim(Random r) {
        return Math.round(Math.exp(Math.log(16) + r.nextDouble() * (Math.log(1024) - Math.log(16))));
    }

    /** A gemm workload map as the harness records it. */
    public static Map<String, Object> workload(long m, long n, long k) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("m", m);
        w.put("n", n);
        w.put("k", k);
        w.put("layout", "nn");
        w.put("alpha", 1.0);
        w.put("beta", 0.0);
        return w;
    }

    /** A measured, passing row of {@code track} on the shape, around {@code medianNs}. */
    public static TrialResult measured(String track, String kernel, long[] s, double medianNs, Random noise) {
        double flops = 2.0 * s[0] * s[1] * s[2];
        double bytes = 4.0 * (s[0] * s[2] + s[2] * s[1] + s[0] * s[1]);
        List<Double> samples = new ArrayList<>();
        double level = medianNs * (1 + NOISE * noise.nextGaussian());
        for (int i = 0; i < 5; i++) {
            samples.add(level * (1 + 0.002 * noise.nextGaussian()));
        }
        SampleStatistics st = SampleStatistics.of(samples);
        double gops = flops / st.medianNs();
        Metrics metrics = Metrics.builder().work(flops, Work.OpUnit.FLOP, bytes, Work.Roof.MEMORY).gops(gops).gflops(gops)
                .gbps(bytes / st.medianNs()).energySource("unavailable: test").cache(CacheState.WARM).workingSetBytes(bytes).build();
        return TrialResult.measured(subject(track, kernel, s), samples, null, null, st, metrics,
                new CorrectnessRecord(1e-6, 1e-8, new CorrectnessRecord.ToleranceRecord(1e-30, 2e-5), true, null, Map.of()));
    }

    /** A row of another status (no samples) on the shape. */
    public static TrialResult notMeasured(String kernel, long[] s, Status status) {
        CorrectnessRecord c = status == Status.INVALID
                ? new CorrectnessRecord(1.0, 0.5, new CorrectnessRecord.ToleranceRecord(1e-30, 2e-5), false, "element 0: 1 vs 0", Map.of()) : null;
        TrialResult.Subject subject = subject("gemm", kernel, s);
        String reason = status.key() + " for the test";
        return switch (status) {
            case SKIPPED -> TrialResult.skipped(subject, reason);
            case INVALID -> TrialResult.invalid(subject, reason, c);
            case FAILED -> TrialResult.failed(subject, reason, c);
            case MEASURED -> throw new IllegalArgumentException("a measured row has samples");
        };
    }

    private static TrialResult.Subject subject(String track, String kernel, long[] s) {
        return new TrialResult.Subject(track, kernel, "cpu-" + kernel, "sweep", s[0] + "x" + s[1] + "x" + s[2], Map.of("threads", 2),
                workload(s[0], s[1], s[2]));
    }

    /** Fast and slow rows of {@code track} on every shape, plus invalid, failed and skipped rows of kernel {@code broken}. */
    public static List<TrialResult> rows(String track, List<long[]> shapes, long seed) {
        Random noise = new Random(seed);
        List<TrialResult> rows = new ArrayList<>();
        for (long[] s : shapes) {
            rows.add(measured(track, "fast", s, formulaNs(s[0], s[1], s[2], 1), noise));
            rows.add(measured(track, "slow", s, formulaNs(s[0], s[1], s[2], 2), noise));
        }
        if (track.equals("gemm")) {
            rows.add(notMeasured("broken", shapes.get(0), Status.INVALID));
            rows.add(notMeasured("broken", shapes.get(1), Status.FAILED));
            rows.add(notMeasured("broken", shapes.get(2), Status.SKIPPED));
        }
        return rows;
    }

    /** The calibration of the synthetic host. */
    public static Calibration calibration() {
        return new Calibration(PEAK_GFLOPS, BANDWIDTH_GBPS, 1.0, "2026-12-06T09:00:00Z", 2, "test", "0123456789abcdef");
    }

    /** The environment of the synthetic host. */
    public static Environment env(String cpu) {
        return new Environment(cpu, 2, 1L << 34, "Linux 6.1 amd64", "JDK 25", List.of(), 512, Map.of(), List.of(), Map.of(), "host", null);
    }

    /** Writes a run of {@code rows} to {@code dir/<runId>.json}; {@code calibration} may be null. */
    public static Path write(Path dir, String runId, Environment env, Calibration calibration, List<TrialResult> rows) {
        RunRecord record = new RunRecord(RunRecord.SCHEMA_VERSION, runId, "2026-12-06T10:00:00Z", "2026-12-06T10:05:00Z", "complete",
                new RunRecord.Harness("0.1.0", "abc"), new RunRecord.RunSettings(List.of(rows.get(0).track()), List.of("gemm-sweep.yaml"), "quick", 2,
                List.of()), env, calibration, rows);
        Path file = dir.resolve(runId + ".json");
        try {
            ResultStore.write(record, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The usual synthetic gemm run: {@code shapes} shapes of fast and slow rows on one calibrated host. */
    public static Path gemm(Path dir, int shapes, long seed) {
        return write(dir, "sweep-" + seed, env("Test CPU @ 3GHz"), calibration(), rows("gemm", shapes(shapes, seed), seed));
    }
}
