package dev.mlbench.core.gate;

import dev.mlbench.core.compare.RowKey;
import dev.mlbench.core.results.Metrics;
import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.RunRecord;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.results.TrialResult;
import dev.mlbench.core.stats.SampleStatistics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the results files of one build's rounds of a gate into one record: the rounds' rows of the same key
 * become one row whose forks are the rounds' forks, numbered in round order. A round written by a build that did
 * not record forks (schema 1 or 2) counts as one fork per row, which is what the gate asks each round for. Reads
 * nothing but the files, so the build that wrote them may be older than this one.
 */
public final class RoundMerger {

    private RoundMerger() {
    }

    /**
     * Merges {@code rounds} (oldest first) into one record with run id {@code runId} and profile {@code profile}.
     * A row measured in every round it appears in is measured; a row invalid, failed or skipped in any round takes
     * the worst of those, with the round named in its reason.
     */
    public static RunRecord merge(List<RunFile> rounds, String runId, String profile) {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("no rounds to merge");
        }
        Map<RowKey, Merged> rows = new LinkedHashMap<>();
        for (int k = 0; k < rounds.size(); k++) {
            for (TrialResult r : rounds.get(k).record().results()) {
                rows.computeIfAbsent(RowKey.of(r), key -> new Merged(r)).add(r, k + 1);
            }
        }
        RunRecord first = rounds.get(0).record();
        RunRecord last = rounds.get(rounds.size() - 1).record();
        boolean complete = rounds.stream().allMatch(f -> "complete".equals(f.record().state()));
        RunRecord.RunSettings s = first.settings();
        RunRecord.RunSettings settings = s == null ? null
                : new RunRecord.RunSettings(s.tracks(), s.definitions(), profile, s.threads(), s.forkJvmArgs(), rounds.size());
        List<TrialResult> results = rows.values().stream().map(Merged::result).toList();
        return new RunRecord(RunRecord.SCHEMA_VERSION, runId, first.startedAt(), last.finishedAt(), complete ? "complete" : "interrupted",
                first.harness(), settings, first.environment(), first.calibration(), results);
    }

    /** One key's rows over the rounds. */
    private static final class Merged {
        private final TrialResult first;
        private final List<Double> samples = new ArrayList<>();
        private final List<Integer> forks = new ArrayList<>();
        private final List<String> forkStarts = new ArrayList<>();
        private TrialResult worst;
        private String worstReason;

        Merged(TrialResult first) {
            this.first = first;
        }

        void add(TrialResult r, int round) {
            if (r.status() != Status.MEASURED) {
                if (worst == null || r.status().severity() > worst.status().severity()) {
                    worst = r;
                    worstReason = "round " + round + ": " + r.reason();
                }
                return;
            }
            int offset = forkStarts.size();
            if (r.sampleForks() == null) {
                r.samplesNs().forEach(x -> forks.add(offset));
                forkStarts.add(null); // the build did not record when its fork started
            } else {
                int count = r.sampleForks().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
                r.sampleForks().forEach(f -> forks.add(offset + f));
                for (int f = 0; f < count; f++) {
                    forkStarts.add(r.forkStartedAt() != null && f < r.forkStartedAt().size() ? r.forkStartedAt().get(f) : null);
                }
            }
            samples.addAll(r.samplesNs());
        }

        TrialResult result() {
            if (worst != null) {
                return switch (worst.status()) {
                    case SKIPPED -> TrialResult.skipped(worst.subject(), worstReason);
                    case INVALID -> TrialResult.invalid(worst.subject(), worstReason, worst.correctness());
                    case FAILED, MEASURED -> TrialResult.failed(worst.subject(), worstReason, worst.correctness());
                };
            }
            SampleStatistics stats = SampleStatistics.of(samples, forks);
            return TrialResult.measured(first.subject(), List.copyOf(samples), List.copyOf(forks),
                    java.util.Collections.unmodifiableList(new ArrayList<>(forkStarts)), stats,
                    rescaled(first.metrics(), first.stats().medianNs() / stats.medianNs()), first.correctness());
        }
    }

    /**
     * The first round's metrics with every throughput figure moved to the merged median time ({@code factor} is the
     * first round's median over the merged one). Figures per operation that are not times (allocation, energy, the
     * kernel's own counters) stay the first round's.
     */
    static Metrics rescaled(Metrics m, double factor) {
        if (m == null) {
            return null;
        }
        return m.toBuilder().gops(m.gops() * factor).gflops(m.gflops() == null ? null : m.gflops() * factor).gbps(m.gbps() * factor)
                .pctOfPeak(m.pctOfPeak() == null ? null : m.pctOfPeak() * factor)
                .pctOfBandwidth(m.pctOfBandwidth() == null ? null : m.pctOfBandwidth() * factor).build();
    }
}
