package dev.mlbench.core.compare;

import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.RunRecord;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.results.TrialResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two runs row by row ({@link RowKey}): measured rows by their per-iteration samples
 * ({@link RankSumTest}), the rest by status. Rows with the same key within one run (the same shape listed in two
 * groups) are pooled.
 */
public final class Comparer {

    private Comparer() {
    }

    /** Compares CUR against BASE. */
    public static Comparison compare(RunFile base, RunFile cur, CompareSettings settings) {
        Map<RowKey, Pooled> a = pool(base.record());
        Map<RowKey, Pooled> b = pool(cur.record());
        List<String> global = EnvironmentDiff.global(base.record(), cur.record());
        List<RowComparison> rows = new ArrayList<>();
        for (Map.Entry<RowKey, Pooled> e : a.entrySet()) {
            rows.add(row(e.getKey(), e.getValue(), b.get(e.getKey()), settings, warnings(e.getKey(), global, base.record(), cur.record())));
        }
        for (Map.Entry<RowKey, Pooled> e : b.entrySet()) {
            if (!a.containsKey(e.getKey())) {
                rows.add(row(e.getKey(), null, e.getValue(), settings, warnings(e.getKey(), global, base.record(), cur.record())));
            }
        }
        return new Comparison(base.runId(), cur.runId(), base.path().toString(), cur.path().toString(), settings, global, List.copyOf(rows));
    }

    private static List<String> warnings(RowKey key, List<String> global, RunRecord base, RunRecord cur) {
        List<String> w = new ArrayList<>(global);
        w.addAll(EnvironmentDiff.backend(key.backend(), base, cur));
        return List.copyOf(w);
    }

    private static RowComparison row(RowKey key, Pooled base, Pooled cur, CompareSettings settings, List<String> warnings) {
        TrialResult shown = cur != null ? cur.first : base.first;
        Double baseMedian = base != null && base.measured() ? RankSumTest.median(base.samples) : null;
        Double curMedian = cur != null && cur.measured() ? RankSumTest.median(cur.samples) : null;
        int baseN = base == null ? 0 : base.samples.size();
        int curN = cur == null ? 0 : cur.samples.size();
        Verdict verdict;
        String reason;
        Double change = null;
        Double p = null;
        if (cur != null && (cur.worst == Status.INVALID || cur.worst == Status.FAILED)) {
            verdict = Verdict.INVALID;
            reason = cur.worst.key() + " in CUR: " + cur.reason;
        } else if (cur == null || !cur.measured()) {
            verdict = base != null && base.measured() ? Verdict.MISSING : Verdict.SAME;
            reason = cur == null ? "not in CUR" : "not measured in CUR: " + cur.worst.key() + ": " + cur.reason;
            if (verdict == Verdict.SAME) {
                reason = "measured in neither run (" + reason + ")";
            }
        } else if (base == null || !base.measured()) {
            verdict = Verdict.NEW;
            reason = base == null ? "not in BASE" : "not measured in BASE: " + base.worst.key() + ": " + base.reason;
        } else {
            RankSumTest.Outcome o = RankSumTest.classify(base.samples, cur.samples, settings);
            verdict = o.verdict();
            reason = o.reason();
            change = o.change();
            p = Double.isNaN(o.pValue()) ? null : o.pValue();
        }
        return new RowComparison(key, shown.group(), shown.label(), verdict, baseMedian, curMedian, change, p, baseN, curN, reason, warnings);
    }

    private static Map<RowKey, Pooled> pool(RunRecord run) {
        Map<RowKey, Pooled> out = new LinkedHashMap<>();
        for (TrialResult r : run.results()) {
            out.computeIfAbsent(RowKey.of(r), k -> new Pooled(r)).add(r);
        }
        return out;
    }

    /** Rows of one key in one run: their samples, and the worst status seen (invalid and failed win). */
    private static final class Pooled {
        final TrialResult first;
        final List<Double> samples = new ArrayList<>();
        Status worst;
        String reason;

        Pooled(TrialResult first) {
            this.first = first;
        }

        void add(TrialResult r) {
            if (r.status() == Status.MEASURED && r.samplesNs() != null) {
                samples.addAll(r.samplesNs());
            }
            if (worst == null || rank(r.status()) > rank(worst)) {
                worst = r.status();
                reason = r.reason();
            }
        }

        boolean measured() {
            return worst == Status.MEASURED && !samples.isEmpty();
        }

        private static int rank(Status s) {
            return switch (s) {
                case MEASURED -> 0;
                case SKIPPED -> 1;
                case FAILED -> 2;
                case INVALID -> 3;
            };
        }
    }
}
