package dev.mlbench.core.util;

import java.util.Locale;

/** Number formats shared by the CLI's tables and the compare, report and export outputs. */
public final class Formats {

    private Formats() {
    }

    /** A duration in the unit that keeps 3-4 significant digits: "812 ns", "1.23 ms", "4.56 s". */
    public static String duration(double ns) {
        if (ns < 1e3) {
            return String.format(Locale.ROOT, "%.0f ns", ns);
        }
        if (ns < 1e6) {
            return String.format(Locale.ROOT, "%.3g us", ns / 1e3);
        }
        if (ns < 1e9) {
            return String.format(Locale.ROOT, "%.3g ms", ns / 1e6);
        }
        return String.format(Locale.ROOT, "%.3g s", ns / 1e9);
    }

    /** A relative change as a signed percentage: "+15.2%"; "-" when null. */
    public static String change(Double fraction) {
        return fraction == null ? "-" : String.format(Locale.ROOT, "%+.1f%%", 100 * fraction);
    }

    /** A p-value with two significant digits; "-" when null. */
    public static String pValue(Double p) {
        return p == null ? "-" : String.format(Locale.ROOT, "%.2g", p);
    }

    /** An interval of relative changes: "[-1.2%, +3.4%]"; "-" when either end is null. */
    public static String interval(Double low, Double high) {
        return low == null || high == null ? "-" : "[" + change(low) + ", " + change(high) + "]";
    }

    /** Fork counts of BASE and CUR: "10/10"; "-" when neither measured. */
    public static String forks(int base, int cur) {
        return base == 0 && cur == 0 ? "-" : base + "/" + cur;
    }

    /** The unit of 10^9 operations per second of {@code opUnit}: {@code GFLOP/s}, {@code GOP/s (int_op)}...; FLOPs when null. */
    public static String throughputUnit(String opUnit) {
        return opUnit == null || opUnit.equals("flop") ? "GFLOP/s" : "GOP/s (" + opUnit + ")";
    }

    /** A duration, or "-" when null. */
    public static String duration(Double ns) {
        return ns == null ? "-" : duration(ns.doubleValue());
    }
}
