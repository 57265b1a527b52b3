package dev.mlbench.core.results;

import dev.mlbench.core.calibrate.Calibration;
import dev.mlbench.core.env.Environment;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's results file (docs/result-schema.md). Rewritten after every trial, so it always holds
 * every finished trial; {@code state} says whether the run completed.
 *
 * @param schemaVersion the schema version, {@value #SCHEMA_VERSION}
 * @param runId         unique id; also the file name
 * @param startedAt     ISO-8601 start time
 * @param finishedAt    ISO-8601 end time, null while running
 * @param state         running, complete or interrupted
 * @param harness       harness version and git commit
 * @param settings      how the run was asked for
 * @param environment   the environment fingerprint
 * @param calibration   this host's calibrated peaks, or null when not calibrated
 * @param results       finished trials, in plan order
 */
public record RunRecord(int schemaVersion, String runId, String startedAt, String finishedAt, String state,
                        Harness harness, RunSettings settings, Environment environment, Calibration calibration,
                        List<TrialResult> results) {

    /** The result schema version this code writes. */
    public static final int SCHEMA_VERSION = 3;

    /**
     * @param version   harness version
     * @param gitCommit commit it was built from, "unknown" when built outside git
     */
    public record Harness(String version, String gitCommit) {
    }

    /**
     * @param tracks      tracks run
     * @param definitions definition files used
     * @param profile     measurement profile
     * @param threads     threads each kernel could use
     * @param forkJvmArgs flags of the benchmark JVMs
     * @param forks       forks per trial given on the command line in place of the profile's; null when not given
     */
    public record RunSettings(List<String> tracks, List<String> definitions, String profile, int threads, List<String> forkJvmArgs,
                              Integer forks) {

        /** Settings that keep the profile's forks. */
        public RunSettings(List<String> tracks, List<String> definitions, String profile, int threads, List<String> forkJvmArgs) {
            this(tracks, definitions, profile, threads, forkJvmArgs, null);
        }
    }

    /** A copy with one more result. */
    public RunRecord with(TrialResult result) {
        List<TrialResult> all = new ArrayList<>(results);
        all.add(result);
        return new RunRecord(schemaVersion, runId, startedAt, finishedAt, state, harness, settings, environment, calibration, List.copyOf(all));
    }

    /** A copy with {@code results} in place of the current ones. */
    public RunRecord withResults(List<TrialResult> results) {
        return new RunRecord(schemaVersion, runId, startedAt, finishedAt, state, harness, settings, environment, calibration, List.copyOf(results));
    }

    /** A copy marked finished. */
    public RunRecord finished(String state, String finishedAt) {
        return new RunRecord(schemaVersion, runId, startedAt, finishedAt, state, harness, settings, environment, calibration, results);
    }
}
