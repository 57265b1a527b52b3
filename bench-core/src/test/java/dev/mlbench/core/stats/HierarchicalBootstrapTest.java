package dev.mlbench.core.stats;

import dev.mlbench.core.results.TestRuns;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interval of {@link ChangeEstimate} covers the true ratio as often as it claims on data whose forks differ,
 * and the pooled-iteration bootstrap it replaced does not.
 */
class HierarchicalBootstrapTest {

    private static final double TRUE_RATIO = 1.10;

    /** How often, in 1,000 seeded trials of 10 forks × 5 iterations per side, the 95% interval holds the true ratio. */
    private static double coverage(boolean byForks) {
        int covered = 0;
        int trials = 1000;
        for (int t = 0; t < trials; t++) {
            List<List<Double>> base = TestRuns.forkSamples(1000, 0.02, 0.01, 10, 5, 2L * t);
            List<List<Double>> cur = TestRuns.forkSamples(1000 * TRUE_RATIO, 0.02, 0.01, 10, 5, 2L * t + 1);
            ChangeEstimate e = ChangeEstimate.of(samples(base, byForks), samples(cur, byForks), 0.05, 1000, t);
            if (e.low(0.95) <= TRUE_RATIO && TRUE_RATIO <= e.high(0.95)) {
                covered++;
            }
        }
        return covered / (double) trials;
    }

    private static ForkSamples samples(List<List<Double>> forks, boolean byForks) {
        List<Double> all = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (int f = 0; f < forks.size(); f++) {
            all.addAll(forks.get(f));
            for (int i = 0; i < forks.get(f).size(); i++) {
                index.add(f);
            }
        }
        return ForkSamples.of(all, byForks ? index : null);
    }

    @Test
    void theIntervalOverForksCoversTheTrueRatioAsOftenAsItClaims() {
        double c = coverage(true);
        assertTrue(c >= 0.93 && c <= 0.97, "coverage " + c);
    }

    @Test
    void theIntervalOverPooledIterationsIsFarTooNarrowWhenForksDiffer() {
        double c = coverage(false);
        assertTrue(c < 0.80, "coverage " + c);
    }

    @Test
    void aReplicateDrawsWholeForksThenIterationsWithinThem() {
        // Two forks whose values cannot mix: a replicate's values all come from drawn forks, in fork-sized blocks.
        Cluster c = new Cluster.Group(List.of(new Cluster.Leaf(new double[] {1, 1, 1}), new Cluster.Leaf(new double[] {5, 5, 5})));
        var random = new org.apache.commons.math3.random.Well19937c(3);
        for (int i = 0; i < 100; i++) {
            double[] r = HierarchicalBootstrap.resample(c, random);
            assertEquals(6, r.length);
            assertEquals(r[0], r[1]);
            assertEquals(r[1], r[2]);
            assertEquals(r[3], r[4]);
        }
    }

    @Test
    void theSameSeedGivesTheSameEstimate() {
        ForkSamples a = samples(TestRuns.forkSamples(1000, 0.02, 0.01, 10, 5, 1), true);
        ForkSamples b = samples(TestRuns.forkSamples(1100, 0.02, 0.01, 10, 5, 2), true);
        assertEquals(ChangeEstimate.of(a, b, 0.05, 2000, 9), ChangeEstimate.of(a, b, 0.05, 2000, 9));
    }

    @Test
    void holmAdjustsStepDownAndNeverBelowAnEarlierStep() {
        double[] adjusted = Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.5});
        assertEquals(0.04, adjusted[0], 1e-12);   // 4 × 0.01
        assertEquals(0.09, adjusted[2], 1e-12);   // 3 × 0.03
        assertEquals(0.09, adjusted[1], 1e-12);   // max(2 × 0.04, 0.09)
        assertEquals(0.5, adjusted[3], 1e-12);
    }

    @Test
    void forkSamplesGroupByForkWhateverTheOrderOfIndexes() {
        ForkSamples f = ForkSamples.of(List.of(1.0, 5.0, 2.0, 6.0), List.of(0, 1, 0, 1));
        assertEquals(2, f.forkCount());
        assertEquals(1.5, f.forkMedians()[0]);
        assertEquals(5.5, f.forkMedians()[1]);
        assertTrue(f.recorded());
        assertEquals(1, ForkSamples.of(List.of(1.0, 2.0), null).forkCount());
    }
}
