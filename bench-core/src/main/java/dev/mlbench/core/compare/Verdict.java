package dev.mlbench.core.compare;

/** What {@code bench compare} concluded about one row. */
public enum Verdict {
    /** No significant change, and the change of the median is below the threshold. */
    SAME,
    /** Significantly faster by at least the threshold. */
    FASTER,
    /** Significantly slower by at least the threshold: a regression. */
    SLOWER,
    /** Cannot tell: significant but below the threshold, at or above the threshold but not significant, or too few samples. */
    UNSURE,
    /** Measured in BASE, absent or not measured (skipped) in CUR. */
    MISSING,
    /** Measured in CUR, absent or not measured in BASE. */
    NEW,
    /** CUR's row failed its correctness check, or failed to run. */
    INVALID;

    /** Whether this verdict fails a regression gate (exit code 4). */
    public boolean failsGate() {
        return this == SLOWER || this == INVALID;
    }
}
