package dev.mlbench.cli.study;

import dev.mlbench.core.compare.CompareSettings;
import dev.mlbench.core.compare.Comparer;
import dev.mlbench.core.compare.Comparison;
import dev.mlbench.core.compare.RowComparison;
import dev.mlbench.core.compare.Verdict;
import dev.mlbench.core.results.ResultStore;
import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.RunRecord;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.results.TrialResult;
import dev.mlbench.core.stats.ForkSamples;
import dev.mlbench.core.stats.SampleStatistics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The measurements behind docs/gate.md, from real results files (scripts/gate-study.sh runs it):
 * <ul>
 *   <li>{@code aa FILE SPLITS HALF}: A/A comparisons built by splitting each row's forks into two disjoint random
 *   halves of HALF forks (seeded), every row of the file in each comparison; counts comparisons with any SLOWER.</li>
 *   <li>{@code power FILE DRAWS FORKS ROWS}: for every {@code vector-extra} row with {@code extra_pct} p &gt; 0,
 *   DRAWS comparisons of FORKS random forks of the p = 0 row (BASE) against FORKS random forks of the p row (CUR),
 *   each tested as one row of a family of ROWS rows (Bonferroni's level alpha/ROWS, Holm's first step); counts
 *   SLOWER.</li>
 * </ul>
 * The comparisons are made by {@link Comparer} itself on files written exactly as runs write them.
 */
public final class GateStudy {

    private GateStudy() {
    }

    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("gate-study");
        switch (args[0]) {
            case "aa" -> aa(RunFile.read(Path.of(args[1])), Integer.parseInt(args[2]), Integer.parseInt(args[3]), tmp);
            case "power" -> power(RunFile.read(Path.of(args[1])), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), args.length > 5 ? Double.parseDouble(args[5]) / 100 : CompareSettings.DEFAULT_THRESHOLD, tmp);
            default -> throw new IllegalArgumentException("usage: aa FILE SPLITS HALF | power FILE DRAWS FORKS ROWS [THRESHOLD_PCT]");
        }
    }

    private static void aa(RunFile file, int splits, int half, Path tmp) throws Exception {
        List<TrialResult> rows = file.record().results().stream()
                .filter(r -> r.status() == Status.MEASURED && r.sampleForks() != null
                        && ForkSamples.of(r.samplesNs(), r.sampleForks()).forkCount() >= 2 * half)
                .toList();
        Random random = new Random(20261206L);
        int anySlower = 0;
        int anyFaster = 0;
        Map<Verdict, Integer> verdicts = new LinkedHashMap<>();
        for (int s = 0; s < splits; s++) {
            List<TrialResult> a = new ArrayList<>();
            List<TrialResult> b = new ArrayList<>();
            for (TrialResult r : rows) {
                List<double[]> forks = new ArrayList<>(ForkSamples.of(r.samplesNs(), r.sampleForks()).forks());
                Collections.shuffle(forks, random);
                a.add(withForks(r, forks.subList(0, half)));
                b.add(withForks(r, forks.subList(half, 2 * half)));
            }
            Comparison c = compare(file.record(), a, b, tmp, CompareSettings.DEFAULTS);
            c.rows().forEach(r -> verdicts.merge(r.verdict(), 1, Integer::sum));
            anySlower += c.rows().stream().anyMatch(r -> r.verdict() == Verdict.SLOWER) ? 1 : 0;
            anyFaster += c.rows().stream().anyMatch(r -> r.verdict() == Verdict.FASTER) ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "%s: %d rows with >= %d forks; %d A/A comparisons of %d vs %d forks per row%n",
                file.path().getFileName(), rows.size(), 2 * half, splits, half, half);
        System.out.printf(Locale.ROOT, "comparisons with any SLOWER row: %d of %d; with any FASTER row: %d; row verdicts: %s%n",
                anySlower, splits, anyFaster, verdicts);
        printForkCv(rows);
    }

    private static void power(RunFile file, int draws, int forksPerSide, int familyRows, double threshold, Path tmp) throws Exception {
        Map<String, TrialResult> base = new LinkedHashMap<>();
        List<TrialResult> slowed = new ArrayList<>();
        for (TrialResult r : file.record().results()) {
            if (r.status() != Status.MEASURED || !r.kernel().equals("vector-extra")) {
                continue;
            }
            long pct = ((Number) r.params().get("extra_pct")).longValue();
            if (pct == 0) {
                base.put(r.label() + " t=" + r.params().get("threads"), r);
            } else {
                slowed.add(r);
            }
        }
        CompareSettings settings = new CompareSettings(threshold, CompareSettings.DEFAULT_ALPHA / familyRows);
        Random random = new Random(20261207L);
        System.out.printf(Locale.ROOT, "%s: %d draws of %d vs %d forks, each row tested at alpha %.2g (one of %d rows), threshold %.0f%%%n",
                file.path().getFileName(), draws, forksPerSide, forksPerSide, settings.alpha(), familyRows, 100 * threshold);
        System.out.println("| shape | threads | extra work | fork CV base / slowed | measured slowdown (all forks) | SLOWER | power |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (TrialResult s : slowed) {
            TrialResult b = base.get(s.label() + " t=" + s.params().get("threads"));
            List<double[]> bf = ForkSamples.of(b.samplesNs(), b.sampleForks()).forks();
            List<double[]> sf = ForkSamples.of(s.samplesNs(), s.sampleForks()).forks();
            int detected = 0;
            for (int d = 0; d < draws; d++) {
                List<double[]> x = new ArrayList<>(bf);
                List<double[]> y = new ArrayList<>(sf);
                Collections.shuffle(x, random);
                Collections.shuffle(y, random);
                TrialResult cur = relabel(withForks(s, y.subList(0, forksPerSide)), b.params());
                Comparison c = compare(file.record(), List.of(withForks(b, x.subList(0, forksPerSide))), List.of(cur), tmp, settings);
                RowComparison row = c.rows().get(0);
                detected += row.verdict() == Verdict.SLOWER ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "| %s | %s | %s%% | %.1f%% / %.1f%% | %+.1f%% | %d/%d | %.0f%% |%n", s.label(), s.params().get("threads"),
                    s.params().get("extra_pct"), 100 * b.stats().forkCv(), 100 * s.stats().forkCv(),
                    100 * (s.stats().medianNs() / b.stats().medianNs() - 1), detected, draws, 100.0 * detected / draws);
        }
    }

    private static void printForkCv(List<TrialResult> rows) {
        System.out.println("| kernel | shape | threads | forks | fork CV |");
        System.out.println("|---|---|---:|---:|---:|");
        for (TrialResult r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %d | %.1f%% |%n", r.kernel(), r.label(), r.params().get("threads"),
                    r.stats().forks(), r.stats().forkCv() == null ? Double.NaN : 100 * r.stats().forkCv());
        }
    }

    private static Comparison compare(RunRecord template, List<TrialResult> a, List<TrialResult> b, Path tmp, CompareSettings settings)
            throws Exception {
        return Comparer.compare(write(template.withResults(a), "base", tmp), write(template.withResults(b), "cur", tmp), settings);
    }

    private static RunFile write(RunRecord r, String name, Path tmp) throws Exception {
        Path f = tmp.resolve(name + ".json");
        ResultStore.write(r, f);
        return RunFile.read(f);
    }

    /** {@code r} with only {@code forks}, renumbered from 0 in the given order. */
    private static TrialResult withForks(TrialResult r, List<double[]> forks) {
        List<Double> samples = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        List<String> starts = new ArrayList<>();
        for (int f = 0; f < forks.size(); f++) {
            for (double v : forks.get(f)) {
                samples.add(v);
                index.add(f);
            }
            starts.add(null);
        }
        return TrialResult.measured(r.subject(), samples, index, starts, SampleStatistics.of(samples, index), r.metrics(), r.correctness());
    }

    /** {@code r} under the parameters of the row it is compared with (the slowed variant is the same kernel). */
    private static TrialResult relabel(TrialResult r, Map<String, Object> params) {
        var s = new TrialResult.Subject(r.track(), r.kernel(), r.backend(), r.group(), r.label(), params, r.workload());
        return TrialResult.measured(s, r.samplesNs(), r.sampleForks(), r.forkStartedAt(), r.stats(), r.metrics(), r.correctness());
    }
}
