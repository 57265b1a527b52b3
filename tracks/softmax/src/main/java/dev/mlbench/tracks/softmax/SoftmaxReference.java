package dev.mlbench.tracks.softmax;

/**
 * The exact softmax, computed in double from the fp32 logits.
 *
 * @param y rows × n, row-major
 */
public record SoftmaxReference(double[] y) {
}
