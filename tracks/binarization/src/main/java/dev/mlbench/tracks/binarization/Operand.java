package dev.mlbench.tracks.binarization;

/**
 * The binarized operator's operands written out in double for the reference: activations as im2col rows
 * (one per output position, K values in the packed order: tap-major, then channel) and the ±1 products.
 * Slow and simple on purpose.
 */
public final class Operand {

    private Operand() {
    }

    /**
     * The activation matrix the operator multiplies, {@code rows() × bits()}: the activations themselves for
     * gemm, the 3×3 patches (zero outside the image) for conv3x3, in the order
     * {@code p = (ky·3 + kx)·C + c}.
     */
    public static double[] activationRows(BinarizationWorkload w, float[] activations) {
        return patches(w, activations, null, false);
    }

    /**
     * The ±1 activation matrix: {@code sign(a − τ_channel)}; for conv3x3, positions outside the image are +1
     * (one-padding: the binary kernels pad with zero bits, which stand for +1, and need no border correction).
     */
    public static double[] activationSigns(BinarizationWorkload w, float[] activations, float[] thresholds) {
        return patches(w, activations, thresholds, true);
    }

    private static double[] patches(BinarizationWorkload w, float[] a, float[] thresholds, boolean signs) {
        int rows = w.rows();
        int len = w.groupLength();
        int k = w.bits();
        double[] out = new double[rows * k];
        if (w.op() != BinaryOp.CONV3X3) {
            for (int i = 0; i < rows * k; i++) {
                out[i] = signs ? BitPacking.sign(a[i], thresholds == null ? 0f : thresholds[i % len]) : a[i];
            }
            return out;
        }
        int h = w.height();
        int wd = w.width();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < wd; x++) {
                int row = (y * wd + x) * k;
                for (int tap = 0; tap < 9; tap++) {
                    int yy = y + tap / 3 - 1;
                    int xx = x + tap % 3 - 1;
                    boolean inside = yy >= 0 && yy < h && xx >= 0 && xx < wd;
                    for (int c = 0; c < len; c++) {
                        double v;
                        if (inside) {
                            float value = a[(yy * wd + xx) * len + c];
                            v = signs ? BitPacking.sign(value, thresholds == null ? 0f : thresholds[c]) : value;
                        } else {
                            v = signs ? 1 : 0;
                        }
                        out[row + tap * len + c] = v;
                    }
                }
            }
        }
        return out;
    }

    /** ±1 signs of {@code v} against zero, as doubles. */
    public static double[] signs(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = BitPacking.sign(v[i], 0f);
        }
        return out;
    }

    /** The values of {@code v} as doubles. */
    public static double[] widen(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** {@code A·Bᵀ} for A {@code m×k} and B {@code n×k}, accumulated in double; with {@code abs}, of |A|·|B|ᵀ. */
    public static double[] productTransposed(double[] a, int m, double[] b, int n, int k, boolean abs) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                int ai = i * k;
                int bj = j * k;
                if (abs) {
                    for (int p = 0; p < k; p++) {
                        s += Math.abs(a[ai + p] * b[bj + p]);
                    }
                } else {
                    for (int p = 0; p < k; p++) {
                        s += a[ai + p] * b[bj + p];
                    }
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    /**
     * XNOR-Net's activation scale per output position: the mean of |a| over the values it reads
     * ({@link #activationRows}: its row, or its 3×3×C patch with zeros outside the image).
     */
    public static double[] meanAbsPerRow(BinarizationWorkload w, float[] activations) {
        double[] rows = activationRows(w, activations);
        int k = w.bits();
        double[] r = new double[w.rows()];
        for (int i = 0; i < r.length; i++) {
            double s = 0;
            for (int p = 0; p < k; p++) {
                s += Math.abs(rows[i * k + p]);
            }
            r[i] = s / k;
        }
        return r;
    }
}
