package dev.mlbench.cli;

import dev.mlbench.core.results.Metrics;
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

    /** A row's throughput with its unit: "197 GFLOP/s", "1.52 GOP/s" (integer), "5310 GBOP/s" (binary). */
    static String throughput(Metrics m) {
        return rate(m.gops()) + " " + m.displayUnit();
    }

    /** A number for compact lists: "8.39e+06", "38.2", "0.998". */
    static String number(double v) {
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e5) {
            return String.valueOf((long) v); // counts and sizes: "256", not "256.0"
        }
        return a != 0 && (a >= 1e5 || a < 1e-3) ? String.format(Locale.ROOT, "%.3g", v) : String.format(Locale.ROOT, "%.4g", v);
    }

    /** A percentage: "61.2%", or "-" when unknown. */
    static String percent(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f%%", v);
    }
}
