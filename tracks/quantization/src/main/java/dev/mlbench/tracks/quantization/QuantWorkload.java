package dev.mlbench.tracks.quantization;

/**
 * One quantization workload. For gemv and gemm: Y[m×n] = X[m×k] · Wᵀ with W n×k (output channels × input
 * features, as a Linear layer stores it). For quantize and dequantize: X[m×k] only (n is ignored).
 *
 * @param op          the timed operation
 * @param m           rows of X (tokens); 1 for gemv
 * @param n           output channels (rows of W)
 * @param k           input features: the reduction length, along which blocks and groups run
 * @param format      the quantization format
 * @param activations how X is drawn
 */
public record QuantWorkload(QuantOp op, int m, int n, int k, QuantFormat format, Activations activations) {

    public QuantWorkload {
        if (m < 1 || n < 1 || k < 1) {
            throw new IllegalArgumentException("dimensions must be positive: m=" + m + ", n=" + n + ", k=" + k);
        }
        if (op == QuantOp.GEMV && m != 1) {
            throw new IllegalArgumentException("gemv has m = 1 (got " + m + "); use op gemm for more rows");
        }
        long[] sizes = op.isProduct() ? new long[] {(long) m * k, (long) n * k, (long) m * n} : new long[] {(long) m * k};
        for (long elements : sizes) {
            if (elements > QuantTrack.MAX_MATRIX_ELEMENTS) {
                throw new IllegalArgumentException("a matrix of " + elements + " elements is larger than a Java array can hold");
            }
        }
    }

    /** Elements of the output: m×n for products, m×k for quantize and dequantize. */
    public int outputLength() {
        return op.isProduct() ? m * n : m * k;
    }
}
