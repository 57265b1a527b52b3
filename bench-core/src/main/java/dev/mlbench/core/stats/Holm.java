package dev.mlbench.core.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down correction: which of m hypotheses to reject so that the chance of rejecting any true one
 * stays at most alpha for the whole family (family-wise error), uniformly more powerful than Bonferroni.
 */
public final class Holm {

    private Holm() {
    }

    /**
     * Holm-adjusted p-values of {@code p}, in the same order: reject hypothesis i at family-wise level alpha
     * exactly when its adjusted p-value is at most alpha.
     */
    public static double[] adjust(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int k = 0; k < m; k++) {
            int i = order[k];
            running = Math.max(running, Math.min(1, (m - k) * p[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
