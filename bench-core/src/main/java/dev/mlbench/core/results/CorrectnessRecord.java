package dev.mlbench.core.results;

import dev.mlbench.core.spi.Correctness;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The correctness check as recorded in results. Errors that are not finite numbers (a NaN or infinite
 * output) are recorded as null, and {@code detail} says where.
 *
 * @param maxAbsErr largest absolute error, or null when not finite
 * @param maxRelErr largest relative error, or null when not finite
 * @param tolerance the tolerance applied
 * @param passed    whether every element was within tolerance
 * @param detail    the first failing element, when it failed
 * @param metrics   further accuracy figures of the track (e.g. {@code sqnr_db}); non-finite values are left out
 */
public record CorrectnessRecord(Double maxAbsErr, Double maxRelErr, ToleranceRecord tolerance, boolean passed, String detail,
                                Map<String, Double> metrics) {

    /** Tolerance as recorded. */
    public record ToleranceRecord(double atol, double rtol) {
    }

    /** Converts a check result. */
    public static CorrectnessRecord of(Correctness c) {
        return new CorrectnessRecord(finite(c.maxAbsErr()), finite(c.maxRelErr()),
                new ToleranceRecord(c.tolerance().atol(), c.tolerance().rtol()), c.passed(), c.detail().isEmpty() ? null : c.detail(),
                finiteValues(c.metrics()));
    }

    /** The entries with finite values, in order (JSON has no NaN or infinity). */
    public static Map<String, Double> finiteValues(Map<String, Double> values) {
        Map<String, Double> kept = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                kept.put(k, v);
            }
        });
        return kept;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
