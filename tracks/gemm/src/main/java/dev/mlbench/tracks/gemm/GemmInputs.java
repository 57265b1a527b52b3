package dev.mlbench.tracks.gemm;

/**
 * The operands of one GEMM, row-major, stored as the workload's {@link GemmLayout} says. Kernels must not
 * modify them: a kernel writes α·op(A)·op(B) + β·C into its own output.
 *
 * @param a op(A): m×k, element (i, p) at {@code layout.aIndex(i, p, m, k)}
 * @param b op(B): k×n, element (p, j) at {@code layout.bIndex(p, j, k, n)}
 * @param c the initial C, m×n; read only when β ≠ 0, and empty when β = 0
 */
public record GemmInputs(float[] a, float[] b, float[] c) {

    private static final float[] NO_C = new float[0];

    /** Operands of a GEMM that does not read C (β = 0). */
    public GemmInputs(float[] a, float[] b) {
        this(a, b, NO_C);
    }
}
