package dev.mlbench.core.fleet;

import dev.mlbench.core.results.ResultStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code bench fleet submit} submitted, written to {@code <out>/<fleet id>/fleet.json} so that status and
 * collect know the arrays without Slurm accounting. The fleet id is the first array's job id.
 *
 * @param fleetId     the first array's job id; also the folder of the manifest and the merged results
 * @param out         the results root, absolute
 * @param submittedAt when it was submitted (ISO-8601 UTC)
 * @param arrays      every array submitted, one per partition (or per node with {@code --nodes})
 * @param mergeJobId  the dependent merge job, null until it is submitted
 * @param runArgs     the {@code bench run} arguments every task ran with
 */
public record FleetManifest(String fleetId, String out, String submittedAt, List<ArrayJob> arrays, String mergeJobId,
                            List<String> runArgs) {

    /** The manifest's file name in the fleet folder. */
    public static final String FILE_NAME = "fleet.json";

    /**
     * One submitted array.
     *
     * @param jobId     its job id
     * @param partition its partition
     * @param node      the node it was pinned to ({@code --nodes}), or null
     * @param tasks     how many tasks it has (indices 0 to tasks - 1)
     */
    public record ArrayJob(String jobId, String partition, String node, int tasks) {
    }

    /** A copy with the merge job's id. */
    public FleetManifest withMergeJob(String id) {
        return new FleetManifest(fleetId, out, submittedAt, arrays, id, runArgs);
    }

    /** The fleet folder: the manifest, the merged leaderboard and report. */
    public Path dir() {
        return Path.of(out).resolve(fleetId);
    }

    /** A task's results folder: {@code <out>/<array job id>/<task id>/}. */
    public Path taskDir(ArrayJob array, int task) {
        return Path.of(out).resolve(array.jobId()).resolve(Integer.toString(task));
    }

    /** Writes the manifest into {@link #dir()}, atomically. */
    public void write() throws IOException {
        Files.createDirectories(dir());
        ResultStore.write(this, dir().resolve(FILE_NAME));
    }

    /** Reads the manifest of fleet {@code fleetId} under {@code out}. */
    public static FleetManifest read(Path out, String fleetId) throws IOException {
        return ResultStore.JSON.readValue(out.resolve(fleetId).resolve(FILE_NAME).toFile(), FleetManifest.class);
    }
}
