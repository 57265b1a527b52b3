package dev.mlbench.tracks.quantization;

/**
 * The unquantized operands. Kernels must not modify them.
 *
 * @param x m×k activations, row-major
 * @param w n×k weights, row-major (empty for quantize and dequantize)
 */
public record QuantInputs(float[] x, float[] w) {
}
