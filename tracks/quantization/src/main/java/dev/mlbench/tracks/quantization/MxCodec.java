package dev.mlbench.tracks.quantization;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Shared-exponent block formats, blocks of 32 along a row (the row's last block may be shorter), after the
 * OCP Microscaling (MX) v1.0 rule: for a block with amax = max |x|, the shared scale is
 * X = 2^(floor(log2(amax)) - emax), emax being the exponent of the element format's largest normal number;
 * floor(log2) is read exactly from the fp32 exponent bits (subnormals included), never from a floating-point
 * logarithm, which rounds up just below powers of two. The exponent is stored as E8M0 (biased by 127) and
 * clamped to [-127, 127]; an all-zero block gets -127. Elements are x / X rounded to nearest, ties to even,
 * saturating at the element format's largest magnitude.
 * <ul>
 *   <li>{@code mxint8}: elements int8 with an implicit scale 2^-6 (emax 0), clamped to [-127, 127]; one byte
 *       per element, rows×cols.</li>
 *   <li>{@code mxfp4}: elements FP4 E2M1 (emax 2; magnitudes 0, 0.5, 1, 1.5, 2, 3, 4, 6; code = sign bit 3,
 *       exponent bits 2-1, mantissa bit 0), packed nibbles in the int4 layout, zero codes in the padding.</li>
 *   <li>{@code bfp8}: block floating point with int8 mantissas and a shared 8-bit exponent per 32 elements;
 *       with this rule it is numerically MXINT8, and is listed to pair with {@code bfp8-reordered}, which
 *       first orders the columns by their max |x| over all rows, largest first, so outlier channels share
 *       blocks and no longer crush the ordinary channels of theirs; {@code columns} holds that order and
 *       codes are stored in it.</li>
 * </ul>
 * aux[rows × blocks] holds the E8M0 bytes.
 */
public final class MxCodec extends Codec {

    /** Elements per block. */
    public static final int BLOCK = 32;

    /** The element formats. */
    public enum Element { INT8, FP4 }

    private static final float[] FP4 = {0f, 0.5f, 1f, 1.5f, 2f, 3f, 4f, 6f};

    private final String name;
    private final Element element;
    private final boolean reorder;
    private final int[] fixedOrder;

    private MxCodec(String name, Element element, boolean reorder, int[] fixedOrder) {
        this.name = name;
        this.element = element;
        this.reorder = reorder;
        this.fixedOrder = fixedOrder;
    }

    public static MxCodec mxint8() {
        return new MxCodec("mxint8", Element.INT8, false, null);
    }

    public static MxCodec mxfp4() {
        return new MxCodec("mxfp4", Element.FP4, false, null);
    }

    /** BFP8, in natural column order or reordered by column magnitude. */
    public static MxCodec bfp8(boolean reorder) {
        return new MxCodec(reorder ? "bfp8-reordered" : "bfp8", Element.INT8, reorder, null);
    }

    /** BFP8 in a given column order (weights follow the order their activations chose). */
    public static MxCodec bfp8(int[] order) {
        return new MxCodec("bfp8-reordered", Element.INT8, true, order.clone());
    }

    public Element element() {
        return element;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean needsColumnStats() {
        return reorder && fixedOrder == null;
    }

    /** Columns ordered by max |x| descending, ties by index. */
    public static int[] magnitudeOrder(float[] columnAbsMax) {
        return IntStream.range(0, columnAbsMax.length).boxed()
                .sorted(Comparator.comparingDouble((Integer c) -> -columnAbsMax[c]).thenComparingInt(c -> c))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Exponent of the element format's largest normal magnitude. */
    public int emax() {
        return element == Element.FP4 ? 2 : 0;
    }

    @Override
    public QuantTensor allocate(int rows, int cols, float[] columnAbsMax) {
        int blocks = (cols + BLOCK - 1) / BLOCK;
        int rowBytes = element == Element.INT8 ? cols : nibbleRowBytes(cols);
        int[] order = !reorder ? new int[0] : fixedOrder != null ? fixedOrder.clone() : magnitudeOrder(columnAbsMax);
        if (order.length != 0 && order.length != cols) {
            throw new IllegalArgumentException("column order has " + order.length + " entries for " + cols + " columns");
        }
        return new QuantTensor(rows, cols, rowBytes, new byte[rows * rowBytes], new float[0], new byte[rows * blocks], order,
                new float[0]);
    }

    @Override
    public QuantTensor reallocate(int rows, int cols, float[] columnAbsMax, QuantTensor previous) {
        if (previous != null && previous.rows() == rows && previous.cols() == cols
                && (!needsColumnStats() || java.util.Arrays.equals(previous.columns(), magnitudeOrder(columnAbsMax)))) {
            return previous;
        }
        return allocate(rows, cols, columnAbsMax);
    }

    /** floor(log2(a)) for a finite a > 0, exact, subnormals included. */
    public static int floorLog2(float a) {
        int e = Math.getExponent(a);
        if (e < Float.MIN_EXPONENT) {
            e = -149 + 31 - Integer.numberOfLeadingZeros(Float.floatToRawIntBits(a));
        }
        return e;
    }

    /** The shared exponent of a block with this max |x|, clamped to E8M0's [-127, 127]. */
    public int sharedExponent(float amax) {
        if (amax == 0) {
            return -127;
        }
        return Math.clamp(floorLog2(amax) - emax(), -127, 127);
    }

    /** The element code of v = x / X (already scaled), rounded to nearest even, saturating. */
    public int encodeElement(double v) {
        return switch (element) {
            case INT8 -> (int) Math.clamp(Math.rint(v * 64), -127, 127);
            case FP4 -> fp4(v);
        };
    }

    /** The value of an element code, before the shared scale. */
    public float decodeElement(int code) {
        return switch (element) {
            case INT8 -> (byte) code / 64f;
            case FP4 -> fp4Value(code);
        };
    }

    /** FP4 E2M1 code (0..15) of v: round to nearest, ties to the even mantissa, saturating at ±6. */
    public static int fp4(double v) {
        double a = Math.abs(v);
        int m;
        if (a <= 0.25) {
            m = 0;
        } else if (a < 0.75) {
            m = 1;
        } else if (a <= 1.25) {
            m = 2;
        } else if (a < 1.75) {
            m = 3;
        } else if (a <= 2.5) {
            m = 4;
        } else if (a < 3.5) {
            m = 5;
        } else if (a <= 5) {
            m = 6;
        } else {
            m = 7;
        }
        return m == 0 ? 0 : v < 0 ? m | 8 : m;
    }

    /** The value of an FP4 E2M1 code. */
    public static float fp4Value(int code) {
        float m = FP4[code & 7];
        return (code & 8) != 0 ? -m : m;
    }

    @Override
    public void encodeRows(float[] x, QuantTensor t, int from, int to) {
        int cols = t.cols();
        int blocks = (cols + BLOCK - 1) / BLOCK;
        int[] order = t.columns();
        float[] row = new float[cols];
        for (int r = from; r < to; r++) {
            int off = r * cols;
            if (order.length == 0) {
                System.arraycopy(x, off, row, 0, cols);
            } else {
                for (int p = 0; p < cols; p++) {
                    row[p] = x[off + order[p]];
                }
            }
            int rowOff = r * t.rowBytes();
            for (int b = 0; b < blocks; b++) {
                int c0 = b * BLOCK;
                int c1 = Math.min(cols, c0 + BLOCK);
                int e = sharedExponent(absMax(row, c0, c1));
                t.aux()[r * blocks + b] = (byte) (e + 127);
                double inv = Math.scalb(1.0, -e);
                for (int c = c0; c < c1; c++) {
                    int q = encodeElement(row[c] * inv);
                    if (element == Element.INT8) {
                        t.codes()[rowOff + c] = (byte) q;
                    } else {
                        putNibble(t.codes(), rowOff, c, q);
                    }
                }
            }
        }
    }

    /** The scale 2^(e8m0 - 127) of a stored E8M0 byte. */
    public static float scale(byte e8m0) {
        return Math.scalb(1f, (e8m0 & 0xFF) - 127);
    }

    @Override
    public void decodeRows(QuantTensor t, float[] out, int from, int to) {
        int cols = t.cols();
        int blocks = (cols + BLOCK - 1) / BLOCK;
        int[] order = t.columns();
        for (int r = from; r < to; r++) {
            int off = r * cols;
            int rowOff = r * t.rowBytes();
            for (int c = 0; c < cols; c++) {
                int code = element == Element.INT8 ? t.codes()[rowOff + c] : nibble(t.codes(), rowOff, c);
                float v = decodeElement(code) * scale(t.aux()[r * blocks + c / BLOCK]);
                out[off + (order.length == 0 ? c : order[c])] = v;
            }
        }
    }

    @Override
    public String toString() {
        return name() + (fixedOrder == null ? "" : " in a given order of " + fixedOrder.length + " columns");
    }
}
