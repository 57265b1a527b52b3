package dev.mlbench.kernels.cpu.binarization;

import dev.mlbench.tracks.binarization.BinarizationWorkload;
import dev.mlbench.tracks.binarization.BinaryOp;

import java.util.Optional;

/** What the fp32 comparison kernels share: the workloads they serve and their operand layouts. */
final class Fp32Operands {

    private Fp32Operands() {
    }

    /** The fp32 operator exists for gemm and conv3x3; pack has none. */
    static Optional<String> unsupported(BinarizationWorkload w) {
        return w.op() == BinaryOp.PACK ? Optional.of("fp32 kernels compute gemm and conv3x3, not pack") : Optional.empty();
    }

    /** {@code W}ᵀ ({@code k × n}) from the weights ({@code n × k}, one row per output channel). */
    static float[] transposedWeights(float[] weights, int n, int k) {
        float[] b = new float[k * n];
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < k; p++) {
                b[p * n + j] = weights[j * k + p];
            }
        }
        return b;
    }
}
