package dev.mlbench.core.export;

import dev.mlbench.core.compare.RowKey;
import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.TrialResult;
import dev.mlbench.core.results.format.ResultFormat;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV for spreadsheets (RFC 4180: CRLF line ends, quotes doubled): a header, then one line per row of every run,
 * whatever its status, with its statistics, metrics and correctness; cells a row does not have are empty.
 */
public final class CsvFormat implements ResultFormat {

    private static final List<String> COLUMNS = List.of("run_id", "track", "kernel", "backend", "group", "label", "params", "workload",
            "status", "reason", "n", "median_ns", "mean_ns", "stddev_ns", "ci95_low_ns", "ci95_high_ns", "cv", "min_ns", "max_ns",
            "op_unit", "ops", "bytes", "roof", "gops", "gflops", "gbps", "pct_of_peak", "pct_of_bandwidth", "alloc_bytes_per_op", "energy_j",
            "max_abs_err", "max_rel_err", "passed", "baseline", "speedup_vs_baseline");

    private static final String LINE_END = "\r\n";

    @Override
    public void write(List<RunFile> runs, PrintWriter out) {
        out.print(String.join(",", COLUMNS) + LINE_END);
        for (RunFile run : runs) {
            for (TrialResult r : run.record().results()) {
                out.print(cells(run.runId(), r).stream().map(CsvFormat::cell).collect(Collectors.joining(",")) + LINE_END);
            }
        }
    }

    /** The row's values in the order of {@link #COLUMNS}; null where it has none. */
    private static List<Object> cells(String runId, TrialResult r) {
        RowKey key = RowKey.of(r);
        List<Object> v = new ArrayList<>(List.of(runId, r.track(), r.kernel(), r.backend(), r.group(), r.label(), key.paramsText(),
                key.workloadText(), r.status().key()));
        v.add(r.reason());
        var s = r.stats();
        v.addAll(s == null ? Collections.nCopies(7, null)
                : Arrays.asList(s.n(), s.medianNs(), s.meanNs(), s.stddevNs(), s.ci95LowNs(), s.ci95HighNs(), s.cv()));
        v.add(r.samplesNs() == null ? null : Collections.min(r.samplesNs()));
        v.add(r.samplesNs() == null ? null : Collections.max(r.samplesNs()));
        var m = r.metrics();
        v.addAll(m == null ? Collections.nCopies(11, null) : Arrays.asList(m.opUnit().key(), m.ops(), m.bytes(), m.roof().key(), m.gops(),
                m.gflops(), m.gbps(), m.pctOfPeak(), m.pctOfBandwidth(), m.allocBytesPerOp(), m.energyJ()));
        var c = r.correctness();
        v.addAll(c == null ? Collections.nCopies(3, null) : Arrays.asList(c.maxAbsErr(), c.maxRelErr(), c.passed()));
        v.add(r.baseline() == null ? null : r.baseline().kernel());
        v.add(r.baseline() == null ? null : r.baseline().speedup());
        return v;
    }

    /**
     * One CSV cell. Text that a spreadsheet would take for a formula ({@code =HYPERLINK(...)}, {@code +cmd},
     * {@code -1+...}, {@code @SUM}, or one starting with a tab or carriage return) gets a leading apostrophe, the
     * usual neutralization: the cell then shows as text. Numbers are written as they are, negative ones included.
     */
    static String cell(Object v) {
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
