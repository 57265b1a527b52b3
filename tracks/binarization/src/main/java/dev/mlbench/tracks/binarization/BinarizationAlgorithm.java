package dev.mlbench.tracks.binarization;

import java.util.Arrays;
import java.util.List;

/**
 * The inference-time forward of BiBench's eight binarized operators. Each maps fp32 weights W (one row of
 * K values per output channel j) and activations A (one row per output position i) to
 * {@code y_ij = r_i · c_j · Σ_p sign(a_ip − τ_p) · sign(v_jp)}, where
 * <ul>
 *   <li>{@code v = W}, except for ReCU, which centres each output channel and clips it (below);</li>
 *   <li>{@code τ}, the activation threshold, is 0 except for ReActNet;</li>
 *   <li>{@code c_j}, the weight scale, is fixed offline from the weights (or fitted, for XNOR++);</li>
 *   <li>{@code r_i}, the activation scale, is 1 except for XNOR-Net (computed from each input at run time)
 *       and XNOR++ on convolutions (a fitted spatial factor).</li>
 * </ul>
 * Nothing is trained here: where an algorithm learns a parameter, it is fitted on a separate seeded batch of
 * calibration activations ({@link Calibration}), never on the activations it is evaluated on.
 */
public enum BinarizationAlgorithm {
    /** BNN (Courbariaux et al. 2016): sign of weights and activations, no scales: {@code c = r = 1}. */
    BNN("bnn", WeightScale.ONE, false, false, false),
    /**
     * XNOR-Net (Rastegari et al. 2016): {@code c_j = mean_p |W_jp|} per output channel, and the activation
     * scale {@code r_i = mean |a|} over the values output i reads (its row; for a convolution the 3×3×C patch,
     * padding counting as 0: XNOR-Net's K = box-filtered channel mean).
     */
    XNOR_NET("xnor-net", WeightScale.CHANNEL_MEAN_ABS, false, true, false),
    /** DoReFa-Net (Zhou et al. 2016), 1-bit: one scale for the whole tensor, {@code c_j = mean |W|}. */
    DOREFA("dorefa", WeightScale.TENSOR_MEAN_ABS, false, false, false),
    /** Bi-Real Net (Liu et al. 2018): sign with the per-channel magnitude {@code c_j = mean_p |W_jp|}. */
    BI_REAL("bi-real", WeightScale.CHANNEL_MEAN_ABS, false, false, false),
    /**
     * XNOR-Net++ (Bulat and Tzimiropoulos 2019): one factorized scale Γ on the binary output, learned in the
     * paper, fitted here by least squares to the fp32 operator on the calibration batch: per output channel
     * for a GEMM ({@code c_j}), and {@code Γ = α_j · β_y · γ_x} (channel, output row, output column) for a
     * convolution ({@code c_j = α_j}, {@code r_i = β_y·γ_x}).
     */
    XNOR_PP("xnor++", WeightScale.FITTED, false, false, false),
    /**
     * ReActNet (Liu et al. 2020): RSign, {@code sign(a − τ_ch)} with a learnable per-channel threshold, here
     * the channel's mean over the calibration batch; weights as Bi-Real ({@code c_j = mean_p |W_jp|}).
     */
    REACTNET("reactnet", WeightScale.CHANNEL_MEAN_ABS, false, false, true),
    /**
     * ReCU (Xu et al. 2021): each output channel is centred ({@code W_jp − mean_p W_jp}) and clamped to the
     * [1 − τ, τ] quantiles of the centred tensor with τ = {@value #RECU_QUANTILE} (the end of the paper's
     * annealing), then binarized with {@code c_j = mean_p |clamped_jp|}.
     */
    RECU("recu", WeightScale.CHANNEL_MEAN_ABS, true, false, false),
    /**
     * FDA (Xu et al. 2021): its forward is the plain sign with Bi-Real's per-channel scale; what differs is
     * the backward pass (a Fourier-series approximation of sign's gradient), i.e. training, so at inference
     * it computes exactly what Bi-Real computes.
     */
    FDA("fda", WeightScale.CHANNEL_MEAN_ABS, false, false, false);

    /** ReCU's clamping quantile. */
    public static final double RECU_QUANTILE = 0.99;

    /** Where the weight scale {@code c_j} comes from. */
    public enum WeightScale { ONE, CHANNEL_MEAN_ABS, TENSOR_MEAN_ABS, FITTED }

    private final String key;
    private final WeightScale weightScale;
    private final boolean centresAndClipsWeights;
    private final boolean scalesActivations;
    private final boolean shiftsActivations;

    BinarizationAlgorithm(String key, WeightScale weightScale, boolean centresAndClipsWeights, boolean scalesActivations,
                          boolean shiftsActivations) {
        this.key = key;
        this.weightScale = weightScale;
        this.centresAndClipsWeights = centresAndClipsWeights;
        this.scalesActivations = scalesActivations;
        this.shiftsActivations = shiftsActivations;
    }

    /** The name used in definitions. */
    public String key() {
        return key;
    }

    /** The algorithm named {@code key}; IllegalArgumentException naming the valid ones otherwise. */
    public static BinarizationAlgorithm of(String key) {
        for (BinarizationAlgorithm a : values()) {
            if (a.key.equals(key)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown algorithm '" + key + "'; valid: " + keys());
    }

    /** Every algorithm's definition name. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(BinarizationAlgorithm::key).toList();
    }

    /** Where {@code c_j} comes from. */
    public WeightScale weightScale() {
        return weightScale;
    }

    /** XNOR-Net: {@code r_i = mean|a|} over what output i reads, computed from each input at run time. */
    public boolean scalesActivations() {
        return scalesActivations;
    }

    /** ReActNet: activations are compared with a per-channel threshold instead of 0. */
    public boolean shiftsActivations() {
        return shiftsActivations;
    }

    /** ReCU: weights are centred per output channel and clipped before sign. */
    public boolean centresAndClipsWeights() {
        return centresAndClipsWeights;
    }

    /**
     * The values whose signs are the binary weights: W itself, or for ReCU each channel centred and clamped.
     *
     * @param w   {@code rows × len} weights, row-major
     * @return a new array for ReCU, {@code w} itself otherwise
     */
    public float[] weightSignSource(float[] w, int rows, int len) {
        if (!centresAndClipsWeights) {
            return w;
        }
        float[] centred = new float[w.length];
        for (int j = 0; j < rows; j++) {
            double sum = 0;
            for (int p = 0; p < len; p++) {
                sum += w[j * len + p];
            }
            float mean = (float) (sum / len);
            for (int p = 0; p < len; p++) {
                centred[j * len + p] = w[j * len + p] - mean;
            }
        }
        float[] sorted = centred.clone();
        Arrays.sort(sorted);
        float lower = sorted[(int) Math.floor((1 - RECU_QUANTILE) * (sorted.length - 1))];
        float upper = sorted[(int) Math.ceil(RECU_QUANTILE * (sorted.length - 1))];
        for (int i = 0; i < centred.length; i++) {
            centred[i] = Math.min(upper, Math.max(lower, centred[i]));
        }
        return centred;
    }

    /**
     * The weight scales {@code c_j}, one per row of {@code w}.
     *
     * @param w      {@code rows × len} weights
     * @param fitted the fitted scales, used for {@link WeightScale#FITTED}; may be null otherwise
     */
    public float[] weightScales(float[] w, int rows, int len, float[] fitted) {
        float[] source = weightSignSource(w, rows, len);
        float[] c = new float[rows];
        switch (weightScale) {
            case ONE -> Arrays.fill(c, 1f);
            case CHANNEL_MEAN_ABS -> {
                for (int j = 0; j < rows; j++) {
                    double sum = 0;
                    for (int p = 0; p < len; p++) {
                        sum += Math.abs(source[j * len + p]);
                    }
                    c[j] = (float) (sum / len);
                }
            }
            case TENSOR_MEAN_ABS -> {
                double sum = 0;
                for (float v : source) {
                    sum += Math.abs(v);
                }
                Arrays.fill(c, (float) (sum / source.length));
            }
            case FITTED -> {
                if (fitted == null || fitted.length != rows) {
                    throw new IllegalArgumentException(key + " needs " + rows + " fitted weight scales");
                }
                System.arraycopy(fitted, 0, c, 0, rows);
            }
        }
        return c;
    }

    /** The activation thresholds τ, one per channel (stored activation column), or null for all zero. */
    public float[] thresholds(Calibration calibration) {
        return shiftsActivations ? calibration.thresholds() : null;
    }
}
