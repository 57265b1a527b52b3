package dev.mlbench.tracks.binarization;

import java.util.Arrays;
import java.util.List;

/** The binarized operations the track measures. */
public enum BinaryOp {
    /** Activations (m×k, fp32) to sign bits in 64-bit words plus the algorithm's activation scales. */
    PACK("pack"),
    /** Y[m×n] = binarized activations (m×k) times binarized weights (n×k) transposed, with the algorithm's scales. */
    GEMM("gemm"),
    /** A 3×3 convolution, stride 1, padding 1, channels-last (HWC activations, OHWI weights), through im2col + binary GEMM. */
    CONV3X3("conv3x3");

    private final String key;

    BinaryOp(String key) {
        this.key = key;
    }

    /** The name used in definitions. */
    public String key() {
        return key;
    }

    /** The op named {@code key}; IllegalArgumentException naming the valid ones otherwise. */
    public static BinaryOp of(String key) {
        for (BinaryOp op : values()) {
            if (op.key.equals(key)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown op '" + key + "'; valid: " + keys());
    }

    /** Every op's definition name. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(BinaryOp::key).toList();
    }
}
