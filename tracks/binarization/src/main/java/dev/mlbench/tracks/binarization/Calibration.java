package dev.mlbench.tracks.binarization;

/**
 * What an algorithm learns in training, fitted here on a separate seeded calibration batch of activations
 * with the same distribution as the evaluated ones. Each field is null when the algorithm has no such
 * parameter.
 *
 * @param thresholds   ReActNet's RSign thresholds τ, one per channel: the channel's calibration mean
 * @param rowScales    XNOR++ on conv3x3: {@code r_i = β_y·γ_x}, one per output position
 * @param columnScales XNOR++: {@code c_j}, one per output channel
 */
public record Calibration(float[] thresholds, float[] rowScales, float[] columnScales) {

    /** Nothing fitted. */
    public static final Calibration NONE = new Calibration(null, null, null);

    /** Alternating least-squares rounds of XNOR++'s rank-one spatial factor β ⊗ γ. */
    static final int SPATIAL_FIT_ROUNDS = 10;

    /** Fits what {@code w.algorithm()} needs on the calibration activations {@code calib} (stored like the inputs). */
    public static Calibration fit(BinarizationWorkload w, float[] calib, float[] weights) {
        return switch (w.algorithm()) {
            case REACTNET -> new Calibration(channelMeans(calib, w.groupLength()), null, null);
            case XNOR_PP -> w.op() == BinaryOp.PACK ? NONE : fitXnorPlusPlus(w, calib, weights);
            default -> NONE;
        };
    }

    /** The mean of each of the {@code len} columns of {@code x}. */
    public static float[] channelMeans(float[] x, int len) {
        int rows = x.length / len;
        double[] sums = new double[len];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < len; c++) {
                sums[c] += x[r * len + c];
            }
        }
        float[] means = new float[len];
        for (int c = 0; c < len; c++) {
            means[c] = (float) (sums[c] / rows);
        }
        return means;
    }

    /**
     * Least squares of the fp32 output Y by Γ ⊙ D, D the plain-sign binary output: for a GEMM
     * {@code c_j = Σ_i y_ij d_ij / Σ_i d_ij²}; for a convolution {@code Γ_ij = α_j β_y γ_x}, α first with
     * β = γ = 1, then the per-position factor, then its rank-one split by alternating least squares, then α
     * again given the spatial factor.
     */
    static Calibration fitXnorPlusPlus(BinarizationWorkload w, float[] calib, float[] weights) {
        int m = w.rows();
        int n = w.columns();
        int k = w.bits();
        double[] y = Operand.productTransposed(Operand.activationRows(w, calib), m, Operand.widen(weights), n, k, false);
        double[] d = Operand.productTransposed(Operand.activationSigns(w, calib, null), m, Operand.signs(weights), n, k, false);
        double[] r = new double[m];
        java.util.Arrays.fill(r, 1);
        double[] alpha = fitColumns(y, d, r, m, n);
        if (w.op() != BinaryOp.CONV3X3) {
            return new Calibration(null, null, toFloat(alpha));
        }
        double[] sigma = new double[m];
        for (int i = 0; i < m; i++) {
            double num = 0;
            double den = 0;
            for (int j = 0; j < n; j++) {
                double g = alpha[j] * d[i * n + j];
                num += y[i * n + j] * g;
                den += g * g;
            }
            sigma[i] = den == 0 ? 1 : num / den;
        }
        int h = w.height();
        int wd = w.width();
        double[] beta = new double[h];
        double[] gamma = new double[wd];
        java.util.Arrays.fill(gamma, 1);
        for (int round = 0; round < SPATIAL_FIT_ROUNDS; round++) {
            for (int yy = 0; yy < h; yy++) {
                double num = 0;
                double den = 0;
                for (int x = 0; x < wd; x++) {
                    num += sigma[yy * wd + x] * gamma[x];
                    den += gamma[x] * gamma[x];
                }
                beta[yy] = den == 0 ? 0 : num / den;
            }
            for (int x = 0; x < wd; x++) {
                double num = 0;
                double den = 0;
                for (int yy = 0; yy < h; yy++) {
                    num += sigma[yy * wd + x] * beta[yy];
                    den += beta[yy] * beta[yy];
                }
                gamma[x] = den == 0 ? 0 : num / den;
            }
        }
        float[] rows = new float[m];
        for (int yy = 0; yy < h; yy++) {
            for (int x = 0; x < wd; x++) {
                rows[yy * wd + x] = (float) (beta[yy] * gamma[x]);
                r[yy * wd + x] = rows[yy * wd + x];
            }
        }
        return new Calibration(null, rows, toFloat(fitColumns(y, d, r, m, n)));
    }

    /** {@code c_j = Σ_i y_ij r_i d_ij / Σ_i (r_i d_ij)²}, 0 where the denominator is 0. */
    private static double[] fitColumns(double[] y, double[] d, double[] r, int m, int n) {
        double[] num = new double[n];
        double[] den = new double[n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double g = r[i] * d[i * n + j];
                num[j] += y[i * n + j] * g;
                den[j] += g * g;
            }
        }
        double[] c = new double[n];
        for (int j = 0; j < n; j++) {
            c[j] = den[j] == 0 ? 0 : num[j] / den[j];
        }
        return c;
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }
}
