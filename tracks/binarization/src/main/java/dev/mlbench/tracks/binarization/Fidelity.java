package dev.mlbench.tracks.binarization;

import java.util.LinkedHashMap;
import java.util.Map;

/** How close an operator's output is to the fp32 operator's: BiBench's accuracy side, per operator. */
public final class Fidelity {

    private Fidelity() {
    }

    /** Cosine similarity of {@code y} and {@code ref}; 1 when both are zero, 0 when only one is. */
    public static double cosine(float[] y, double[] ref) {
        double dot = 0;
        double yy = 0;
        double rr = 0;
        for (int i = 0; i < ref.length; i++) {
            dot += y[i] * ref[i];
            yy += (double) y[i] * y[i];
            rr += ref[i] * ref[i];
        }
        if (yy == 0 && rr == 0) {
            return 1;
        }
        return yy == 0 || rr == 0 ? 0 : dot / Math.sqrt(yy * rr);
    }

    /** {@code ||y − ref||₂ / ||ref||₂}. */
    public static double relativeError(float[] y, double[] ref) {
        double err = 0;
        double norm = 0;
        for (int i = 0; i < ref.length; i++) {
            double d = y[i] - ref[i];
            err += d * d;
            norm += ref[i] * ref[i];
        }
        return norm == 0 ? (err == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.sqrt(err / norm);
    }

    /**
     * The fidelity metrics of an operator output: {@code cosine} and {@code rel_err} against the fp32
     * operator on the same inputs; with noise, also {@code cosine_clean} against the fp32 operator on the
     * clean inputs and {@code fp32_cosine_clean}, how far the noise alone moves the fp32 operator.
     */
    public static Map<String, Double> metrics(float[] y, BinarizationReference ref) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("cosine", cosine(y, ref.fp32()));
        m.put("rel_err", relativeError(y, ref.fp32()));
        if (ref.fp32Clean() != null) {
            m.put("cosine_clean", cosine(y, ref.fp32Clean()));
            float[] fp32 = new float[ref.fp32().length];
            for (int i = 0; i < fp32.length; i++) {
                fp32[i] = (float) ref.fp32()[i];
            }
            m.put("fp32_cosine_clean", cosine(fp32, ref.fp32Clean()));
        }
        return m;
    }
}
