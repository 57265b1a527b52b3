package dev.mlbench.cli;

import dev.mlbench.core.results.RunRecord;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.results.TrialResult;
import dev.mlbench.core.stats.SampleStatistics;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The table printed after a run: one row per trial, with notes for noisy, skipped, invalid and failed rows. */
final class ResultsTable {

    private ResultsTable() {
    }

    static void print(RunRecord record, PrintWriter out) {
        boolean manyTracks = record.results().stream().map(TrialResult::track).distinct().count() > 1;
        boolean anyParams = record.results().stream().anyMatch(r -> r.params().size() > 1);
        List<String> headers = new ArrayList<>();
        if (manyTracks) {
            headers.add("TRACK");
        }
        headers.addAll(List.of("KERNEL", "BACKEND", "SHAPE"));
        if (anyParams) {
            headers.add("PARAMS");
        }
        headers.addAll(List.of("MEDIAN", "GFLOP/S", "GB/S", "%PEAK", "95% CI", "CORRECTNESS"));
        boolean[] right = new boolean[headers.size()];
        for (int i = headers.size() - 6; i < headers.size() - 1; i++) {
            right[i] = true;
        }
        TextTable table = new TextTable(headers, right);
        List<String> notes = new ArrayList<>();
        boolean noisy = false;
        for (TrialResult r : record.results()) {
            List<String> row = new ArrayList<>();
            if (manyTracks) {
                row.add(r.track());
            }
            row.addAll(List.of(r.kernel(), r.backend(), r.label()));
            if (anyParams) {
                row.add(params(r.params()));
            }
            if (r.status() == Status.MEASURED) {
                SampleStatistics s = r.stats();
                boolean flag = s.noisy();
                noisy |= flag;
                row.addAll(List.of(Units.duration(s.medianNs()), Units.rate(r.metrics().gflops()), Units.rate(r.metrics().gbps()),
                        Units.percent(r.metrics().pctOfPeak()), ci(s) + (flag ? " !" : ""), "ok (max rel err " + relErr(r) + ")"));
            } else {
                row.addAll(List.of("-", "-", "-", "-", "-", r.status().key().toUpperCase(Locale.ROOT)));
                notes.add(r.status().key() + ": " + r.kernel() + " " + r.label() + ": " + r.reason());
            }
            table.add(row);
        }
        table.print(out);
        if (noisy) {
            out.println("! coefficient of variation above " + (int) (SampleStatistics.NOISY_CV * 100)
                    + "%: noisy; rerun with --profile standard or on a quieter machine before trusting it");
        }
        Map<String, Long> reasons = notes.stream().collect(Collectors.groupingBy(n -> n, LinkedHashMap::new, Collectors.counting()));
        reasons.keySet().forEach(n -> out.println(n.replace("\n", "\n    ")));
        if (record.calibration() == null) {
            out.println("%PEAK is empty: run without --no-calibration (or 'bench calibrate') to measure this host's peak.");
        }
    }

    private static String ci(SampleStatistics s) {
        if (s.ci95LowNs() == null) {
            return "n=1";
        }
        double half = (s.ci95HighNs() - s.ci95LowNs()) / 2;
        return String.format(Locale.ROOT, "±%.1f%%", 100 * half / s.meanNs());
    }

    private static String relErr(TrialResult r) {
        Double e = r.correctness() == null ? null : r.correctness().maxRelErr();
        return e == null ? "-" : String.format(Locale.ROOT, "%.1e", e);
    }

    private static String params(Map<String, Object> params) {
        return params.entrySet().stream().filter(e -> !e.getKey().equals("threads"))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
