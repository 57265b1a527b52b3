package dev.mlbench.predict;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores a forest on held-out folds against two baselines: the roofline time itself, and the roofline scaled by the
 * median share of it each kernel reached on the training side (a one-number-per-kernel model, which is what the
 * forest has to beat to be worth its trees).
 *
 * @param split   how the rows were split
 * @param folds   folds scored
 * @param shapes  distinct shapes
 * @param hosts   distinct hosts
 * @param rows    rows scored (each once per fold that held it out)
 * @param all     every kernel together
 * @param kernels per kernel
 * @param regret  of the setting the model ranks first on each held-out shape
 * @param worst   the held-out rows the model missed most, largest error first
 */
public record Evaluation(String split, int folds, int shapes, int hosts, int rows, KernelScores all, List<KernelScores> kernels,
                         Regret regret, List<Miss> worst) {

    /** How many of the worst-predicted rows an evaluation keeps by default: where the error sits, without every row. */
    public static final int WORST = 10;

    /**
     * A held-out row and what the model said of it.
     *
     * @param setting   its kernel and parameters
     * @param workload  its shape
     * @param measured  the measured target
     * @param predicted the model's prediction
     * @param roofline  the roofline time (ns)
     * @param errorPct  (predicted - measured) / measured, in percent
     */
    public record Miss(Setting setting, Map<String, Object> workload, double measured, double predicted,
                       double roofline, double errorPct) {
    }

    /**
     * @param kernel         kernel name, or {@code all}
     * @param model          the forest
     * @param roofline       the roofline time as the prediction; null for an energy model, whose target is no time
     * @param scaledRoofline the roofline over the kernel's median training share of it
     */
    public record KernelScores(String kernel, Scores model, Scores roofline, Scores scaledRoofline) {
    }

    /**
     * The time of the setting the model ranks fastest over that of the truly fastest measured one, minus 1, on every
     * held-out shape (and host) with at least two settings measured.
     *
     * @param shapes     shapes scored
     * @param median     median regret, as a fraction (0.05: 5% slower than the best)
     * @param p90        90th percentile
     * @param pickedBest share of shapes where the model's first choice was the fastest
     */
    public record Regret(int shapes, Double median, Double p90, double pickedBest) {
    }

    /** {@link #run(String, List, int, long, Target, int)} keeping the {@value #WORST} worst rows. */
    public static Evaluation run(String split, List<ShapeSplit.Fold> folds, int trees, long seed, Target target) {
        return run(split, folds, trees, seed, target, WORST);
    }

    /**
     * Trains a forest of {@code trees} on each fold's training side and scores it on its test side; keeps the
     * {@code worst} rows it predicted worst.
     */
    public static Evaluation run(String split, List<ShapeSplit.Fold> folds, int trees, long seed, Target target, int worst) {
        List<Scored> scored = new ArrayList<>();
        List<Double> regrets = new ArrayList<>();
        int picked = 0;
        for (ShapeSplit.Fold fold : folds) {
            FittedForest forest = FittedForest.fit(fold.train(), trees, seed);
            Map<String, Double> share = medianShare(fold.train());
            List<Scored> here = new ArrayList<>();
            for (TrainingRow r : fold.test()) {
                double roof = r.rooflineNs();
                double k = share.getOrDefault(r.setting().kernel(), share.get(ALL));
                here.add(new Scored(r, forest.predict(r).predicted(), roof, roof * k));
            }
            scored.addAll(here);
            for (List<Scored> shape : byShape(here).values()) {
                if (shape.size() < 2) {
                    continue;
                }
                Scored chosen = shape.stream().min((a, b) -> Double.compare(a.predicted, b.predicted)).orElseThrow();
                double best = shape.stream().mapToDouble(s -> s.row.value()).min().orElseThrow();
                regrets.add(chosen.row.value() / best - 1);
                picked += chosen.row.value() == best ? 1 : 0;
            }
        }
        List<TrainingRow> rows = folds.stream().flatMap(f -> f.test().stream()).toList();
        List<KernelScores> kernels = new ArrayList<>();
        Map<String, List<Scored>> byKernel = new TreeMap<>();
        scored.forEach(s -> byKernel.computeIfAbsent(s.row.setting().kernel(), k -> new ArrayList<>()).add(s));
        byKernel.forEach((k, list) -> kernels.add(scores(k, list, target)));
        double[] r = regrets.stream().mapToDouble(Double::doubleValue).toArray();
        Percentile p = new Percentile();
        Regret regret = new Regret(r.length, r.length == 0 ? null : p.evaluate(r, 50), r.length == 0 ? null : p.evaluate(r, 90),
                r.length == 0 ? 0 : (double) picked / r.length);
        return new Evaluation(split, folds.size(), (int) rows.stream().map(TrainingRow::shape).distinct().count(),
                (int) rows.stream().map(x -> x.host().id()).distinct().count(), scored.size(), scores(ALL, scored, target), List.copyOf(kernels), regret,
                worst(scored, worst));
    }

    private static List<Miss> worst(List<Scored> scored, int count) {
        return scored.stream().map(s -> new Miss(s.row.setting(), s.row.workload(), s.row.value(), s.predicted,
                        s.roofline, 100 * (s.predicted - s.row.value()) / s.row.value()))
                .sorted((a, b) -> Double.compare(Math.abs(b.errorPct()), Math.abs(a.errorPct()))).limit(count).toList();
    }

    private static final String ALL = "all";

    private static KernelScores scores(String kernel, List<Scored> list, Target target) {
        double[] actual = list.stream().mapToDouble(s -> s.row.value()).toArray();
        return new KernelScores(kernel, Scores.of(actual, list.stream().mapToDouble(s -> s.predicted).toArray()),
                target == Target.TIME ? Scores.of(actual, list.stream().mapToDouble(s -> s.roofline).toArray()) : null,
                Scores.of(actual, list.stream().mapToDouble(s -> s.scaled).toArray()));
    }

    /** Each kernel's median of target over roofline on {@code rows}, and that of all rows under {@value #ALL}. */
    private static Map<String, Double> medianShare(List<TrainingRow> rows) {
        Map<String, List<Double>> shares = new LinkedHashMap<>();
        for (TrainingRow r : rows) {
            double s = r.value() / r.rooflineNs();
            shares.computeIfAbsent(r.setting().kernel(), k -> new ArrayList<>()).add(s);
            shares.computeIfAbsent(ALL, k -> new ArrayList<>()).add(s);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        shares.forEach((k, v) -> out.put(k, new Percentile().evaluate(v.stream().mapToDouble(Double::doubleValue).toArray(), 50)));
        return out;
    }

    /** Test rows by shape and host: the candidates a --best ranking chooses among. */
    private static Map<List<Object>, List<Scored>> byShape(List<Scored> scored) {
        Map<List<Object>, List<Scored>> out = new LinkedHashMap<>();
        scored.forEach(s -> out.computeIfAbsent(Arrays.asList(s.row.shape(), s.row.host().id()), k -> new ArrayList<>()).add(s));
        return out;
    }

    private record Scored(TrainingRow row, double predicted, double roofline, double scaled) {
    }
}
