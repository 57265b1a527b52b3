package dev.mlbench.cli;

import dev.mlbench.core.calibrate.Calibration;
import dev.mlbench.core.definition.CacheState;
import dev.mlbench.core.results.Metrics;
import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.RunRecord;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.results.TrialResult;
import dev.mlbench.core.results.format.ResultFormat;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Work;
import dev.mlbench.core.stats.SampleStatistics;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The console table of {@code bench run} and {@code bench show}: one row per trial, with notes for noisy, skipped,
 * invalid and failed rows. It is built on the CLI's {@link TextTable} and {@link Units}, as every table the commands
 * print is.
 */
final class ResultsTable implements ResultFormat {

    /** Each run's table, one after another; the commands put their own line above each. */
    @Override
    public void write(List<RunFile> runs, PrintWriter out) {
        runs.forEach(run -> print(run.record(), out));
    }

    private static void print(RunRecord record, PrintWriter out) {
        boolean manyTracks = record.results().stream().map(TrialResult::track).distinct().count() > 1;
        Map<String, Set<String>> varying = varyingParams(record.results());
        boolean anyParams = varying.values().stream().anyMatch(v -> !v.isEmpty());
        boolean threadsVary = record.results().stream().map(r -> r.params().get(KernelConfig.THREADS)).distinct().count() > 1;
        boolean anyBaseline = record.results().stream().anyMatch(r -> r.baseline() != null);
        boolean anyDetails = record.results().stream().anyMatch(r -> !details(r).isEmpty());
        boolean anyEnergy = record.results().stream().anyMatch(r -> r.metrics() != null && r.metrics().energyJ() != null);
        List<String> headers = new ArrayList<>();
        if (manyTracks) {
            headers.add("TRACK");
        }
        headers.addAll(List.of("KERNEL", "BACKEND", "SHAPE"));
        if (threadsVary) {
            headers.add("THREADS");
        }
        if (anyParams) {
            headers.add("PARAMS");
        }
        int firstNumber = headers.size();
        headers.addAll(List.of("MEDIAN", "THROUGHPUT", "GB/S", "%PEAK", "%BW"));
        if (anyBaseline) {
            headers.add("VS BASE");
        }
        if (anyEnergy) {
            headers.addAll(List.of("J/OP", "WATTS"));
        }
        headers.add("95% CI");
        int lastNumber = headers.size();
        headers.add("CORRECTNESS");
        if (anyDetails) {
            headers.add("DETAILS");
        }
        boolean[] right = new boolean[headers.size()];
        for (int i = firstNumber; i < lastNumber; i++) {
            right[i] = true;
        }
        TextTable table = new TextTable(headers, right);
        List<String> notes = new ArrayList<>();
        boolean noisy = false;
        boolean imprecise = false;
        List<String> unsettled = new ArrayList<>();
        for (TrialResult r : record.results()) {
            List<String> row = new ArrayList<>();
            if (manyTracks) {
                row.add(r.track());
            }
            row.addAll(List.of(r.kernel(), r.backend(), r.label()));
            if (threadsVary) {
                row.add(String.valueOf(r.params().get(KernelConfig.THREADS)));
            }
            if (anyParams) {
                row.add(params(r.params(), varying.getOrDefault(r.kernel(), Set.of())));
            }
            if (r.status() == Status.MEASURED) {
                SampleStatistics s = r.stats();
                Metrics m = r.metrics();
                boolean unsteady = m.unsettledForks() != null && m.unsettledForks() > 0;
                boolean flag = s.noisy() || s.imprecise() || unsteady;
                noisy |= s.noisy();
                imprecise |= s.imprecise();
                if (unsteady) {
                    unsettled.add(r.kernel() + " " + r.label() + " (" + m.unsettledForks() + " of " + (s.forks() == null ? 1 : s.forks())
                            + " forks)");
                }
                row.addAll(List.of(Units.duration(s.medianNs()), (m.ops() > 0 ? Units.throughput(m) : "-"), Units.rate(m.gbps()),
                        Units.percent(m.pctOfPeak()), bandwidthShare(m, record.calibration())));
                if (anyBaseline) {
                    row.add(r.baseline() == null ? "-" : String.format(Locale.ROOT, "%.2fx", r.baseline().speedup()));
                }
                if (anyEnergy) {
                    row.add(m.energyJ() == null ? "-" : Units.number(m.energyJ()));
                    row.add(m.avgWatts() == null ? "-" : Units.rate(m.avgWatts()));
                }
                row.addAll(List.of(ci(s) + (flag ? " !" : ""), "ok (max rel err " + relErr(r) + ")"));
            } else {
                row.addAll(List.of("-", "-", "-", "-", "-"));
                if (anyBaseline) {
                    row.add("-");
                }
                if (anyEnergy) {
                    row.addAll(List.of("-", "-"));
                }
                row.addAll(List.of("-", r.status().key().toUpperCase(Locale.ROOT)));
                notes.add(r.status().key() + ": " + r.kernel() + (r.status() == Status.SKIPPED ? "" : " " + r.label()) + ": " + r.reason());
            }
            if (anyDetails) {
                row.add(details(r));
            }
            table.add(row);
        }
        table.print(out);
        if (noisy) {
            out.println("! coefficient of variation above " + (int) (SampleStatistics.NOISY_CV * 100)
                    + "%: noisy; rerun with --profile standard or on a quieter machine before trusting it");
        }
        if (imprecise) {
            out.println("! 95% interval wider than ±" + (int) (SampleStatistics.PRECISE_HALF_WIDTH * 100)
                    + "% of the mean (or one sample): too few samples to pin the time down; measure more iterations or forks");
        }
        if (!unsettled.isEmpty()) {
            out.println("! still getting faster, or still being compiled, when the profile's settle_ms ran out: "
                    + String.join(", ", unsettled) + "; its warm-up may have been measured as its time: raise settle_ms");
        }
        // one line per distinct note: a kernel skipped on every workload for the same reason is said once
        Map<String, Long> reasons = notes.stream().collect(Collectors.groupingBy(n -> n, LinkedHashMap::new, Collectors.counting()));
        reasons.forEach((n, count) -> out.println((count > 1 ? n.replaceFirst(": ", " (" + count + " rows): ") : n).replace("\n", "\n    ")));
        record.results().stream().filter(r -> r.metrics() != null).map(r -> r.metrics().energySource()).distinct()
                .forEach(source -> out.println("Energy: " + source));
        if (anyBaseline) {
            out.println("VS BASE: the baseline kernel's median time over this row's, same workload and threads (above 1: faster).");
        }
        if (record.calibration() == null) {
            out.println("%PEAK and %BW are empty: run without --no-calibration (or 'bench calibrate') to measure this host's peaks.");
        }
    }

    /** The track's accuracy figures and the kernel's own metrics, as "name=value" pairs. */
    private static String details(TrialResult r) {
        Map<String, Double> all = new LinkedHashMap<>();
        if (r.correctness() != null && r.correctness().metrics() != null) {
            all.putAll(r.correctness().metrics());
        }
        if (r.metrics() != null) {
            if (r.metrics().allocBytesPerOp() != null && r.metrics().allocBytesPerOp() >= 1024) {
                all.put("alloc_bytes_per_op", r.metrics().allocBytesPerOp());
            }
            all.putAll(r.metrics().extra());
        }
        return all.entrySet().stream().map(e -> e.getKey() + "=" + Units.number(e.getValue())).collect(Collectors.joining(" "));
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

    /**
     * The parameters that take more than one value among each kernel's rows (threads has its own column):
     * what a sweep varies. Values every row of a kernel shares are in the results file.
     */
    private static Map<String, Set<String>> varyingParams(List<TrialResult> rows) {
        Map<String, Map<String, Set<Object>>> seen = new LinkedHashMap<>();
        for (TrialResult r : rows) {
            r.params().forEach((k, v) -> seen.computeIfAbsent(r.kernel(), x -> new LinkedHashMap<>())
                    .computeIfAbsent(k, x -> new java.util.HashSet<>()).add(v));
        }
        Map<String, Set<String>> varying = new LinkedHashMap<>();
        seen.forEach((kernel, values) -> {
            Set<String> names = new java.util.LinkedHashSet<>();
            values.forEach((k, v) -> {
                if (v.size() > 1 && !k.equals(KernelConfig.THREADS)) {
                    names.add(k);
                }
            });
            varying.put(kernel, names);
        });
        return varying;
    }

    private static String params(Map<String, Object> params, Set<String> shown) {
        return params.entrySet().stream().filter(e -> shown.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    /**
     * The %BW cell: the share of the roof's calibrated bandwidth, marked {@code cold} when every call found its operands
     * evicted; {@code in cache} when a calibrated row read faster than its roof allows (a cache served it, whatever the
     * row asked for); {@code -} when there is no calibrated bandwidth to compare with (none, or a roof measured as 0).
     */
    static String bandwidthShare(Metrics m, Calibration calibration) {
        if (m.pctOfBandwidth() == null) {
            Work.Roof roof = m.roof();
            boolean disk = roof != Work.Roof.MEMORY;
            boolean roofKnown = calibration != null && calibration.bandwidthGbps(roof) > 0;
            // above 110% of its roof: a memory row ran from a cache, a disk row from a page or write cache
            return roofKnown && m.gbps() > 0 ? (disk ? "above roof" : "in cache") : "-";
        }
        return Units.percent(m.pctOfBandwidth()) + (m.cache() == CacheState.COLD ? " cold" : "");
    }
}
