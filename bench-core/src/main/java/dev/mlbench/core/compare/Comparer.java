package dev.mlbench.core.compare;

import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.RunRecord;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.results.TrialResult;
import dev.mlbench.core.spi.Backend;
import dev.mlbench.core.stats.ChangeEstimate;
import dev.mlbench.core.stats.ForkSamples;
import dev.mlbench.core.stats.Holm;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Compares two runs row by row ({@link RowKey}). Measured rows are compared on their forks: the ratio of median
 * times with a bootstrap interval that resamples forks, then iterations within each fork ({@link ChangeEstimate}).
 * A row is SLOWER or FASTER only when the evidence shows a change beyond the threshold δ, tested for all rows of
 * the comparison together with Holm's correction, so the chance of any false SLOWER stays at most alpha for the
 * whole comparison; SAME when the 95% interval lies within ±δ; UNSURE otherwise. The other rows are compared by
 * status. Rows with the same key within one run (the same shape listed in two groups) are pooled, their forks kept
 * apart.
 */
public final class Comparer {

    private Comparer() {
    }

    /** Compares CUR against BASE. */
    public static Comparison compare(RunFile base, RunFile cur, CompareSettings settings) {
        Map<RowKey, Pooled> a = pool(base.record());
        Map<RowKey, Pooled> b = pool(cur.record());
        List<String> global = new ArrayList<>(EnvironmentDiff.global(base.record(), cur.record()));
        forkWarning("BASE", base.record(), a).ifPresent(global::add);
        forkWarning("CUR", cur.record(), b).ifPresent(global::add);
        List<RowKey> keys = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(keys::add);

        Map<RowKey, ChangeEstimate> tested = new LinkedHashMap<>();
        for (RowKey key : keys) {
            Pooled x = a.get(key);
            Pooled y = b.get(key);
            if (x != null && y != null && x.measured() && y.measured() && !y.broken()) {
                tested.put(key, ChangeEstimate.of(x.samples(), y.samples(), settings.threshold(), settings.replicates(),
                        settings.seed() ^ key.toString().hashCode()));
            }
        }
        // Holm over the rows that can be decided at all: rows with too few forks never reach a verdict.
        List<RowKey> family = tested.entrySet().stream().filter(e -> decidable(e.getValue())).map(Map.Entry::getKey).toList();
        double[] adjusted = Holm.adjust(family.stream().mapToDouble(k -> tested.get(k).pChanged()).toArray());
        Map<RowKey, Double> holm = new LinkedHashMap<>();
        for (int i = 0; i < family.size(); i++) {
            holm.put(family.get(i), adjusted[i]);
        }
        // The per-row level the minimum detectable effect and the forks needed are quoted at (Bonferroni's, which
        // Holm's first step uses).
        double perRowAlpha = settings.alpha() / Math.max(1, family.size());

        List<RowComparison> rows = new ArrayList<>();
        for (RowKey key : keys) {
            rows.add(row(key, a.get(key), b.get(key), tested.get(key), holm.get(key), family.size(), perRowAlpha, settings,
                    warnings(key, global, base.record(), cur.record(), a.get(key), b.get(key))));
        }
        return new Comparison(base.runId(), cur.runId(), base.path().toString(), cur.path().toString(), settings, List.copyOf(global),
                List.copyOf(rows));
    }

    /** Whether a row has the forks for a verdict on each side. */
    static boolean decidable(ChangeEstimate e) {
        return e.forksRecorded() && e.baseForks() >= CompareSettings.MIN_FORKS && e.curForks() >= CompareSettings.MIN_FORKS;
    }

    private static java.util.Optional<String> forkWarning(String side, RunRecord run, Map<RowKey, Pooled> rows) {
        if (rows.values().stream().anyMatch(p -> p.measured() && !p.samples().recorded())) {
            return java.util.Optional.of(side + " (" + run.runId() + ", schema " + run.schemaVersion() + ") did not record which fork measured"
                    + " each sample: each of its rows is taken as one fork, so its comparisons are weaker and reach no verdict"
                    + " but UNSURE; rerun it with this bench (--profile gate) to compare forks");
        }
        return java.util.Optional.empty();
    }

    private static List<String> warnings(RowKey key, List<String> global, RunRecord base, RunRecord cur, Pooled baseRow, Pooled curRow) {
        List<String> w = new ArrayList<>(global);
        w.addAll(EnvironmentDiff.backend(key.backend(), base, cur));
        // what the backend itself said about these rows (a native library below its best core): beside the ratio it skews
        for (var side : List.of(Map.entry("BASE", Optional.ofNullable(baseRow)), Map.entry("CUR", Optional.ofNullable(curRow)))) {
            side.getValue().map(p -> p.first.backendDetails()).map(d -> d == null ? null : d.get(Backend.WARNING))
                    .ifPresent(text -> w.add(side.getKey() + ": " + text));
        }
        return List.copyOf(w);
    }

    private static RowComparison row(RowKey key, Pooled base, Pooled cur, ChangeEstimate estimate, Double adjustedP, int familySize,
                                     double perRowAlpha,
                                     CompareSettings settings, List<String> warnings) {
        TrialResult shown = cur != null ? cur.first : base.first;
        Double baseMedian = base != null && base.measured() ? base.samples().median() : null;
        Double curMedian = cur != null && cur.measured() ? cur.samples().median() : null;
        int baseN = base == null ? 0 : base.n();
        int curN = cur == null ? 0 : cur.n();
        int baseForks = base != null && base.measured() ? base.samples().forkCount() : 0;
        int curForks = cur != null && cur.measured() ? cur.samples().forkCount() : 0;
        if (cur != null && cur.broken()) {
            return new RowComparison(key, shown.group(), shown.label(), Verdict.INVALID, baseMedian, null, null, null, null, null, null, null,
                    baseN, 0, baseForks, 0, cur.worst.key() + " in CUR: " + cur.reason, warnings);
        }
        if (estimate == null) {
            Verdict verdict;
            String reason;
            if (cur == null || !cur.measured()) {
                verdict = base != null && base.measured() ? Verdict.MISSING : Verdict.SAME;
                reason = cur == null ? "not in CUR" : "not measured in CUR: " + cur.worst.key() + ": " + cur.reason;
                if (verdict == Verdict.SAME) {
                    reason = "measured in neither run (" + reason + ")";
                }
            } else {
                verdict = Verdict.NEW;
                reason = base == null ? "not in BASE" : "not measured in BASE: " + base.worst.key() + ": " + base.reason;
            }
            return new RowComparison(key, shown.group(), shown.label(), verdict, baseMedian, curMedian, null, null, null, null, null, null,
                    baseN, curN, baseForks, curForks, reason, warnings);
        }
        Verdict verdict;
        String reason;
        Integer forksNeeded = null;
        String change = pct(estimate.change()) + " [" + pct(estimate.low(0.95) - 1) + ", " + pct(estimate.high(0.95) - 1) + "]";
        String margin = pct(settings.threshold()).substring(1);
        if (!decidable(estimate)) {
            verdict = Verdict.UNSURE;
            reason = "median time " + change + ": " + (estimate.forksRecorded()
                    ? String.format(Locale.ROOT, "%d and %d forks; at least %d per side are needed to tell a change from the noise between JVMs"
                    + " (--profile gate, or --forks N)", estimate.baseForks(), estimate.curForks(), CompareSettings.MIN_FORKS)
                    : "forks not recorded, so the noise between JVMs is unknown");
        } else if (adjustedP <= settings.alpha()) {
            verdict = estimate.pSlower() < estimate.pFaster() ? Verdict.SLOWER : Verdict.FASTER;
            reason = String.format(Locale.ROOT, "median time %s, beyond ±%s (p=%.2g, Holm over %d rows)", change, margin, adjustedP,
                    familySize);
        } else if (estimate.within(0.95)) {
            verdict = Verdict.SAME;
            reason = "median time " + change + ", within ±" + margin;
        } else {
            verdict = Verdict.UNSURE;
            OptionalInt needed = estimate.forksNeeded(perRowAlpha);
            forksNeeded = needed.isPresent() ? needed.getAsInt() : null;
            reason = "median time " + change + ": the interval reaches past ±" + margin + " without evidence of a change beyond it; "
                    + (needed.isPresent() ? "needs >= " + needed.getAsInt() + " forks per side to decide"
                    : "too close to ±" + margin + " for any sensible number of forks to decide; choose --threshold");
        }
        return new RowComparison(key, shown.group(), shown.label(), verdict, baseMedian, curMedian, estimate.change(),
                estimate.low(0.95) - 1, estimate.high(0.95) - 1, adjustedP, estimate.minDetectableChange(perRowAlpha), forksNeeded,
                baseN, curN, baseForks, curForks, reason, warnings);
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%+.1f%%", 100 * fraction);
    }

    private static Map<RowKey, Pooled> pool(RunRecord run) {
        Map<RowKey, Pooled> out = new LinkedHashMap<>();
        for (TrialResult r : run.results()) {
            out.computeIfAbsent(RowKey.of(r), k -> new Pooled(r)).add(r);
        }
        return out;
    }

    /** Rows of one key in one run: their forks, and the worst status seen (invalid and failed win). */
    private static final class Pooled {
        final TrialResult first;
        final List<double[]> forks = new ArrayList<>();
        boolean recorded = true;
        int n;
        Status worst;
        String reason;

        Pooled(TrialResult first) {
            this.first = first;
        }

        void add(TrialResult r) {
            if (r.status() == Status.MEASURED && r.samplesNs() != null && !r.samplesNs().isEmpty()) {
                ForkSamples f = ForkSamples.of(r.samplesNs(), r.sampleForks());
                forks.addAll(f.forks());
                recorded &= f.recorded();
                n += r.samplesNs().size();
            }
            if (worst == null || r.status().severity() > worst.severity()) {
                worst = r.status();
                reason = r.reason();
            }
        }

        boolean measured() {
            return worst == Status.MEASURED && !forks.isEmpty();
        }

        boolean broken() {
            return worst == Status.INVALID || worst == Status.FAILED;
        }

        int n() {
            return n;
        }

        ForkSamples samples() {
            return new ForkSamples(forks, recorded);
        }
    }
}
