package dev.mlbench.core.compare;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.mlbench.core.results.TestRuns.samples;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verdict rules on synthetic sample sets whose truth is known. */
class RankSumTestTest {

    private static final CompareSettings DEFAULTS = CompareSettings.DEFAULTS;

    @Test
    void twoSampleSetsFromTheSameDistributionAreSameUnderManySeeds() {
        for (long seed = 0; seed < 50; seed++) {
            var o = RankSumTest.classify(samples(1000, 0.03, 20, seed), samples(1000, 0.03, 20, seed + 1000), DEFAULTS);
            assertTrue(o.verdict() == Verdict.SAME || o.verdict() == Verdict.UNSURE, "seed " + seed + ": " + o);
        }
    }

    @Test
    void fifteenPercentSlowerWithModestNoiseIsSlower() {
        var o = RankSumTest.classify(samples(1000, 0.03, 10, 1), samples(1150, 0.03, 10, 2), DEFAULTS);
        assertEquals(Verdict.SLOWER, o.verdict(), o::toString);
        assertEquals(0.15, o.change(), 0.04);
        assertTrue(o.pValue() < 0.01);
    }

    @Test
    void fifteenPercentFasterIsFaster() {
        var o = RankSumTest.classify(samples(1000, 0.03, 10, 3), samples(850, 0.03, 10, 4), DEFAULTS);
        assertEquals(Verdict.FASTER, o.verdict(), o::toString);
    }

    @Test
    void aSignificantChangeBelowTheThresholdIsUnsureNotSlower() {
        var o = RankSumTest.classify(samples(1000, 0.002, 20, 5), samples(1020, 0.002, 20, 6), DEFAULTS);
        assertEquals(Verdict.UNSURE, o.verdict(), o::toString);
        assertTrue(o.pValue() < 0.01 && o.reason().contains("below the 5% threshold"), o::toString);
    }

    @Test
    void aLargeChangeHiddenInNoiseIsUnsure() {
        var o = RankSumTest.classify(samples(1000, 0.5, 6, 7), samples(1200, 0.5, 6, 8), DEFAULTS);
        assertEquals(Verdict.UNSURE, o.verdict(), o::toString);
    }

    @Test
    void tooFewSamplesCanNeverBeSignificant() {
        assertTrue(RankSumTest.smallestPValue(3, 3) > 0.01);
        assertTrue(RankSumTest.smallestPValue(10, 10) < 0.01);
        var o = RankSumTest.classify(List.of(100.0, 101.0, 102.0), List.of(200.0, 201.0, 202.0), DEFAULTS);
        assertEquals(Verdict.UNSURE, o.verdict());
        assertTrue(o.reason().startsWith("too few samples"), o.reason());
    }

    @Test
    void oneOutlierIterationDoesNotMakeARowSlower() {
        List<Double> cur = new ArrayList<>(samples(1000, 0.02, 12, 9));
        cur.set(3, 50_000.0); // a GC pause or a neighbour's burst
        var o = RankSumTest.classify(samples(1000, 0.02, 12, 10), cur, DEFAULTS);
        assertTrue(o.verdict() == Verdict.SAME || o.verdict() == Verdict.UNSURE, o::toString);
    }

    @Test
    void aLargerThresholdTurnsASlowerRowIntoUnsure() {
        var o = RankSumTest.classify(samples(1000, 0.03, 10, 1), samples(1150, 0.03, 10, 2), new CompareSettings(0.30, 0.01));
        assertEquals(Verdict.UNSURE, o.verdict(), o::toString);
    }

    @Test
    void settingsOutsideTheirRangeAreRejected() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new CompareSettings(0.05, 0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new CompareSettings(-0.1, 0.01));
    }
}
