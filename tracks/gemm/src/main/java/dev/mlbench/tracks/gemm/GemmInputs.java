package dev.mlbench.tracks.gemm;

/**
 * The operands of one GEMM, row-major. Kernels must not modify them.
 *
 * @param a m×k, element (i, p) at {@code a[i * k + p]}
 * @param b k×n, element (p, j) at {@code b[p * n + j]}
 */
public record GemmInputs(float[] a, float[] b) {
}
