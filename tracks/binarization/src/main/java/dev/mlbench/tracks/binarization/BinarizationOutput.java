package dev.mlbench.tracks.binarization;

/**
 * A kernel's result.
 *
 * @param kind   which of the three results it is
 * @param packed {@link Kind#PACKED}: the packed activation signs; null otherwise
 * @param values {@link Kind#PACKED}: the activation scales r_i (empty when the algorithm has none);
 *               otherwise the operator's output, {@code rows() × columns()} row-major
 */
public record BinarizationOutput(Kind kind, long[] packed, float[] values) {

    /** What a kernel computed. */
    public enum Kind {
        /** The packed activations of the pack op. */
        PACKED,
        /** The binarized operator's output, checked exactly against the ±1 forward. */
        BINARY,
        /** The fp32 operator's output (the comparison kernels), checked like the gemm track. */
        FP32
    }

    /** The result of a pack. */
    public static BinarizationOutput packed(long[] bits, float[] rowScales) {
        return new BinarizationOutput(Kind.PACKED, bits, rowScales);
    }

    /** The output of a binarized operator. */
    public static BinarizationOutput binary(float[] y) {
        return new BinarizationOutput(Kind.BINARY, null, y);
    }

    /** The output of the fp32 operator. */
    public static BinarizationOutput fp32(float[] y) {
        return new BinarizationOutput(Kind.FP32, null, y);
    }
}
