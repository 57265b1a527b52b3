package dev.mlbench.tracks.gemm;

/**
 * One GEMM shape: C[m×n] = A[m×k] · B[k×n], all fp32, row-major.
 *
 * @param m rows of A and C
 * @param n columns of B and C
 * @param k columns of A, rows of B (the reduction length)
 */
public record GemmWorkload(int m, int n, int k) {

    public GemmWorkload {
        if (m < 1 || n < 1 || k < 1) {
            throw new IllegalArgumentException("dimensions must be positive: m=" + m + ", n=" + n + ", k=" + k);
        }
        for (long elements : new long[] {(long) m * k, (long) k * n, (long) m * n}) {
            if (elements > GemmTrack.MAX_MATRIX_ELEMENTS) {
                throw new IllegalArgumentException("a matrix of " + elements + " elements is larger than a Java array can hold ("
                        + GemmTrack.MAX_MATRIX_ELEMENTS + ")");
            }
        }
    }
}
