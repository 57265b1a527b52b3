package dev.mlbench.core.compare;

import dev.mlbench.core.stats.ChangeEstimate;

/**
 * How strict {@code bench compare} is.
 *
 * @param threshold  the practical margin δ: the smallest change of the median time that counts, as a fraction
 *                   (0.05 = 5%)
 * @param alpha      family-wise error rate: the chance that a comparison of two runs of the same build reports
 *                   any row SLOWER (or FASTER) is at most this, however many rows it has (Holm's correction)
 * @param replicates bootstrap replicates per row
 * @param seed       bootstrap seed: the same files give the same verdicts
 */
public record CompareSettings(double threshold, double alpha, int replicates, long seed) {

    /** Default practical margin δ: 5%. */
    public static final double DEFAULT_THRESHOLD = 0.05;
    /** Default family-wise error rate. */
    public static final double DEFAULT_ALPHA = 0.05;
    /** Default bootstrap seed. */
    public static final long DEFAULT_SEED = 20261206L;
    /**
     * Fewest forks per side for any verdict but UNSURE: the noise between JVMs, which decides what a change is,
     * cannot be estimated from fewer.
     */
    public static final int MIN_FORKS = 3;
    /** The defaults. */
    public static final CompareSettings DEFAULTS = new CompareSettings(DEFAULT_THRESHOLD, DEFAULT_ALPHA);

    /** Checks the ranges. */
    public CompareSettings {
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be a fraction from 0 up to 1 (0.05 = 5%), got " + threshold);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1, got " + alpha);
        }
        if (replicates < 100) {
            throw new IllegalArgumentException("at least 100 bootstrap replicates are needed, got " + replicates);
        }
    }

    /** The given margin and error rate with the default replicates and seed. */
    public CompareSettings(double threshold, double alpha) {
        this(threshold, alpha, ChangeEstimate.DEFAULT_REPLICATES, DEFAULT_SEED);
    }
}
