package dev.mlbench.kernels.cpu.softmax;

/**
 * What one thread's softmax calls work in, allocated once when the kernel is prepared: a row's (level, sum) in
 * double, two vectors' lanes of state, and the gather offsets of rows shorter than a vector.
 *
 * <p>State passes between the methods of an algorithm through {@link #lanes}, not as vector arguments: C2 compiles
 * a method holding an exp or a long loop on its own rather than inline it, and a vector passed to or returned from
 * a method it has not inlined is boxed on the heap, once per row for short rows (docs/performance.md, softmax).
 */
final class Scratch {

    /** A row's (level, sum) pair, in double. */
    final double[] pair = new double[2];
    /** Two vectors of lane state: lanes [0, L) and [L, 2L). */
    final float[] lanes = new float[2 * SoftmaxAlgorithm.L];
    /** {@link SoftmaxAlgorithm#laneOffsets} for the row length this scratch serves. */
    final int[][] offsets;

    /** Scratch for rows of {@code n} elements. */
    Scratch(int n) {
        offsets = SoftmaxAlgorithm.laneOffsets(n);
    }
}
