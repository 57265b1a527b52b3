package dev.mlbench.core.results;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a results file's JSON tree against its schema and against physical sense before it is read into
 * records, so that a malformed or edited file stops the command with one line naming the file, the row and the
 * field instead of a {@code NullPointerException} deep in an analysis, or a verdict computed from impossible
 * numbers. The rules are those of docs/result-schema.md ("Validation on read").
 *
 * <p>It works on the tree rather than on the records because the records cannot tell a missing key from a
 * null, nor a number from the text {@code "NaN"} that Jackson would coerce into one.
 */
public final class RunFileValidator {

    /**
     * The longest time per operation a results file may hold, in ns (about 11.6 days). No profile lets a trial
     * run that long, so a larger value is an edited or corrupted file, not a slow kernel.
     */
    public static final double MAX_TIME_NS = 1e15;

    private static final Set<String> STATES = Set.of("running", "complete", "interrupted");
    private static final Set<String> STATUSES = Set.of("measured", "skipped", "invalid", "failed");
    /** Keys of {@code stats} that hold times, which must be finite, positive and at most {@link #MAX_TIME_NS}. */
    private static final Set<String> STATS_TIMES = Set.of("median_ns", "mean_ns");

    private static final Set<String> NON_FINITE = Set.of("nan", "-nan", "infinity", "+infinity", "-infinity", "inf", "+inf", "-inf");

    private final Path file;

    private RunFileValidator(Path file) {
        this.file = file;
    }

    /**
     * Checks {@code tree}, already known to be an object with {@code run_id} and {@code results}; throws
     * {@link ResultFileException} naming the first thing that is wrong.
     */
    public static void validate(Path file, JsonNode tree) {
        new RunFileValidator(file).check(tree);
    }

    private void check(JsonNode tree) {
        requireText(tree, "run_id", "run_id");
        JsonNode state = tree.get("state");
        if (state == null || !state.isTextual() || !STATES.contains(state.asText())) {
            throw fail("state", "is " + shown(state) + "; it must be one of running, complete, interrupted");
        }
        JsonNode results = tree.get("results");
        if (!results.isArray()) {
            throw fail("results", "is " + shown(results) + "; it must be an array of rows");
        }
        for (int i = 0; i < results.size(); i++) {
            checkRow(results.get(i), "results[" + i + "]");
        }
    }

    private void checkRow(JsonNode row, String at) {
        if (row == null || !row.isObject()) {
            throw fail(at, "is " + shown(row) + "; every row must be an object");
        }
        for (String key : new String[] {"track", "kernel", "backend"}) {
            requireText(row, key, at + "." + key);
        }
        for (String key : new String[] {"params", "workload"}) {
            JsonNode m = row.get(key);
            if (m != null && !m.isNull() && !m.isObject()) {
                throw fail(at + "." + key, "is " + shown(m) + "; it must be an object");
            }
        }
        JsonNode status = row.get("status");
        if (status == null || !status.isTextual() || !STATUSES.contains(status.asText().toLowerCase(Locale.ROOT))) {
            throw fail(at + ".status", "is " + shown(status) + "; it must be one of measured, skipped, invalid, failed");
        }
        boolean measured = status.asText().equalsIgnoreCase("measured");
        checkSamples(row.get("samples_ns"), at + ".samples_ns", measured);
        checkStats(row.get("stats"), at + ".stats", measured);
        checkNumbers(row.get("metrics"), at + ".metrics", measured);
        checkNumbers(row.get("correctness"), at + ".correctness", false);
        JsonNode baseline = row.get("baseline");
        if (present(baseline)) {
            JsonNode speedup = baseline.get("speedup");
            requirePositive(speedup, at + ".baseline.speedup", Double.MAX_VALUE);
        }
    }

    private void checkSamples(JsonNode samples, String at, boolean measured) {
        if (!present(samples)) {
            if (measured) {
                throw fail(at, "is missing; a measured row must have its samples");
            }
            return;
        }
        if (!samples.isArray() || (measured && samples.isEmpty())) {
            throw fail(at, "is " + shown(samples) + "; it must be a non-empty array of times in ns");
        }
        for (int i = 0; i < samples.size(); i++) {
            requirePositive(samples.get(i), at + "[" + i + "]", MAX_TIME_NS);
        }
    }

    private void checkStats(JsonNode stats, String at, boolean measured) {
        if (!present(stats)) {
            if (measured) {
                throw fail(at, "is missing; a measured row must have its statistics");
            }
            return;
        }
        if (!stats.isObject()) {
            throw fail(at, "is " + shown(stats) + "; it must be an object");
        }
        for (String key : STATS_TIMES) {
            requirePositive(stats.get(key), at + "." + key, MAX_TIME_NS);
        }
        JsonNode n = stats.get("n");
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 1) {
            throw fail(at + ".n", "is " + shown(n) + "; it must be a whole number of samples, at least 1");
        }
        checkNumbers(stats, at, false);
    }

    /**
     * Every number anywhere under {@code node} must be finite, and every value under a number-typed key must
     * be a number; {@code required} says whether the object itself must be there.
     */
    private void checkNumbers(JsonNode node, String at, boolean required) {
        if (!present(node)) {
            if (required) {
                throw fail(at, "is missing; a measured row must have it");
            }
            return;
        }
        if (node.isNumber()) {
            requireFinite(node, at);
        } else if (node.isTextual() && looksNonFinite(node.asText())) {
            throw fail(at, "is " + shown(node) + "; results hold finite numbers only");
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                checkNumbers(e.getValue(), at + "." + e.getKey(), false);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkNumbers(node.get(i), at + "[" + i + "]", false);
            }
        }
    }

    private void requirePositive(JsonNode value, String at, double max) {
        if (value == null || !value.isNumber()) {
            throw fail(at, "is " + shown(value) + "; it must be a number");
        }
        requireFinite(value, at);
        double v = value.asDouble();
        if (!(v > 0) || v > max) {
            throw fail(at, "is " + shown(value) + "; it must be positive" + (max < Double.MAX_VALUE ? " and at most " + max : ""));
        }
    }

    private void requireFinite(JsonNode value, String at) {
        // 1e400 is read as infinity, a double; a BigDecimal beyond double's range is just as impossible.
        if (!Double.isFinite(value.asDouble())) {
            throw fail(at, "is " + shown(value) + "; results hold finite numbers only");
        }
    }

    private void requireText(JsonNode node, String key, String at) {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw fail(at, "is " + shown(v) + "; it must be a non-empty string");
        }
    }

    /** The spellings Jackson coerces into a non-finite double. */
    private static boolean looksNonFinite(String text) {
        return NON_FINITE.contains(text.trim().toLowerCase(Locale.ROOT));
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }

    private static String shown(JsonNode node) {
        if (node == null) {
            return "missing";
        }
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private ResultFileException fail(String at, String what) {
        return new ResultFileException(file + ": " + at + " " + what);
    }
}
