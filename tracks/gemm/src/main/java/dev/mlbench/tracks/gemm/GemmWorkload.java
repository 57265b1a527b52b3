package dev.mlbench.tracks.gemm;

/**
 * One GEMM: C[m×n] = α·op(A)·op(B) + β·C, all fp32, row-major, with op(A) m×k and op(B) k×n stored as
 * {@code layout} says.
 *
 * @param m      rows of op(A) and C
 * @param n      columns of op(B) and C
 * @param k      columns of op(A), rows of op(B) (the reduction length)
 * @param layout how A and B are stored
 * @param alpha  scale of the product
 * @param beta   scale of the initial C; when 0 the initial C is not read at all (as in BLAS)
 */
public record GemmWorkload(int m, int n, int k, GemmLayout layout, float alpha, float beta) {

    /** Default α: the plain product. */
    public static final float DEFAULT_ALPHA = 1f;
    /** Default β: C is overwritten. */
    public static final float DEFAULT_BETA = 0f;

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
        if (layout == null) {
            throw new IllegalArgumentException("layout is required");
        }
        if (!Float.isFinite(alpha) || !Float.isFinite(beta)) {
            throw new IllegalArgumentException("alpha and beta must be finite floats: alpha=" + alpha + ", beta=" + beta);
        }
    }

    /** C = A·B, both stored as used. */
    public GemmWorkload(int m, int n, int k) {
        this(m, n, k, GemmLayout.NN, DEFAULT_ALPHA, DEFAULT_BETA);
    }

    /** Whether the initial C takes part (β ≠ 0). */
    public boolean readsC() {
        return beta != 0f;
    }

    /** Whether α, β and the layout are the defaults (C = A·B, NN). */
    public boolean isPlainProduct() {
        return layout == GemmLayout.NN && alpha == DEFAULT_ALPHA && beta == DEFAULT_BETA;
    }
}
