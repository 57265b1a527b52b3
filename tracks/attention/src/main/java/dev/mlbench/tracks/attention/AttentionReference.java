package dev.mlbench.tracks.attention;

/**
 * The reference output and the error scale of each element.
 *
 * @param o     the attention output computed in double, laid out as Q
 * @param scale per element (b, h, i, c): {@code (1 + A_i) · Σ_j p_ij |v_jc|}, where p is the reference softmax
 *              row and {@code A_i = max_j Σ_c |q_ic k_jc| / √d} the largest logit magnitude the fp32 dot products
 *              of that row can reach. fp32 error in a score is bounded by a multiple of that magnitude and turns
 *              into the same relative error in p, so tolerances scale with it instead of with |o|, which
 *              cancellation can make arbitrarily small
 */
public record AttentionReference(double[] o, double[] scale) {
}
