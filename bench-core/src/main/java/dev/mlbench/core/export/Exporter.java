package dev.mlbench.core.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mlbench.core.compare.RowKey;
import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.results.TrialResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Converts results files to other tools' formats. The JSON formats take only measured rows whose output passed
 * its check; CSV takes every row, with its status.
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

    private static final List<String> CSV_COLUMNS = List.of("run_id", "track", "kernel", "backend", "group", "label", "params", "workload",
            "status", "reason", "n", "median_ns", "mean_ns", "stddev_ns", "ci95_low_ns", "ci95_high_ns", "cv", "min_ns", "max_ns", "flops",
            "op_unit", "ops", "bytes", "roof", "gops", "gflops", "gbps", "pct_of_peak", "pct_of_bandwidth", "alloc_bytes_per_op", "energy_j",
            "max_abs_err", "max_rel_err", "passed", "baseline", "speedup_vs_baseline");

    private Exporter() {
    }

    /** The export of {@code runs} in {@code format} (gab uses {@code gabMetric}). */
    public static String export(List<RunFile> runs, ExportFormat format, GabMetric gabMetric) {
        return switch (format) {
            case csv -> csv(runs);
            case gab -> gab(runs, gabMetric);
            case bmf -> bmf(runs);
        };
    }

    /** A benchmark's name in the JSON formats: {@code track/kernel/label/k=v,k=v} (threads included). */
    public static String name(TrialResult r) {
        RowKey key = RowKey.of(r);
        String params = key.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        return r.track() + "/" + r.kernel() + "/" + r.label() + (params.isEmpty() ? "" : "/" + params);
    }

    static String csv(List<RunFile> runs) {
        StringBuilder sb = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        for (RunFile run : runs) {
            for (TrialResult r : run.record().results()) {
                RowKey key = RowKey.of(r);
                List<Object> v = new ArrayList<>(List.of(run.runId(), r.track(), r.kernel(), r.backend(), r.group(), r.label(), key.paramsText(),
                        key.workloadText(), r.status().key()));
                v.add(r.reason());
                var s = r.stats();
                v.addAll(s == null ? Collections.nCopies(7, null)
                        : java.util.Arrays.asList(s.n(), s.medianNs(), s.meanNs(), s.stddevNs(), s.ci95LowNs(), s.ci95HighNs(), s.cv()));
                v.add(r.samplesNs() == null ? null : Collections.min(r.samplesNs()));
                v.add(r.samplesNs() == null ? null : Collections.max(r.samplesNs()));
                var m = r.metrics();
                v.addAll(m == null ? Collections.nCopies(11, null) : java.util.Arrays.asList(m.opUnit().key(), m.ops(), m.bytes(), m.roof().key(), m.gops(),
                        m.gflops(), m.gbps(), m.pctOfPeak(), m.pctOfBandwidth(), m.allocBytesPerOp(), m.energyJ()));
                var c = r.correctness();
                v.addAll(c == null ? Collections.nCopies(3, null) : java.util.Arrays.asList(c.maxAbsErr(), c.maxRelErr(), c.passed()));
                v.add(r.baseline() == null ? null : r.baseline().kernel());
                v.add(r.baseline() == null ? null : r.baseline().speedup());
                sb.append(v.stream().map(Exporter::csvCell).collect(Collectors.joining(","))).append("\r\n");
            }
        }
        return sb.toString();
    }

    static String gab(List<RunFile> runs, GabMetric metric) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RunFile run : runs) {
            for (TrialResult r : valid(run)) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("name", name(r));
                if (metric == GabMetric.time) {
                    e.put("unit", "ns/op");
                    e.put("value", r.stats().medianNs());
                    if (r.stats().stddevNs() != null) {
                        e.put("range", String.format(Locale.ROOT, "± %.4g", r.stats().stddevNs()));
                    }
                } else {
                    e.put("unit", r.metrics().displayUnit());
                    e.put("value", r.metrics().gops());
                }
                e.put("extra", "run " + run.runId() + ", " + r.stats().n() + " samples, backend " + r.backend()
                        + (r.metrics().pctOfPeak() == null ? "" : String.format(Locale.ROOT, ", %.1f%% of peak", r.metrics().pctOfPeak())));
                out.add(e);
            }
        }
        return json(out);
    }

    static String bmf(List<RunFile> runs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RunFile run : runs) {
            for (TrialResult r : valid(run)) {
                Map<String, Object> measures = new LinkedHashMap<>();
                double median = r.stats().medianNs();
                measures.put("latency", Map.of("value", median, "lower_value", Collections.min(r.samplesNs()), "upper_value",
                        Collections.max(r.samplesNs())));
                measures.put("throughput", Map.of("value", 1e9 / median, "lower_value", 1e9 / Collections.max(r.samplesNs()), "upper_value",
                        1e9 / Collections.min(r.samplesNs())));
                // several runs of the same row: the later one wins, as Bencher keeps one value per benchmark and measure
                out.put(name(r), sorted(measures));
            }
        }
        return json(out);
    }

    private static Map<String, Object> sorted(Map<String, Object> measures) {
        Map<String, Object> m = new LinkedHashMap<>();
        measures.forEach((k, v) -> m.put(k, new java.util.TreeMap<>((Map<?, ?>) v)));
        return m;
    }

    private static List<TrialResult> valid(RunFile run) {
        return run.record().results().stream().filter(r -> r.status() == Status.MEASURED && r.stats() != null && r.metrics() != null
                && r.samplesNs() != null && !r.samplesNs().isEmpty() && r.correctness() != null && r.correctness().passed()).toList();
    }

    private static String json(Object value) {
        try {
            return PLAIN.writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One CSV cell. Text that a spreadsheet would take for a formula ({@code =HYPERLINK(...)}, {@code +cmd},
     * {@code -1+...}, {@code @SUM}, or one starting with a tab or carriage return) gets a leading apostrophe, the
     * usual neutralization: the cell then shows as text. Numbers are written as they are, negative ones included.
     */
    static String csvCell(Object v) {
        if (v == null) {
            return "";
        }
        String s = v.toString();
        if (!(v instanceof Number) && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
