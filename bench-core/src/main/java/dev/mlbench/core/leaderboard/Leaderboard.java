package dev.mlbench.core.leaderboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mlbench.core.results.EnvironmentSummary;

import java.util.List;
import java.util.Map;

/**
 * {@code bench leaderboard}'s output (docs/leaderboard-schema.md): per track and environment, kernels ranked by
 * the geometric mean over workloads of their speedup over the track's baseline kernel.
 *
 * @param leaderboardVersion the format version, {@value #VERSION}
 * @param generatedAt        ISO-8601 time it was made
 * @param settings           how the scores were computed
 * @param sources            the results files merged
 * @param boards             one per track and environment, sorted by track then environment fingerprint
 * @param notes              what was left out and why (tracks without a baseline, incomplete runs)
 */
public record Leaderboard(int leaderboardVersion, String generatedAt, Settings settings, List<Source> sources, List<Board> boards,
                          List<String> notes) {

    /** The format version this code writes. */
    public static final int VERSION = 1;

    /**
     * @param bootstrapReplicates bootstrap resamples for the confidence intervals
     * @param bootstrapSeed       seed of the resampling, so the same files give the same file
     * @param confidence          confidence level of the intervals (0.95)
     */
    public record Settings(int bootstrapReplicates, long bootstrapSeed, double confidence) {
    }

    /**
     * @param file          the file as given
     * @param runId         its run id
     * @param schemaVersion its results schema version
     * @param state         complete, interrupted or running
     */
    public record Source(String file, String runId, int schemaVersion, String state) {
    }

    /**
     * @param track          track
     * @param baseline       the baseline kernel every score is relative to
     * @param baselineSource {@code results} (recorded in the files) or {@code option} (--baseline)
     * @param environment    the environment all entries were measured in
     * @param entries        ranked, best first
     */
    public record Board(String track, String baseline, String baselineSource, EnvironmentSummary environment, List<Entry> entries) {
    }

    /**
     * @param rank                   1 = fastest; equal scores share a rank
     * @param kernel                 kernel
     * @param backend                backend
     * @param params                 kernel parameters including threads
     * @param score                  geometric mean over workloads of baseline median time / this kernel's median time
     * @param ci95Low                lower end of the bootstrap 95% confidence interval of the score
     * @param ci95High               upper end
     * @param workloads              workloads the score is over (measured for this kernel and the baseline)
     * @param workloadsWithBaseline  workloads the baseline was measured on (same threads); fewer covered = less comparable
     * @param environmentFingerprint the board's environment fingerprint, repeated so an entry stands on its own
     * @param runIds                 the runs its rows came from
     * @param warnings               what the backends of its rows, or of the baseline's, warned about them (a native
     *                               library below its best core): the score is skewed by it; empty when none
     */
    public record Entry(int rank, String kernel, String backend, Map<String, String> params, double score, double ci95Low,
                        double ci95High, int workloads, int workloadsWithBaseline, String environmentFingerprint, List<String> runIds,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) {
        public Entry {
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }
    }
}
