package dev.mlbench.core.util;

import java.util.Locale;

/** Human-readable sizes and durations for messages and tables. */
public final class Bytes {

    private Bytes() {
    }

    /** e.g. "1.5 GiB". */
    public static String format(double bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        while (bytes >= 1024 && u < units.length - 1) {
            bytes /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f B", bytes) : String.format(Locale.ROOT, "%.1f %s", bytes, units[u]);
    }
}
