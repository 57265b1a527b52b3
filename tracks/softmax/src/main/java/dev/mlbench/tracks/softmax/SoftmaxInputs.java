package dev.mlbench.tracks.softmax;

/**
 * The logits of one softmax workload. Kernels must not modify them.
 *
 * @param x rows × n, row-major: element j of row i at {@code x[i * n + j]}
 */
public record SoftmaxInputs(float[] x) {
}
