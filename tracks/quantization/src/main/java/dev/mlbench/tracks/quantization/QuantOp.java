package dev.mlbench.tracks.quantization;

/** The operation a workload times. */
public enum QuantOp {
    /** Encode X (m×k) into the format; the output is the decoded result of the encoding. */
    QUANTIZE,
    /** Decode an encoded X back to fp32. */
    DEQUANTIZE,
    /** y = x·Wᵀ for one row x (m = 1). */
    GEMV,
    /** Y = X·Wᵀ for m rows. */
    GEMM;

    /** The name used in definitions. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether this op multiplies by the weights. */
    public boolean isProduct() {
        return this == GEMV || this == GEMM;
    }

    /** The op with this name. */
    public static QuantOp of(String name) {
        for (QuantOp o : values()) {
            if (o.label().equals(name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown op '" + name + "'; known: quantize, dequantize, gemv, gemm");
    }
}
