package dev.mlbench.kernels.cpu.softmax;

/**
 * Runs an algorithm on a small private tensor with the workload's row length until C2 has compiled it, before the
 * kernel's first timed run.
 *
 * <p>Until C2 compiles it, Vector API code runs as plain Java that allocates every intermediate vector, a
 * thousand times slower than compiled: one operation on a 64 Mi tensor takes minutes, and a short benchmark
 * warm-up of a small tensor never reaches the compile thresholds. Running the passes here, outside the timed
 * region as everything {@code prepare} does, lets every workload start from compiled code. The warm-up stops as
 * soon as calls run at compiled speed, so only the first kernel of its kind in a JVM pays for it.
 *
 * <p>The rows are as long as the workload's (up to {@link #ROW}): C2 inlines by the call counts it has seen, and a
 * warm-up on long rows only, where a row's lane reductions and merges run once per 2048 elements, made it leave
 * them out of line; a workload of 7-element rows then boxed vectors on every row and ran 30 times slower
 * (docs/performance.md, softmax).
 */
final class CompilerWarmup {

    /** The longest warm-up row: two summation blocks and a tail, so both branches of a block merge and the masked tail run. */
    private static final int ROW = 2 * SoftmaxAlgorithm.BLOCK + 13;
    /** A compiled call on about {@link #ROW} elements takes a few microseconds; an uncompiled one milliseconds. */
    private static final long COMPILED_NANOS = 200_000;
    /** Consecutive calls at compiled speed that end the warm-up. */
    private static final int COMPILED_CALLS = 50;
    /** The warm-up gives up after this long (a very busy machine compiles slowly); the benchmark's own warm-up continues it. */
    private static final long MAX_NANOS = 3_000_000_000L;

    private CompilerWarmup() {
    }

    /**
     * Runs {@code algorithm} on rows of {@code min(n, ROW)} elements, about {@link #ROW} elements in all, until it
     * runs at compiled speed or {@link #MAX_NANOS} have passed.
     */
    static void warmUp(SoftmaxAlgorithm algorithm, int n) {
        int length = Math.max(1, Math.min(n, ROW));
        int rows = (ROW + length - 1) / length;
        float[] x = new float[rows * length];
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            // The first block of a long row holds its maximum, so the second block merges into a larger level.
            x[i] = (float) Math.sin(i * 0.37) * (i % length < SoftmaxAlgorithm.BLOCK ? 8 : 4);
        }
        Scratch scratch = new Scratch(length);
        long deadline = System.nanoTime() + MAX_NANOS;
        int fast = 0;
        while (fast < COMPILED_CALLS && System.nanoTime() < deadline) {
            long start = System.nanoTime();
            algorithm.rows(x, y, 0, rows, length, scratch);
            fast = System.nanoTime() - start < COMPILED_NANOS ? fast + 1 : 0;
        }
    }
}
