package dev.mlbench.tracks.quantization;

/**
 * INT4 group-wise along each row, groups of 32 or 128 (the last group of a row may be shorter).
 * <ul>
 *   <li>symmetric: scale = absmax / 7, code = clamp(rint(x / scale), -8, 7) + 8, x̂ = (code - 8) · scale;</li>
 *   <li>asymmetric: lo = min(0, min x), hi = max(0, max x), scale = (hi - lo) / 15,
 *       zero = clamp(rint(-lo / scale), 0, 15), code = clamp(rint(x / scale) + zero, 0, 15),
 *       x̂ = (code - zero) · scale.</li>
 * </ul>
 * Division is multiplication by the fp32 inverse of the scale; a group whose scale is 0 or subnormal gets
 * scale 0 and decodes to zeros. Layout: codes as packed nibbles, 16 bytes per 32-element block, byte t holding
 * element t (low nibble) and element t + 16 (high nibble) of the block, the tail block padded with the zero
 * code; scales[rows × groups] fp32; aux[rows × groups] zero points (asymmetric only, else empty).
 */
public final class Int4Codec extends Codec {

    private final int group;
    private final boolean asymmetric;

    public Int4Codec(int group, boolean asymmetric) {
        if (group <= 0 || group % 32 != 0) {
            throw new IllegalArgumentException("group must be a positive multiple of 32: " + group);
        }
        this.group = group;
        this.asymmetric = asymmetric;
    }

    @Override
    public String name() {
        return "int4-g" + group + (asymmetric ? "-asym" : "");
    }

    public int group() {
        return group;
    }

    public boolean asymmetric() {
        return asymmetric;
    }

    /** Groups per row. */
    public int groups(int cols) {
        return (cols + group - 1) / group;
    }

    /** The zero point of group g of row r (8 for symmetric). */
    public static int zero(QuantTensor t, int index) {
        return t.aux().length == 0 ? 8 : t.aux()[index];
    }

    @Override
    public QuantTensor allocate(int rows, int cols, float[] columnAbsMax) {
        int g = groups(cols);
        return new QuantTensor(rows, cols, nibbleRowBytes(cols), new byte[rows * nibbleRowBytes(cols)],
                new float[rows * g], asymmetric ? new byte[rows * g] : new byte[0], new int[0], new float[0]);
    }

    @Override
    public void encodeRows(float[] x, QuantTensor t, int from, int to) {
        int cols = t.cols();
        int g = groups(cols);
        for (int r = from; r < to; r++) {
            int off = r * cols;
            int rowOff = r * t.rowBytes();
            for (int gi = 0; gi < g; gi++) {
                int c0 = gi * group;
                int c1 = Math.min(cols, c0 + group);
                float lo = 0;
                float hi = 0;
                for (int c = c0; c < c1; c++) {
                    lo = Math.min(lo, x[off + c]);
                    hi = Math.max(hi, x[off + c]);
                }
                if (!Float.isFinite(hi - lo)) {
                    absMax(x, off + c0, off + c1);
                }
                float s = asymmetric ? (hi - lo) / 15f : Math.max(hi, -lo) / 7f;
                if (!(s >= Float.MIN_NORMAL)) {
                    s = 0;
                }
                float inv = s == 0 ? 0 : 1f / s;
                int z = asymmetric ? roundClamp(-lo * inv, 0, 15) : 8;
                t.scales()[r * g + gi] = s;
                if (asymmetric) {
                    t.aux()[r * g + gi] = (byte) z;
                }
                for (int c = c0; c < c1; c++) {
                    int q = asymmetric ? Math.clamp((long) Math.rint(x[off + c] * inv) + z, 0, 15) : roundClamp(x[off + c] * inv, -8, 7) + 8;
                    putNibble(t.codes(), rowOff, c, q);
                }
            }
            for (int c = cols; c < t.rowBytes() * 2; c++) {
                putNibble(t.codes(), rowOff, c, asymmetric ? 0 : 8);
            }
        }
    }

    @Override
    public void decodeRows(QuantTensor t, float[] out, int from, int to) {
        int cols = t.cols();
        int g = groups(cols);
        for (int r = from; r < to; r++) {
            int off = r * cols;
            int rowOff = r * t.rowBytes();
            for (int c = 0; c < cols; c++) {
                int gi = r * g + c / group;
                out[off + c] = (nibble(t.codes(), rowOff, c) - zero(t, gi)) * t.scales()[gi];
            }
        }
    }
}
