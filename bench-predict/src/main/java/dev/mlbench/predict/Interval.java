package dev.mlbench.predict;

/**
 * A prediction with the spread of the forest's trees, in the target's unit.
 *
 * @param predicted the forest's prediction (the mean of its trees in log space, back-transformed)
 * @param low       the 10th percentile of the trees' predictions
 * @param high      the 90th percentile of the trees' predictions
 */
public record Interval(double predicted, double low, double high) {
}
