package dev.mlbench.predict;

import dev.mlbench.core.calibrate.Calibration;
import dev.mlbench.core.env.Environment;
import dev.mlbench.core.leaderboard.LeaderboardBuilder;
import dev.mlbench.core.results.EnvironmentSummary;
import dev.mlbench.core.results.Metrics;
import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.TrialResult;
import dev.mlbench.core.spi.Work;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rows a model learns from: measured rows whose output passed the check (the leaderboard's rule; skipped, invalid
 * and failed rows never count), of one track, from files read by {@link RunFile#read}.
 *
 * @param track the track they belong to
 * @param rows  the rows, file by file in file order
 */
public record TrainingRows(String track, List<TrainingRow> rows) {

    /**
     * The usable rows of {@code track} (null: the only track the files measured) for {@code target}. Refuses, with a
     * one-line message, files that measured another track only, rows without a calibration, and a target no row has.
     */
    public static TrainingRows read(List<RunFile> files, String track, Target target) {
        Set<String> measured = new TreeSet<>();
        for (RunFile f : files) {
            f.record().results().stream().filter(LeaderboardBuilder::valid).forEach(r -> measured.add(r.track()));
        }
        String names = String.join(", ", files.stream().map(f -> f.path().toString()).toList());
        if (measured.isEmpty()) {
            throw new PredictInputException(names + ": no measured rows that passed their check (skipped, invalid and failed rows are never used)");
        }
        if (track == null) {
            if (measured.size() > 1) {
                throw new PredictInputException(names + " hold measured rows of tracks " + String.join(", ", measured)
                        + "; a model learns one track: choose it with --track");
            }
            track = measured.iterator().next();
        } else if (!measured.contains(track)) {
            throw new PredictInputException(names + ": no measured rows of track " + track + " (they hold " + String.join(", ", measured)
                    + "); a model learns one track");
        }
        List<TrainingRow> rows = new ArrayList<>();
        int withoutTarget = 0;
        String energySource = null;
        for (RunFile f : files) {
            List<TrialResult> results = f.record().results();
            for (int i = 0; i < results.size(); i++) {
                TrialResult r = results.get(i);
                if (!r.track().equals(track) || !LeaderboardBuilder.valid(r) || r.metrics() == null) {
                    continue;
                }
                Double value = target.of(r);
                if (value == null || !(value > 0) || !Double.isFinite(value)) {
                    withoutTarget++;
                    energySource = energySource == null ? r.metrics().energySource() : energySource;
                    continue;
                }
                rows.add(row(f, i, r, host(f), value));
            }
        }
        if (rows.isEmpty()) {
            throw new PredictInputException(names + ": none of the " + withoutTarget + " measured rows of track " + track + " has a measured "
                    + target.key() + (energySource == null ? "" : " (energy: " + energySource + ")"));
        }
        return new TrainingRows(track, List.copyOf(rows));
    }

    private static TrainingRow row(RunFile f, int i, TrialResult r, HostFacts host, double value) {
        Metrics m = r.metrics();
        Work work = new Work(m.ops(), m.bytes(), m.opUnit(), m.roof());
        TrainingRow row = new TrainingRow(f.path().toString(), i, r.track(), new Setting(r.kernel(), r.backend(), r.params()),
                Values.normalize(r.workload()), host, work, value);
        if (!(row.rooflineNs() > 0) || !Double.isFinite(row.rooflineNs())) {
            throw new PredictInputException(f.path() + ": results[" + i + "] (" + r.kernel() + " " + r.label()
                    + "): its work (metrics.ops and metrics.bytes) and the calibration give no roofline time");
        }
        return row;
    }

    /** The host of a run; a run without a calibration cannot give the roofline, which is a feature and the model's scale. */
    private static HostFacts host(RunFile f) {
        Calibration c = f.record().calibration();
        if (c == null) {
            throw new PredictInputException(f.path() + ": the run has no calibration, which the roofline feature needs;"
                    + " measure again without --no-calibration");
        }
        Environment e = f.record().environment();
        return new HostFacts(EnvironmentSummary.of(e).fingerprint(), e == null ? "unknown" : e.cpuModel(), e == null ? 0 : e.cores(),
                e == null || e.vectorBitSize() == null ? 0 : e.vectorBitSize(), c);
    }
}
