package dev.mlbench.core.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mlbench.core.compare.RowKey;
import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.results.TrialResult;
import dev.mlbench.core.results.format.ResultFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The formats of other tools that {@code bench export} writes, found by the name the command takes
 * ({@link ExportFormat}), and what they share: which rows they take and how a benchmark is named. The JSON formats
 * take only measured rows whose output passed its check; CSV takes every row, with its status.
 */
public final class Exporter {

    /** Which figure the github-action-benchmark export carries. */
    public enum GabMetric {
        /** Median time per operation in ns: {@code customSmallerIsBetter}. */
        time,
        /** Throughput at the median, 10^9 of the track's op unit per second (GFLOP/s for FLOPs): {@code customBiggerIsBetter}. */
        throughput
    }

    private static final ObjectMapper PLAIN = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Exporter() {
    }

    /** The format named {@code format} (gab carries {@code gabMetric}). */
    public static ResultFormat format(ExportFormat format, GabMetric gabMetric) {
        return switch (format) {
            case csv -> new CsvFormat();
            case gab -> new GabFormat(gabMetric);
            case bmf -> new BmfFormat();
        };
    }

    /** A benchmark's name in the JSON formats: {@code track/kernel/label/k=v,k=v} (threads included). */
    public static String name(TrialResult r) {
        RowKey key = RowKey.of(r);
        String params = key.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        return r.track() + "/" + r.kernel() + "/" + r.label() + (params.isEmpty() ? "" : "/" + params);
    }

    /** The rows the JSON formats take: measured, with statistics, metrics and samples, and passed their check. */
    static List<TrialResult> exportable(RunFile run) {
        return run.record().results().stream().filter(r -> r.status() == Status.MEASURED && r.stats() != null && r.metrics() != null
                && r.samplesNs() != null && !r.samplesNs().isEmpty() && r.correctness() != null && r.correctness().passed()).toList();
    }

    /** {@code value} as indented JSON and a line break. */
    static String json(Object value) {
        try {
            return PLAIN.writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
