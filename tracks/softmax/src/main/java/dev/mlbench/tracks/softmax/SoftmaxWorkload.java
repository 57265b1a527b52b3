package dev.mlbench.tracks.softmax;

import java.util.Objects;

/**
 * One softmax shape: {@code rows} independent rows of {@code n} fp32 logits, row-major, drawn from
 * {@code distribution}. A single-element row is {@code n = 1}.
 *
 * @param rows         how many rows
 * @param n            the row length
 * @param distribution how the logits are drawn
 */
public record SoftmaxWorkload(int rows, int n, SoftmaxDistribution distribution) {

    public SoftmaxWorkload {
        Objects.requireNonNull(distribution, "distribution");
        if (rows < 1 || n < 1) {
            throw new IllegalArgumentException("rows and n must be positive: rows=" + rows + ", n=" + n);
        }
        long elements = (long) rows * n;
        if (elements > SoftmaxTrack.MAX_ELEMENTS) {
            throw new IllegalArgumentException("rows x n = " + elements + " elements is larger than a Java array can hold ("
                    + SoftmaxTrack.MAX_ELEMENTS + ")");
        }
    }

    /** rows × n. */
    public long elements() {
        return (long) rows * n;
    }
}
