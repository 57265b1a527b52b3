package dev.mlbench.core.export;

/** What {@code bench export} writes, by the name it takes; {@link Exporter#format} gives each its class. */
public enum ExportFormat {
    /** One line per row (every status), for spreadsheets: {@link CsvFormat}. */
    csv,
    /**
     * github-action-benchmark's custom JSON: {@code customSmallerIsBetter} (time) or {@code customBiggerIsBetter}
     * (throughput): {@link GabFormat}.
     */
    gab,
    /** Bencher Metric Format: {@code latency} (ns) and {@code throughput} (operations/s) per benchmark: {@link BmfFormat}. */
    bmf
}
