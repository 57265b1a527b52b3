package dev.mlbench.tracks.quantization;

/**
 * One quantization format's encoder and decoder for a rows×cols fp32 matrix, blocks along rows. Encoding is
 * split so kernels can run it on row ranges in parallel: {@link #allocate} fixes everything that depends on
 * the whole matrix (from its per-column |max| when {@link #needsColumnStats()}), then {@link #encodeRows}
 * fills any row range independently. NaN and infinities are rejected with {@link IllegalArgumentException}.
 */
public abstract class Codec {

    /** The format's name as workloads and docs use it. */
    public abstract String name();

    /** Whether {@link #allocate} needs the per-column |max| of the whole matrix. */
    public boolean needsColumnStats() {
        return false;
    }

    /**
     * The empty tensor with every whole-matrix parameter fixed.
     *
     * @param columnAbsMax per-column max |x| over all rows when {@link #needsColumnStats()}, otherwise ignored
     */
    public abstract QuantTensor allocate(int rows, int cols, float[] columnAbsMax);

    /**
     * Like {@link #allocate}, but returns {@code previous} (with its whole-matrix parameters updated) when it
     * has the same shape and the same layout-determining parameters, so repeated encodings reuse their
     * buffers.
     */
    public QuantTensor reallocate(int rows, int cols, float[] columnAbsMax, QuantTensor previous) {
        if (previous != null && previous.rows() == rows && previous.cols() == cols && !needsColumnStats()) {
            return previous;
        }
        return allocate(rows, cols, columnAbsMax);
    }

    /** Encodes rows [from, to) of x (rows×cols, row-major) into t. */
    public abstract void encodeRows(float[] x, QuantTensor t, int from, int to);

    /** Decodes rows [from, to) of t into out (rows×cols, row-major). */
    public abstract void decodeRows(QuantTensor t, float[] out, int from, int to);

    /** Encodes the whole matrix on the calling thread. */
    public final QuantTensor encode(float[] x, int rows, int cols) {
        float[] stats = null;
        if (needsColumnStats()) {
            stats = new float[cols];
            columnAbsMax(x, cols, 0, rows, stats);
        }
        QuantTensor t = allocate(rows, cols, stats);
        encodeRows(x, t, 0, rows);
        return t;
    }

    /** Decodes the whole matrix on the calling thread. */
    public final float[] decode(QuantTensor t) {
        float[] out = new float[t.rows() * t.cols()];
        decodeRows(t, out, 0, t.rows());
        return out;
    }

    /**
     * Merges max |x| of each column over rows [from, to) into {@code into}.
     *
     * @throws IllegalArgumentException at the first NaN or infinity
     */
    public static void columnAbsMax(float[] x, int cols, int from, int to, float[] into) {
        for (int r = from; r < to; r++) {
            int off = r * cols;
            for (int c = 0; c < cols; c++) {
                into[c] = Math.max(into[c], Math.abs(x[off + c]));
            }
        }
        for (int c = 0; c < cols; c++) {
            if (!Float.isFinite(into[c])) {
                throw nonFinite(x, cols, from, to, c);
            }
        }
    }

    /** Max |x[from..to)|, rejecting NaN and infinities. */
    static float absMax(float[] x, int from, int to) {
        float m = 0;
        for (int i = from; i < to; i++) {
            m = Math.max(m, Math.abs(x[i]));
        }
        if (!Float.isFinite(m)) {
            throw new IllegalArgumentException("cannot quantize NaN or infinity (near element " + from + ")");
        }
        return m;
    }

    private static IllegalArgumentException nonFinite(float[] x, int cols, int from, int to, int c) {
        for (int r = from; r < to; r++) {
            if (!Float.isFinite(x[r * cols + c])) {
                return new IllegalArgumentException("cannot quantize " + x[r * cols + c] + " at row " + r + ", column " + c);
            }
        }
        return new IllegalArgumentException("cannot quantize NaN or infinity in column " + c);
    }

    /** Rounds half to even and clamps to [lo, hi]. */
    static int roundClamp(float v, int lo, int hi) {
        return (int) Math.max(lo, Math.min(hi, Math.rint(v)));
    }

    // Packed nibbles: each 32-element block of a row takes 16 bytes; byte t holds element t in its low
    // nibble and element t + 16 in its high nibble, so a SIMD unpack yields 16 consecutive elements twice.

    /** Bytes per row of nibble codes for cols elements (whole 32-element blocks). */
    static int nibbleRowBytes(int cols) {
        return (cols + 31) / 32 * 16;
    }

    /** Byte index of element c in a nibble row starting at rowOff. */
    static int nibbleByte(int rowOff, int c) {
        return rowOff + (c >>> 5) * 16 + (c & 15);
    }

    /** Stores the 4-bit code q of element c. */
    static void putNibble(byte[] codes, int rowOff, int c, int q) {
        int i = nibbleByte(rowOff, c);
        if ((c & 16) == 0) {
            codes[i] = (byte) ((codes[i] & 0xF0) | (q & 0x0F));
        } else {
            codes[i] = (byte) ((codes[i] & 0x0F) | (q << 4));
        }
    }

    /** The 4-bit code (0..15) of element c. */
    public static int nibble(byte[] codes, int rowOff, int c) {
        int b = codes[nibbleByte(rowOff, c)];
        return (c & 16) == 0 ? b & 0x0F : (b >>> 4) & 0x0F;
    }
}
