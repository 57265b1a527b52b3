package dev.mlbench.cli.testkernels;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmTrack;
import dev.mlbench.tracks.gemm.GemmWorkload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Correct, with a known and steady cost: each operation waits {@code cost_us} microseconds times a slowdown
 * factor, parked rather than spinning. A parked thread does not compete for the CPU and, having slept, is
 * scheduled promptly when it wakes, so the cost holds even on a loaded machine where a busy loop would be
 * stretched by every other process. The factor is read when the kernel is prepared (so also in every JMH fork) from the file
 * {@link #SLOWDOWN_FILE} in {@code java.io.tmpdir}, and is 1 when the file is absent. Tests write the file to
 * inject a regression without changing the kernel's parameters, so the rows of two runs still match.
 */
public final class FixedCostGemmKernel extends GemmKernel {

    /** Name of the slowdown file in {@code java.io.tmpdir}: a factor such as {@code 1.15}. */
    public static final String SLOWDOWN_FILE = "bench-test-fixed-cost-slowdown";

    /** The slowdown file the harness JVM and its JMH forks read. */
    public static Path slowdownFile() {
        return Path.of(System.getProperty("java.io.tmpdir"), SLOWDOWN_FILE);
    }

    @Override
    public String name() {
        return "fixed";
    }

    @Override
    public String backend() {
        return "cpu-scalar";
    }

    @Override
    public List<ParamSpec> tunables() {
        return List.of(ParamSpec.optionalInt("cost_us", 1, 1_000_000, 2000, "microseconds waited per operation, before the slowdown"));
    }

    @Override
    public Prepared<float[]> prepare(GemmWorkload w, GemmInputs in, KernelConfig config) {
        long costNs = Math.round(config.params().getLong("cost_us") * 1000 * slowdown());
        double[] ref = GemmTrack.referenceProduct(w, in).c();
        float[] c = new float[w.m() * w.n()];
        return new Prepared<>() {
            @Override
            public void run() {
                long end = System.nanoTime() + costNs;
                for (long left = costNs; left > 0; left = end - System.nanoTime()) {
                    LockSupport.parkNanos(left); // may return early: park again for what is left
                }
                for (int i = 0; i < c.length; i++) {
                    c[i] = (float) ref[i];
                }
            }

            @Override
            public float[] output() {
                return c;
            }
        };
    }

    private static double slowdown() {
        try {
            return Files.exists(slowdownFile()) ? Double.parseDouble(Files.readString(slowdownFile()).trim()) : 1.0;
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("unreadable " + slowdownFile() + ": " + e.getMessage(), e);
        }
    }
}
