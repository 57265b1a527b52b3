package dev.mlbench.core.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlbench.core.results.ResultStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The status file an array task writes into its folder as it starts and as it ends ({@code task-status.json}).
 * Without Slurm accounting, finished jobs drop out of {@code squeue} after {@code MinJobAge}; the marker is
 * then all that says how a task ended.
 *
 * @param state    running, done, failed or terminated (SIGTERM: cancelled or timed out)
 * @param exitCode the harness's exit code, null while running
 * @param node     the node it ran on
 * @param at       when the marker was written (ISO-8601 UTC)
 */
public record TaskMarker(String state, Integer exitCode, String node, String at) {

    /** The marker's file name in a task folder. */
    public static final String FILE_NAME = "task-status.json";

    /** The marker in {@code taskDir}, if the task wrote a readable one. */
    public static Optional<TaskMarker> read(Path taskDir) {
        Path file = taskDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = ResultStore.JSON.readTree(file.toFile());
            JsonNode exit = n.path("exit_code");
            return Optional.of(new TaskMarker(n.path("state").asText("unknown"), exit.canConvertToInt() ? exit.asInt() : null,
                    n.path("node").asText(null), n.path("at").asText(null)));
        } catch (IOException e) {
            return Optional.empty(); // a marker cut short by a dying node says nothing trustworthy
        }
    }
}
