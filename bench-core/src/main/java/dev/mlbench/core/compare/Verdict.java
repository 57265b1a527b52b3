package dev.mlbench.core.compare;

/** What {@code bench compare} concluded about one row. */
public enum Verdict {
    /** The 95% interval of the change lies within ±threshold: any change is smaller than the margin. */
    SAME,
    /** Faster by more than the threshold, with family-wise significance over all rows. */
    FASTER,
    /** Slower by more than the threshold, with family-wise significance over all rows: a regression. */
    SLOWER,
    /** Cannot tell: the interval reaches past ±threshold without the evidence for a change beyond it, or too few forks. */
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
