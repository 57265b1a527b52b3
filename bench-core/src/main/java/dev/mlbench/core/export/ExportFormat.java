package dev.mlbench.core.export;

/** What {@code bench export} writes. */
public enum ExportFormat {
    /** One line per row (every status), for spreadsheets. */
    csv,
    /** github-action-benchmark's custom JSON: {@code customSmallerIsBetter} (time) or {@code customBiggerIsBetter} (throughput). */
    gab,
    /** Bencher Metric Format: {@code latency} (ns) and {@code throughput} (operations/s) per benchmark. */
    bmf
}
