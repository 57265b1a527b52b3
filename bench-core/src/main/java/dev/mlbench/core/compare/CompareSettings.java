package dev.mlbench.core.compare;

/**
 * How strict {@code bench compare} is.
 *
 * @param threshold smallest change of the median time that counts, as a fraction (0.05 = 5%)
 * @param alpha     significance level of the Mann-Whitney U test
 */
public record CompareSettings(double threshold, double alpha) {

    /** Default minimum effect size: 5%. */
    public static final double DEFAULT_THRESHOLD = 0.05;
    /** Default significance level. */
    public static final double DEFAULT_ALPHA = 0.01;
    /** The defaults. */
    public static final CompareSettings DEFAULTS = new CompareSettings(DEFAULT_THRESHOLD, DEFAULT_ALPHA);

    /** Checks the ranges. */
    public CompareSettings {
        if (!(threshold >= 0 && threshold < 10)) {
            throw new IllegalArgumentException("threshold must be from 0 to 10 (a fraction; 0.05 = 5%), got " + threshold);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1, got " + alpha);
        }
    }
}
