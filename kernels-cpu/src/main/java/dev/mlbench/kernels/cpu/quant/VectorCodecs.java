package dev.mlbench.kernels.cpu.quant;

import dev.mlbench.tracks.quantization.Codec;
import dev.mlbench.tracks.quantization.Int4Codec;
import dev.mlbench.tracks.quantization.Int8Codec;
import dev.mlbench.tracks.quantization.MxCodec;
import dev.mlbench.tracks.quantization.QuantFormat;
import dev.mlbench.tracks.quantization.QuantTensor;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector API versions of some of the track's encoders and decoders, bit for bit the same results: INT8
 * quantize (per tensor and per row), and decoding of INT8, INT4, MXINT8/BFP8 and MXFP4. Formats without a
 * vector path here use the track's scalar codec.
 */
final class VectorCodecs {

    /** 1.5·2^23: adding and subtracting it rounds a float of magnitude below 2^22 to nearest even. */
    private static final float ROUNDER = 12582912f;
    private static final int L = QuantVector.L;

    private VectorCodecs() {
    }

    /** Whether rows of this format encode on the vector path. */
    static boolean encodes(QuantFormat f) {
        return f == QuantFormat.INT8 || f == QuantFormat.INT8_VW;
    }

    /** Whether rows of this format decode on the vector path. */
    static boolean decodes(QuantFormat f) {
        return f != QuantFormat.LLM_INT8 && f != QuantFormat.BFP8_REORDERED;
    }

    /** INT8 (per tensor: the scale already in t; per row: computed here) for rows [from, to). */
    static void encodeInt8(float[] x, QuantTensor t, boolean perRow, int from, int to) {
        int cols = t.cols();
        for (int r = from; r < to; r++) {
            int off = r * cols;
            if (perRow) {
                t.scales()[r] = Int8Codec.scaleOf(absMax(x, off, cols));
            }
            float inv = Int8Codec.inverse(t.scales()[perRow ? r : 0]);
            int c = 0;
            for (; c + L <= cols; c += L) {
                FloatVector v = FloatVector.fromArray(QuantVector.F, x, off + c).mul(inv).max(-127f).min(127f);
                v.add(ROUNDER).sub(ROUNDER).convertShape(VectorOperators.F2B, QuantVector.B, 0)
                        .reinterpretAsBytes().intoArray(t.codes(), off + c);
            }
            Int8Codec.quantizeRow(x, off + c, cols - c, inv, t.codes(), off + c);
        }
    }

    private static float absMax(float[] x, int off, int len) {
        FloatVector m = FloatVector.zero(QuantVector.F);
        int c = 0;
        for (; c + L <= len; c += L) {
            m = m.max(FloatVector.fromArray(QuantVector.F, x, off + c).abs());
        }
        float max = m.reduceLanes(VectorOperators.MAX);
        for (; c < len; c++) {
            max = Math.max(max, Math.abs(x[off + c]));
        }
        if (!Float.isFinite(max)) {
            throw new IllegalArgumentException("cannot quantize NaN or infinity (in the row starting at element " + off + ")");
        }
        return max;
    }

    /** Decodes rows [from, to) of t, encoded by {@code codec} in format f, into out. */
    static void decode(QuantFormat f, Codec codec, QuantTensor t, float[] out, int from, int to) {
        int cols = t.cols();
        for (int r = from; r < to; r++) {
            int off = r * cols;
            int rowOff = r * t.rowBytes();
            switch (f) {
                case INT8, INT8_VW -> scaleBytes(t.codes(), rowOff, t.scales()[f == QuantFormat.INT8 ? 0 : r], out, off, cols);
                case MXINT8, BFP8 -> {
                    int blocks = (cols + 31) / 32;
                    for (int b = 0; b < blocks; b++) {
                        int c0 = b * 32;
                        scaleBytes(t.codes(), rowOff + c0, MxCodec.scale(t.aux()[r * blocks + b]) / 64f, out, off + c0, Math.min(32, cols - c0));
                    }
                }
                case MXFP4 -> {
                    int blocks = (cols + 31) / 32;
                    for (int b = 0; b < cols / 32; b++) {
                        QuantVector.decodeFp4(t.codes(), rowOff + b * 16, MxCodec.scale(t.aux()[r * blocks + b]) * 0.5f, out, off + b * 32);
                    }
                    for (int c = cols / 32 * 32; c < cols; c++) {
                        out[off + c] = MxCodec.fp4Value(Codec.nibble(t.codes(), rowOff, c)) * MxCodec.scale(t.aux()[r * blocks + c / 32]);
                    }
                }
                default -> {
                    Int4Codec c4 = (Int4Codec) codec;
                    int groups = c4.groups(cols);
                    for (int b = 0; b < cols / 32; b++) {
                        int gi = r * groups + b * 32 / c4.group();
                        QuantVector.decodeNibbles(t.codes(), rowOff + b * 16, Int4Codec.zero(t, gi), t.scales()[gi], out, off + b * 32);
                    }
                    for (int c = cols / 32 * 32; c < cols; c++) {
                        int gi = r * groups + c / c4.group();
                        out[off + c] = (Codec.nibble(t.codes(), rowOff, c) - Int4Codec.zero(t, gi)) * t.scales()[gi];
                    }
                }
            }
        }
    }

    /** out[i] = codes[i] · scale for len int8 codes. */
    private static void scaleBytes(byte[] codes, int cOff, float scale, float[] out, int off, int len) {
        int c = 0;
        for (; c + L <= len; c += L) {
            ((FloatVector) ByteVector.fromArray(QuantVector.B, codes, cOff + c).convertShape(VectorOperators.B2F, QuantVector.F, 0))
                    .mul(scale).intoArray(out, off + c);
        }
        for (; c < len; c++) {
            out[off + c] = codes[cOff + c] * scale;
        }
    }
}
