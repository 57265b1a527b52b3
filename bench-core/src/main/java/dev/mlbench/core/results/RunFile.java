package dev.mlbench.core.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlbench.core.compare.RowKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A results file read for analysis (compare, leaderboard, report, export): the typed record, read with
 * {@link ResultStore#JSON} exactly as the harness reads its own files, plus the JSON tree for fields a newer
 * schema adds before the records know them.
 *
 * @param path   where it was read from
 * @param record the run
 * @param tree   the same file as a JSON tree
 */
public record RunFile(Path path, RunRecord record, JsonNode tree) {

    /** The schema versions this build reads: 1 (upgraded on reading), 2 and 3 (schemas 1 and 2 did not record forks). */
    public static final Set<Integer> READABLE_SCHEMAS = Set.of(1, 2, 3);

    /** Reads {@code file}; throws {@link ResultFileException} with a one-paragraph message when it cannot. */
    public static RunFile read(Path file) {
        JsonNode tree;
        try {
            tree = ResultStore.JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ResultFileException(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new ResultFileException(file + " is not a results file: it is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new ResultFileException(file + " cannot be read: " + e);
        }
        if (tree == null || !tree.isObject() || !tree.has("results") || !tree.has("run_id")) {
            throw new ResultFileException(file + " is not a results file: it has no run_id or results (write one with 'bench run')");
        }
        JsonNode version = tree.get("schema_version");
        // An integral number only: canConvertToInt alone would read 1.5 as 1 and "2" as 2.
        if (version == null || !version.isIntegralNumber() || !version.canConvertToInt() || !READABLE_SCHEMAS.contains(version.asInt())) {
            throw new ResultFileException(file + " has schema_version " + (version == null ? "(none)" : version.toString())
                    + "; this bench reads results schema versions 1, 2 and 3. Read it with the bench version that wrote it"
                    + " (its harness.version), or a newer one.");
        }
        RunFileValidator.validate(file, tree);
        if (version.asInt() == 1) {
            upgradeFromV1(tree);
        }
        RunRecord record;
        try {
            record = ResultStore.JSON.treeToValue(tree, RunRecord.class);
        } catch (JsonProcessingException e) {
            throw new ResultFileException(file + " does not match results schema " + version.asInt() + ": " + e.getOriginalMessage());
        }
        refuseDuplicates(file, record.results());
        return new RunFile(file, record, tree);
    }

    /**
     * A run held in memory, as if read back from {@code path}: what a command that has just measured it hands to a
     * {@link dev.mlbench.core.results.format.ResultFormat}.
     */
    public static RunFile of(Path path, RunRecord record) {
        return new RunFile(path, record, ResultStore.JSON.valueToTree(record));
    }

    /**
     * Two rows of one workload group with the same key (track, kernel, backend, parameters, workload) would be
     * pooled by the analyses as if they were one measurement, and no run writes them, so the file was edited or
     * concatenated. The group is part of this check (not of {@link RowKey}) because a shape listed in two
     * groups is legitimately measured twice.
     */
    private static void refuseDuplicates(Path file, List<TrialResult> rows) {
        Map<List<Object>, Integer> seen = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            RowKey key = RowKey.of(rows.get(i));
            Integer first = seen.putIfAbsent(Arrays.asList(rows.get(i).group(), key), i);
            if (first != null) {
                throw new ResultFileException(file + ": results[" + i + "] repeats results[" + first + "] (same track, kernel, backend,"
                        + " group, params and workload: " + key.kernel() + " " + key.workloadText()
                        + "); a results file holds each measurement once");
            }
        }
    }

    /** The run id. */
    public String runId() {
        return record.runId();
    }

    /**
     * Schema 1 rows name their work {@code flops} and their throughput {@code gflops} only; schema 2 calls them
     * {@code ops} (with {@code op_unit} {@code flop}) and {@code gops}, and adds {@code roof}. Keys schema 2 added
     * and schema 1 lacks ({@code baseline}, {@code correctness.metrics}, {@code metrics.extra}...) are read as null.
     */
    private static void upgradeFromV1(JsonNode tree) {
        for (JsonNode row : tree.path("results")) {
            if (row.get("metrics") instanceof ObjectNode m && m.has("flops") && !m.has("ops")) {
                m.set("ops", m.remove("flops"));
                m.put("op_unit", "flop");
                m.put("roof", "memory");
                m.set("gops", m.get("gflops"));
            }
        }
    }
}
