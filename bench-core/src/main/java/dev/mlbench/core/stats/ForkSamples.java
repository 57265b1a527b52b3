package dev.mlbench.core.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A row's per-iteration samples grouped by the JMH fork (JVM) that measured them. Forks, not iterations, are the
 * independent units of a measurement: the iterations of one JVM share its JIT decisions, code and heap layout and
 * the machine's state at the time, so they agree with each other more than with another JVM's.
 *
 * @param forks    the samples of each fork, in run order; no fork is empty
 * @param recorded whether the fork boundaries were recorded; false for rows of schema 1 and 2 files, whose samples
 *                 are then taken as one fork, which understates the noise between JVMs
 */
public record ForkSamples(List<double[]> forks, boolean recorded) {

    /** Checks that there is at least one fork and that no fork is empty. */
    public ForkSamples {
        forks = List.copyOf(forks);
        if (forks.isEmpty() || forks.stream().anyMatch(f -> f.length == 0)) {
            throw new IllegalArgumentException("every fork needs at least one sample");
        }
    }

    /**
     * Groups {@code samples} by {@code sampleForks} (the fork of each sample); with {@code sampleForks} null, every
     * sample is taken as coming from one unrecorded fork. Fork indexes need not be contiguous.
     */
    public static ForkSamples of(List<Double> samples, List<Integer> sampleForks) {
        if (sampleForks == null) {
            return new ForkSamples(List.of(toArray(samples)), false);
        }
        if (sampleForks.size() != samples.size()) {
            throw new IllegalArgumentException(samples.size() + " samples but " + sampleForks.size() + " fork indexes");
        }
        java.util.TreeMap<Integer, List<Double>> byFork = new java.util.TreeMap<>();
        for (int i = 0; i < samples.size(); i++) {
            byFork.computeIfAbsent(sampleForks.get(i), f -> new ArrayList<>()).add(samples.get(i));
        }
        return new ForkSamples(byFork.values().stream().map(ForkSamples::toArray).toList(), true);
    }

    /** The number of forks. */
    public int forkCount() {
        return forks.size();
    }

    /** Every sample of every fork. */
    public double[] pooled() {
        return forks.stream().flatMapToDouble(Arrays::stream).toArray();
    }

    /** The median of all samples. */
    public double median() {
        return HierarchicalBootstrap.median(pooled());
    }

    /** The median time of each fork. */
    public double[] forkMedians() {
        return forks.stream().mapToDouble(ForkSamples::median).toArray();
    }

    /** The coefficient of variation of the forks' medians; null with fewer than two forks. */
    public Double forkCv() {
        if (forks.size() < 2) {
            return null;
        }
        double[] m = forkMedians();
        double mean = Arrays.stream(m).average().orElseThrow();
        double ss = Arrays.stream(m).map(x -> (x - mean) * (x - mean)).sum();
        return Math.sqrt(ss / (m.length - 1)) / mean;
    }

    /** These forks as a cluster for {@link HierarchicalBootstrap}: a group of forks, each a leaf of iterations. */
    public Cluster cluster() {
        return new Cluster.Group(forks.stream().<Cluster>map(Cluster.Leaf::new).toList());
    }

    private static double median(double[] values) {
        return HierarchicalBootstrap.median(values.clone());
    }

    private static double[] toArray(List<Double> samples) {
        return samples.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
