package dev.mlbench.predict;

/**
 * The values one feature took in the training rows.
 *
 * @param min smallest
 * @param max largest
 */
public record Range(double min, double max) {

    /** Whether {@code value} lies inside, with room for rounding. */
    boolean contains(double value) {
        double slack = 1e-9 * Math.max(Math.abs(min), Math.abs(max));
        return value >= min - slack && value <= max + slack;
    }

    /** This range widened to hold {@code value}. */
    Range with(double value) {
        return new Range(Math.min(min, value), Math.max(max, value));
    }
}
