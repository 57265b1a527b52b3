package dev.mlbench.tracks.quantization;

import java.util.Arrays;
import java.util.List;

/**
 * The formats a workload names: how the weights W (n×k) and, in a GEMV/GEMM, the activations X (m×k) are
 * quantized, and the accuracy floor a kernel's output must reach. Activations are quantized at run time
 * (dynamic quantization); weights once, before timing. The quantize and dequantize ops apply
 * {@link #tensorCodec()} to X.
 */
public enum QuantFormat {
    /** INT8 symmetric, one scale per tensor, weights and activations. */
    INT8("int8", 30, 10),
    /** INT8 vector-wise: a scale per activation row and per output channel (weight row). */
    INT8_VW("int8-vw", 30, 15),
    /** LLM.int8(): outlier activation columns in fp32, the rest INT8 vector-wise; weights INT8 per output channel. */
    LLM_INT8("llm-int8", 33, 35),
    /** INT4 weights, symmetric, groups of 32 along k; fp32 activations. */
    INT4_G32("int4-g32", 16, 15),
    /** INT4 weights, symmetric, groups of 128. */
    INT4_G128("int4-g128", 14, 14),
    /** INT4 weights, asymmetric (zero point), groups of 32. */
    INT4_G32_ASYM("int4-g32-asym", 18, 17),
    /** INT4 weights, asymmetric, groups of 128. */
    INT4_G128_ASYM("int4-g128-asym", 16, 15),
    /** OCP MXINT8, weights and activations. */
    MXINT8("mxint8", 33, 29),
    /** OCP MXFP4 (E2M1) weights; fp32 activations. */
    MXFP4("mxfp4", 15, 14),
    /** Block floating point, int8 mantissas per 32 (numerically MXINT8), weights and activations. */
    BFP8("bfp8", 33, 29),
    /** BFP8 with channels ordered by activation magnitude, so outlier channels share blocks. */
    BFP8_REORDERED("bfp8-reordered", 34, 27);

    private final String label;
    private final double floorGaussian;
    private final double floorOutliers;

    QuantFormat(String label, double floorGaussian, double floorOutliers) {
        this.label = label;
        this.floorGaussian = floorGaussian;
        this.floorOutliers = floorOutliers;
    }

    /** The name used in definitions. */
    public String label() {
        return label;
    }

    /** The format with this name. */
    public static QuantFormat of(String name) {
        for (QuantFormat f : values()) {
            if (f.label.equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "'; known: " + names());
    }

    /** Every format's name. */
    public static List<String> names() {
        return Arrays.stream(values()).map(QuantFormat::label).toList();
    }

    /**
     * The SQNR (dB) a kernel's output must reach against the fp32 product of the unquantized operands (or
     * against the original tensor for quantize/dequantize): a few dB under what the format itself achieves
     * on the track's inputs, so a correct kernel passes and a broken one (a lost group, a wrong scale) fails.
     */
    public double sqnrFloorDb(Activations activations) {
        return activations == Activations.OUTLIERS ? floorOutliers : floorGaussian;
    }

    /** The codec applied to the activations in a GEMV/GEMM, or null when they stay fp32. */
    public Codec activationCodec() {
        return switch (this) {
            case INT8 -> new Int8Codec(false);
            case INT8_VW -> new Int8Codec(true);
            case LLM_INT8 -> new LlmInt8Codec(LlmInt8Codec.DEFAULT_THRESHOLD);
            case MXINT8 -> MxCodec.mxint8();
            case BFP8 -> MxCodec.bfp8(false);
            case BFP8_REORDERED -> MxCodec.bfp8(true);
            default -> null;
        };
    }

    /**
     * The codec applied to the weights (n×k, blocks along k). BFP8-reordered weights follow the column
     * order of the quantized activations {@code x}; for every other format {@code x} is ignored.
     */
    public Codec weightCodec(QuantTensor x) {
        return switch (this) {
            case INT8 -> new Int8Codec(false);
            case INT8_VW, LLM_INT8 -> new Int8Codec(true);
            case INT4_G32 -> new Int4Codec(32, false);
            case INT4_G128 -> new Int4Codec(128, false);
            case INT4_G32_ASYM -> new Int4Codec(32, true);
            case INT4_G128_ASYM -> new Int4Codec(128, true);
            case MXINT8 -> MxCodec.mxint8();
            case MXFP4 -> MxCodec.mxfp4();
            case BFP8 -> MxCodec.bfp8(false);
            case BFP8_REORDERED -> MxCodec.bfp8(x.columns());
        };
    }

    /** Whether the weights are INT4 group-wise (the W4A16 and LUT kernels' formats). */
    public boolean int4Weights() {
        return this == INT4_G32 || this == INT4_G128 || this == INT4_G32_ASYM || this == INT4_G128_ASYM;
    }

    /** The codec the quantize and dequantize ops apply to X: the activation codec, else the weight codec. */
    public Codec tensorCodec() {
        Codec a = activationCodec();
        return a != null ? a : weightCodec(null);
    }
}
