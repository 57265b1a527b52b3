package dev.mlbench.core.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlbench.core.util.Names;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every problem of one definition, in the order the validators of its sections find them, each placed at the line
 * and column of its key path. The validators share one collector so that a definition is reported whole, not
 * section by section; it also words the problems every section can have (unknown keys, a value of the wrong type).
 */
final class ProblemCollector {

    private final String file;
    private final LocatedTree tree;
    private final List<Problem> problems = new ArrayList<>();

    /** Starts with the problems found while reading {@code tree} (syntax, duplicate keys). */
    ProblemCollector(String file, LocatedTree tree) {
        this.file = file;
        this.tree = tree;
        problems.addAll(tree.problems());
    }

    /** The definition's file name, as given. */
    String file() {
        return file;
    }

    /** Records that the value at {@code path} is wrong, once. */
    void report(String path, String message) {
        LocatedTree.Location at = tree.locate(path);
        Problem p = new Problem(file, at.line(), at.column(), path, message);
        if (!problems.contains(p)) { // a sweep repeats the same mistake in every combination
            problems.add(p);
        }
    }

    /** Whether nothing is wrong so far. */
    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** The problems, in the order found. */
    List<Problem> problems() {
        return problems;
    }

    /** Reports each key of {@code object} that is not one of {@code allowed}, suggesting the closest allowed one. */
    void unknownKeys(JsonNode object, String path, List<String> allowed) {
        object.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                report(path.isEmpty() ? key : path + "." + key, "unknown key '" + key + "'" + Names.suggestion(key, allowed));
            }
        });
    }

    /** The string at {@code key} of {@code object} (at {@code path}), if there is one; any other value is reported. */
    Optional<String> optionalText(JsonNode object, String path, String key) {
        JsonNode v = object.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            report(path.isEmpty() ? key : path + "." + key, "must be a string, got " + describe(v));
            return Optional.empty();
        }
        return Optional.of(v.asText());
    }

    /** A value as a problem names what was given instead: {@code the string "x"}, {@code a mapping}, {@code 7}. */
    static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "the string \"" + node.asText() + "\"";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return node.isEmpty() ? "an empty list" : "a list";
        }
        if (node.isNull()) {
            return "nothing (null)";
        }
        return node.toString();
    }
}
