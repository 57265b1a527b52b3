package dev.mlbench.predict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Trains a model: scores a first fit on held-out shapes (one fold of {@code folds}), then fits every row and records
 * what an estimate needs to check its input.
 *
 * @param trees trees per forest
 * @param seed  the seed of the split, the bagging and the feature sampling
 * @param folds the held-out share is one fold of this many, by shape
 */
public record Trainer(int trees, long seed, int folds) {

    /** Trees per forest: beyond about a hundred the estimates and their spread settle. */
    public static final int DEFAULT_TREES = 100;
    /** The default seed. */
    public static final long DEFAULT_SEED = 20261206L;
    /** Four folds: a quarter of the shapes held out. */
    public static final int DEFAULT_FOLDS = 4;

    /** What the trees learn, as recorded in the model. */
    static final String RESPONSE = "log(target / roofline_ns), from " + Features.LOG_ROOFLINE + " and the other features";

    /** Trains on {@code rows} for {@code target}; {@code files} are the results files they came from. */
    public Predictor train(TrainingRows rows, Target target, List<String> files) {
        List<TrainingRow> all = rows.rows();
        ShapeSplit.Fold first = ShapeSplit.byShape(all, folds, seed).get(0);
        Evaluation heldOut = Evaluation.run("by shape: " + first.label(), List.of(first), trees, seed, target);
        FittedForest forest = FittedForest.fit(all, trees, seed);
        List<String> keys = workloadKeys(all);
        List<String> dimensions = keys.stream().filter(k -> all.stream().allMatch(r -> r.workload().get(k) instanceof Long)).toList();
        ModelFile file = new ModelFile(ModelFile.FORMAT, ModelFile.FORMAT_VERSION, Instant.now().toString(), rows.track(), target.key(),
                RESPONSE, List.copyOf(files), all.size(),
                new ModelFile.Library(Forest.LIBRARY, Forest.LIBRARY_VERSION, "random forest of CART regression trees", trees, seed),
                dimensions, keys, defaults(all, keys, dimensions), forest.names, forest.ranges,
                List.copyOf(new LinkedHashSet<>(all.stream().map(TrainingRow::setting).toList())), hosts(all), heldOut,
                Base64.getEncoder().encodeToString(forest.forest.toBytes()));
        return new Predictor(file, forest, "the trained model");
    }

    private static List<String> workloadKeys(List<TrainingRow> rows) {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        rows.forEach(r -> keys.addAll(r.workload().keySet()));
        return List.copyOf(keys);
    }

    /** The most common value of each entry that is not a dimension, which an estimate's workload takes. */
    private static Map<String, Object> defaults(List<TrainingRow> rows, List<String> keys, List<String> dimensions) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : keys) {
            if (dimensions.contains(k)) {
                continue;
            }
            Map<Object, Integer> counts = new LinkedHashMap<>();
            rows.forEach(r -> {
                Object v = r.workload().get(k);
                if (v != null) {
                    counts.merge(v, 1, Integer::sum);
                }
            });
            counts.entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent(e -> out.put(k, e.getKey()));
        }
        return out;
    }

    private static List<ModelFile.HostSeen> hosts(List<TrainingRow> rows) {
        Map<HostFacts, Integer> counts = new LinkedHashMap<>();
        rows.forEach(r -> counts.merge(r.host(), 1, Integer::sum));
        List<ModelFile.HostSeen> out = new ArrayList<>();
        counts.forEach((h, n) -> out.add(new ModelFile.HostSeen(h, n)));
        return List.copyOf(out);
    }
}
