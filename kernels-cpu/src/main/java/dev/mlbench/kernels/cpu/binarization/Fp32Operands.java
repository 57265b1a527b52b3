package dev.mlbench.kernels.cpu.binarization;

/** Operand layouts the fp32 comparison kernels share. */
final class Fp32Operands {

    private Fp32Operands() {
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
