package dev.mlbench.cli;

import dev.mlbench.core.util.Formats;

import java.util.Locale;

/** Formats numbers for tables. */
final class Units {

    private Units() {
    }

    /** A duration in the unit that keeps 3-4 significant digits: "812 ns", "1.23 ms", "4.56 s". */
    static String duration(double ns) {
        return Formats.duration(ns);
    }

    /** A rate with one decimal: "123.4". */
    static String rate(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    }

    /** A percentage: "61.2%", or "-" when unknown. */
    static String percent(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f%%", v);
    }
}
