package dev.mlbench.predict;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A forest with the feature names it was trained on and the ranges they took. It learns the log of the target over
 * the roofline time, not the log of the target itself: the roofline carries the scale of a shape (nine decades from
 * 16³ to 4096³), so the trees only learn how far below its roof a kernel runs, which varies far less and needs no
 * extrapolation between the shapes they saw.
 */
final class FittedForest {

    /** The interval's percentiles of the trees' predictions. */
    static final double LOW_PERCENTILE = 10;
    static final double HIGH_PERCENTILE = 90;

    final Forest forest;
    final List<String> names;
    final Map<String, Range> ranges;

    FittedForest(Forest forest, List<String> names, Map<String, Range> ranges) {
        this.forest = forest;
        this.names = List.copyOf(names);
        this.ranges = Map.copyOf(ranges);
    }

    /** Trains on {@code rows}. */
    static FittedForest fit(List<TrainingRow> rows, int trees, long seed) {
        List<Map<String, Double>> features = rows.stream().map(FittedForest::features).toList();
        TreeSet<String> names = new TreeSet<>();
        features.forEach(f -> names.addAll(f.keySet()));
        List<String> order = List.copyOf(names);
        Map<String, Range> ranges = new TreeMap<>();
        List<double[]> x = new ArrayList<>();
        double[] y = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            double[] v = vector(order, features.get(i));
            for (int j = 0; j < v.length; j++) {
                double value = v[j];
                ranges.merge(order.get(j), new Range(value, value), (a, b) -> a.with(value));
            }
            x.add(v);
            y[i] = Math.log(rows.get(i).value()) - features.get(i).get(Features.LOG_ROOFLINE);
        }
        return new FittedForest(Forest.train(order, x, y, trees, seed), order, ranges);
    }

    static Map<String, Double> features(TrainingRow r) {
        return Features.of(r.setting(), r.workload(), r.work(), r.host());
    }

    private static double[] vector(List<String> names, Map<String, Double> features) {
        double[] v = new double[names.size()];
        for (int j = 0; j < v.length; j++) {
            v[j] = features.getOrDefault(names.get(j), 0.0);
        }
        return v;
    }

    /** The prediction for {@code features} (which hold the roofline), with the spread of the trees. */
    Interval predict(Map<String, Double> features) {
        double[] trees = forest.treePredictions(vector(names, features));
        double offset = features.get(Features.LOG_ROOFLINE);
        Percentile p = new Percentile();
        p.setData(trees);
        return new Interval(Math.exp(offset + Forest.mean(trees)), Math.exp(offset + p.evaluate(LOW_PERCENTILE)),
                Math.exp(offset + p.evaluate(HIGH_PERCENTILE)));
    }

    /** The prediction for a measured row. */
    Interval predict(TrainingRow r) {
        return predict(features(r));
    }

    /**
     * What lies outside the training data among {@code features}: a workload entry, parameter, host fact or arithmetic
     * intensity outside the range the rows took, or a category (kernel, parameter value) none of them had. Operations and
     * bytes follow from the workload, so they are not reported again.
     */
    List<String> outside(Map<String, Double> features) {
        List<String> out = new ArrayList<>();
        features.forEach((name, value) -> {
            Range r = ranges.get(name);
            if (r == null) {
                if (Features.isCategory(name)) {
                    out.add(name + " was never seen in training");
                }
            } else if (!Features.isCategory(name) && Features.isChecked(name) && !r.contains(value)) {
                out.add(name + " = " + number(value) + " lies outside the trained " + number(r.min()) + " to " + number(r.max()));
            }
        });
        return out;
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
