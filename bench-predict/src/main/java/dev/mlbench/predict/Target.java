package dev.mlbench.predict;

import dev.mlbench.core.results.TrialResult;

import java.util.Locale;

/** What a model predicts for one operation: its median time, or the energy it takes. */
public enum Target {
    /** The median time per operation, in ns. */
    TIME("ns"),
    /** Joules per operation over every counted energy domain; only rows whose energy was measured have it. */
    ENERGY("j");

    private final String unit;

    Target(String unit) {
        this.unit = unit;
    }

    /** The unit of the predicted value, as used in JSON keys ({@code predicted_ns}, {@code predicted_j}). */
    public String unit() {
        return unit;
    }

    /** The name used on the command line and in model files. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The row's value of this target, or null when the row has none (energy not measured). */
    Double of(TrialResult row) {
        return switch (this) {
            case TIME -> row.stats() == null ? null : row.stats().medianNs();
            case ENERGY -> row.metrics() == null ? null : row.metrics().energyJ();
        };
    }

    /** Parses {@code time} or {@code energy}. */
    public static Target parse(String key) {
        for (Target t : values()) {
            if (t.key().equals(key)) {
                return t;
            }
        }
        throw new PredictInputException("unknown target '" + key + "' (valid: time, energy)");
    }
}
