package dev.mlbench.tracks.gemm;

/**
 * The reference product and the error scale of each element.
 *
 * @param c         A·B accumulated in double, m×n row-major
 * @param magnitude {@code sum_p |a_ip| |b_pj|} per element: fp32 rounding error of any summation order is
 *                  bounded by a multiple of this, so tolerances scale with it instead of with |c|, which
 *                  cancellation can make arbitrarily small
 */
public record GemmReference(double[] c, double[] magnitude) {
}
