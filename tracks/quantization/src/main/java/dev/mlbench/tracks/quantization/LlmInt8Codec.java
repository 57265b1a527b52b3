package dev.mlbench.tracks.quantization;

/**
 * LLM.int8() mixed-precision decomposition of an activation matrix: every column holding any
 * |x| ≥ threshold (default 6.0) is an outlier column, kept in fp32; the rest is INT8 vector-wise (per row,
 * the row's scale taken over the non-outlier columns only). Layout: codes rows×cols int8 with 0 in outlier
 * columns; scales[rows]; columns = the outlier column indices, ascending; dense = rows × columns.length fp32
 * values of those columns, row-major.
 */
public final class LlmInt8Codec extends Codec {

    /** LLM.int8()'s default outlier threshold. */
    public static final float DEFAULT_THRESHOLD = 6.0f;

    private final float threshold;

    public LlmInt8Codec(float threshold) {
        if (!(threshold > 0) || !Float.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be positive and finite: " + threshold);
        }
        this.threshold = threshold;
    }

    @Override
    public String name() {
        return "llm-int8";
    }

    @Override
    public boolean needsColumnStats() {
        return true;
    }

    /** The outlier columns: those whose max |x| reaches the threshold, ascending. */
    public int[] outlierColumns(float[] columnAbsMax) {
        return java.util.stream.IntStream.range(0, columnAbsMax.length).filter(c -> columnAbsMax[c] >= threshold).toArray();
    }

    @Override
    public QuantTensor allocate(int rows, int cols, float[] columnAbsMax) {
        int[] outliers = outlierColumns(columnAbsMax);
        return new QuantTensor(rows, cols, cols, new byte[rows * cols], new float[rows], new byte[0], outliers,
                new float[rows * outliers.length]);
    }

    @Override
    public QuantTensor reallocate(int rows, int cols, float[] columnAbsMax, QuantTensor previous) {
        if (previous != null && previous.rows() == rows && previous.cols() == cols
                && java.util.Arrays.equals(previous.columns(), outlierColumns(columnAbsMax))) {
            return previous;
        }
        return allocate(rows, cols, columnAbsMax);
    }

    @Override
    public void encodeRows(float[] x, QuantTensor t, int from, int to) {
        int cols = t.cols();
        int[] out = t.columns();
        boolean[] isOutlier = new boolean[cols];
        for (int c : out) {
            isOutlier[c] = true;
        }
        for (int r = from; r < to; r++) {
            int off = r * cols;
            float m = 0;
            for (int c = 0; c < cols; c++) {
                if (!isOutlier[c]) {
                    m = Math.max(m, Math.abs(x[off + c]));
                }
            }
            if (!Float.isFinite(m)) {
                absMax(x, off, off + cols);
            }
            float s = Int8Codec.scaleOf(m);
            t.scales()[r] = s;
            Int8Codec.quantizeRow(x, off, cols, Int8Codec.inverse(s), t.codes(), off);
            for (int o = 0; o < out.length; o++) {
                t.codes()[off + out[o]] = 0;
                t.dense()[r * out.length + o] = x[off + out[o]];
            }
        }
    }

    @Override
    public void decodeRows(QuantTensor t, float[] out, int from, int to) {
        int cols = t.cols();
        int[] oc = t.columns();
        for (int r = from; r < to; r++) {
            float s = t.scales()[r];
            int off = r * cols;
            for (int c = 0; c < cols; c++) {
                out[off + c] = t.codes()[off + c] * s;
            }
            for (int o = 0; o < oc.length; o++) {
                out[off + oc[o]] = t.dense()[r * oc.length + o];
            }
        }
    }

    /** Fraction of columns that are outliers. */
    public static double outlierFraction(QuantTensor t) {
        return t.cols() == 0 ? 0 : (double) t.columns().length / t.cols();
    }

    @Override
    public String toString() {
        return name() + "(threshold " + threshold + ")";
    }
}
