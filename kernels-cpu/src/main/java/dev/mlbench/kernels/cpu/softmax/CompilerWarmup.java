package dev.mlbench.kernels.cpu.softmax;

/**
 * Runs an algorithm on a small private row until C2 has compiled it, before the kernel's first timed run.
 *
 * <p>Until C2 compiles it, Vector API code runs as plain Java that allocates every intermediate vector, a
 * thousand times slower than compiled: one operation on a 64 Mi tensor takes minutes, and a short benchmark
 * warm-up of a small tensor never reaches the compile thresholds. Running the passes here, outside the timed
 * region as everything {@code prepare} does, lets every workload start from compiled code. The warm-up stops as
 * soon as calls run at compiled speed, so only the first kernel of its kind in a JVM pays for it.
 */
final class CompilerWarmup {

    /**
     * Calls alternate between a long row (two summation blocks and a tail: both branches of a block merge, the
     * masked tail) and a short one at an odd offset (a row shorter than a block, as most workloads have), so
     * that the compiled code has seen both and is not thrown away at the first real row.
     */
    private static final int ROW = 2 * SoftmaxAlgorithm.BLOCK + 13;
    private static final int SHORT_FROM = 3;
    private static final int SHORT_TO = 1030;
    /** A compiled call on {@link #ROW} takes a few microseconds; an uncompiled one milliseconds. */
    private static final long COMPILED_NANOS = 200_000;
    /** Consecutive calls at compiled speed that end the warm-up. */
    private static final int COMPILED_CALLS = 50;
    /** The warm-up gives up after this long (a very busy machine compiles slowly); the benchmark's own warm-up continues it. */
    private static final long MAX_NANOS = 3_000_000_000L;

    private CompilerWarmup() {
    }

    /** Runs {@code algorithm} until it runs at compiled speed or {@link #MAX_NANOS} have passed. */
    static void warmUp(SoftmaxAlgorithm algorithm) {
        float[] x = new float[ROW];
        float[] y = new float[ROW];
        for (int i = 0; i < ROW; i++) {
            // The first block holds the row maximum, so the second block merges into a larger level.
            x[i] = (float) Math.sin(i * 0.37) * (i < SoftmaxAlgorithm.BLOCK ? 8 : 4);
        }
        double[] scratch = new double[SoftmaxAlgorithm.SCRATCH];
        long deadline = System.nanoTime() + MAX_NANOS;
        int fast = 0;
        for (int call = 0; fast < COMPILED_CALLS && System.nanoTime() < deadline; call++) {
            long start = System.nanoTime();
            if (call % 2 == 0) {
                algorithm.row(x, y, 0, ROW, scratch);
            } else {
                algorithm.row(x, y, SHORT_FROM, SHORT_TO, scratch);
            }
            fast = System.nanoTime() - start < COMPILED_NANOS ? fast + 1 : 0;
        }
    }
}
