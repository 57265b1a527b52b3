package dev.mlbench.tracks.quantization;

/**
 * Symmetric INT8, per tensor or per row ("vector-wise", as LLM.int8() quantizes rows of activations and
 * output channels of weights). scale = absmax / 127 (fp32), q = clamp(rint(x · (1 / scale)), -127, 127),
 * x̂ = q · scale. A tensor or row whose scale would be 0 or subnormal (absmax below about 1.5e-36) gets
 * scale 0 and codes 0. Layout: codes rows×cols int8 (two's complement); scales[1] or scales[rows].
 */
public final class Int8Codec extends Codec {

    private final boolean perRow;

    public Int8Codec(boolean perRow) {
        this.perRow = perRow;
    }

    @Override
    public String name() {
        return perRow ? "int8-vw" : "int8";
    }

    @Override
    public boolean needsColumnStats() {
        return !perRow;
    }

    @Override
    public QuantTensor allocate(int rows, int cols, float[] columnAbsMax) {
        float[] scales;
        if (perRow) {
            scales = new float[rows];
        } else {
            float m = 0;
            for (float v : columnAbsMax) {
                m = Math.max(m, v);
            }
            scales = new float[] {scaleOf(m)};
        }
        return new QuantTensor(rows, cols, cols, new byte[rows * cols], scales, new byte[0], new int[0], new float[0]);
    }

    @Override
    public QuantTensor reallocate(int rows, int cols, float[] columnAbsMax, QuantTensor previous) {
        if (perRow || previous == null || previous.rows() != rows || previous.cols() != cols) {
            return perRow ? super.reallocate(rows, cols, columnAbsMax, previous) : allocate(rows, cols, columnAbsMax);
        }
        previous.scales()[0] = allocate(0, 0, columnAbsMax).scales()[0];
        return previous;
    }

    @Override
    public void encodeRows(float[] x, QuantTensor t, int from, int to) {
        int cols = t.cols();
        for (int r = from; r < to; r++) {
            int off = r * cols;
            float inv;
            if (perRow) {
                t.scales()[r] = scaleOf(absMax(x, off, off + cols));
                inv = inverse(t.scales()[r]);
            } else {
                inv = inverse(t.scales()[0]);
            }
            quantizeRow(x, off, cols, inv, t.codes(), off);
        }
    }

    @Override
    public void decodeRows(QuantTensor t, float[] out, int from, int to) {
        int cols = t.cols();
        for (int r = from; r < to; r++) {
            float s = t.scales()[perRow ? r : 0];
            int off = r * cols;
            for (int c = 0; c < cols; c++) {
                out[off + c] = t.codes()[off + c] * s;
            }
        }
    }

    /** absmax / 127, or 0 where that is not a normal float. */
    public static float scaleOf(float absMax) {
        float s = absMax / 127f;
        return s >= Float.MIN_NORMAL ? s : 0;
    }

    /** 1 / scale, or 0 for scale 0 (every code 0). */
    public static float inverse(float scale) {
        return scale == 0 ? 0 : 1f / scale;
    }

    /** q = clamp(rint(x · inv), -127, 127) for len elements; NaN must have been rejected before. */
    public static void quantizeRow(float[] x, int from, int len, float inv, byte[] q, int qFrom) {
        for (int i = 0; i < len; i++) {
            q[qFrom + i] = (byte) roundClamp(x[from + i] * inv, -127, 127);
        }
    }
}
