package dev.mlbench.predict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Splits rows into training and test sides by shape, never by row: every kernel and setting measured on one shape
 * lands on the same side, so a score says how well the model does on shapes it never saw (a random row split, as
 * GPPerf's published code does, lets the test side's shapes be learnt from their other settings). With several hosts
 * the host can be held out too: the test side then holds only shapes and a host the training side lacks.
 */
public final class ShapeSplit {

    private ShapeSplit() {
    }

    /**
     * One split.
     *
     * @param train rows to learn from
     * @param test  rows to score on
     * @param label which shapes (and host) are held out, for messages
     */
    public record Fold(List<TrainingRow> train, List<TrainingRow> test, String label) {
    }

    /** {@code k} folds over the shapes, shuffled with {@code seed}; each shape is held out in exactly one fold. */
    public static List<Fold> byShape(List<TrainingRow> rows, int k, long seed) {
        List<Set<Map<String, Object>>> groups = groups(rows, k, seed);
        List<Fold> folds = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            Set<Map<String, Object>> held = groups.get(j);
            folds.add(new Fold(rows.stream().filter(r -> !held.contains(r.shape())).toList(),
                    rows.stream().filter(r -> held.contains(r.shape())).toList(), "fold " + (j + 1) + " of " + k + " (" + held.size() + " shapes)"));
        }
        return folds;
    }

    /**
     * {@code k} folds over the shapes times each host: the test side is one host's rows of the held-out shapes, the
     * training side the other hosts' rows of the other shapes. Folds with an empty side are left out.
     */
    public static List<Fold> byShapeAndHost(List<TrainingRow> rows, int k, long seed) {
        List<Set<Map<String, Object>>> groups = groups(rows, k, seed);
        Set<String> hosts = new LinkedHashSet<>();
        rows.forEach(r -> hosts.add(r.host().id()));
        List<Fold> folds = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            Set<Map<String, Object>> held = groups.get(j);
            for (String host : hosts) {
                List<TrainingRow> train = rows.stream().filter(r -> !held.contains(r.shape()) && !r.host().id().equals(host)).toList();
                List<TrainingRow> test = rows.stream().filter(r -> held.contains(r.shape()) && r.host().id().equals(host)).toList();
                if (!train.isEmpty() && !test.isEmpty()) {
                    folds.add(new Fold(train, test, "fold " + (j + 1) + " of " + k + ", host " + host));
                }
            }
        }
        return folds;
    }

    /** The distinct shapes, shuffled with {@code seed} and dealt into {@code k} groups. */
    private static List<Set<Map<String, Object>>> groups(List<TrainingRow> rows, int k, long seed) {
        List<Map<String, Object>> shapes = new ArrayList<>(new LinkedHashSet<>(rows.stream().map(TrainingRow::shape).toList()));
        if (k < 2) {
            throw new PredictInputException("a split needs at least 2 folds, got " + k);
        }
        if (shapes.size() < k) {
            throw new PredictInputException("the rows hold " + shapes.size() + " shape(s); a split into " + k
                    + " folds by shape needs at least " + k + " (measure more shapes, e.g. configs/tracks/gemm-sweep.yaml)");
        }
        Collections.shuffle(shapes, new Random(seed));
        List<Set<Map<String, Object>>> groups = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            groups.add(new LinkedHashSet<>());
        }
        for (int i = 0; i < shapes.size(); i++) {
            groups.get(i % k).add(shapes.get(i));
        }
        return groups;
    }
}
