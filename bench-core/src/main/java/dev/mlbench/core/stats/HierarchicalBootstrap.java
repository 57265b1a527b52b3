package dev.mlbench.core.stats;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

import java.util.Arrays;

/**
 * A bootstrap that resamples measurements the way they were taken: at each level of a {@link Cluster} the members
 * are drawn with replacement (runs, then forks within each drawn run), and within each drawn fork its iterations
 * are drawn with replacement. Resampling forks carries the noise between JVMs into the interval; resampling
 * iterations alone, as if every iteration were independent, makes intervals far too narrow when forks differ
 * (the test beside this class measures both).
 */
public final class HierarchicalBootstrap {

    private HierarchicalBootstrap() {
    }

    /** One bootstrap replicate of {@code cluster}: its resampled values, pooled. */
    public static double[] resample(Cluster cluster, RandomGenerator random) {
        double[] out = new double[estimateSize(cluster)];
        int n = fill(cluster, random, out, 0);
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /**
     * The median of {@code cur}'s values over the median of {@code base}'s, and the bootstrap standard error of its
     * logarithm from {@code replicates} replicates drawn from a generator seeded with {@code seed}.
     *
     * @return {@code [ratio, standard error of log(ratio)]}
     */
    public static double[] medianRatio(Cluster base, Cluster cur, int replicates, long seed) {
        double logRatio = Math.log(median(all(cur)) / median(all(base)));
        RandomGenerator random = new Well19937c(seed);
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < replicates; i++) {
            double l = Math.log(median(resample(cur, random)) / median(resample(base, random)));
            sum += l;
            sumSq += l * l;
        }
        double mean = sum / replicates;
        double var = Math.max(0, (sumSq - replicates * mean * mean) / (replicates - 1));
        return new double[] {Math.exp(logRatio), Math.sqrt(var)};
    }

    /** Every value of {@code cluster}, in order. */
    public static double[] all(Cluster cluster) {
        return switch (cluster) {
            case Cluster.Leaf l -> l.values().clone();
            case Cluster.Group g -> g.members().stream().map(HierarchicalBootstrap::all).flatMapToDouble(Arrays::stream).toArray();
        };
    }

    /** The median of {@code values} (sorted in place). */
    public static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
    }

    private static int fill(Cluster cluster, RandomGenerator random, double[] out, int at) {
        switch (cluster) {
            case Cluster.Leaf l -> {
                double[] v = l.values();
                for (int i = 0; i < v.length; i++) {
                    out[at + i] = v[random.nextInt(v.length)];
                }
                return at + v.length;
            }
            case Cluster.Group g -> {
                int n = g.members().size();
                for (int i = 0; i < n; i++) {
                    at = fill(g.members().get(random.nextInt(n)), random, out, at);
                }
                return at;
            }
        }
    }

    /**
     * An upper bound of a replicate's size: members drawn with replacement may be larger than the ones they stand
     * for, so each level counts its largest member once per draw.
     */
    private static int estimateSize(Cluster cluster) {
        return switch (cluster) {
            case Cluster.Leaf l -> l.values().length;
            case Cluster.Group g -> g.members().size() * g.members().stream().mapToInt(HierarchicalBootstrap::estimateSize).max().orElse(0);
        };
    }
}
