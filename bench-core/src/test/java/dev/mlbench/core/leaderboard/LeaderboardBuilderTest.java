package dev.mlbench.core.leaderboard;

import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.results.TestRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.mlbench.core.results.TestRuns.measured;
import static dev.mlbench.core.results.TestRuns.samples;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scores, intervals, ranks and what is left out, on runs whose speedups are known. */
class LeaderboardBuilderTest {

    @TempDir
    Path dir;

    /** reference at 1000 ns; fast 4x on m=8 and 1x on m=16 (geomean 2); slow 2x slower everywhere; wrong is invalid. */
    private RunFile machineA() {
        return TestRuns.file(dir, TestRuns.run("a", TestRuns.env(), null, List.of(
                measured("reference", "cpu-scalar", 8, samples(1000, 0.01, 10, 1)),
                measured("reference", "cpu-scalar", 16, samples(1000, 0.01, 10, 2)),
                measured("fast", "cpu-scalar", 8, samples(250, 0.01, 10, 3)),
                measured("fast", "cpu-scalar", 16, samples(1000, 0.01, 10, 4)),
                measured("slow", "cpu-scalar", 8, samples(2000, 0.01, 10, 5)),
                measured("slow", "cpu-scalar", 16, samples(2000, 0.01, 10, 6)),
                TestRuns.notMeasured("wrong", "cpu-scalar", 8, Status.INVALID, "output disagrees"))));
    }

    private RunFile machineB() {
        return TestRuns.file(dir, TestRuns.run("b", TestRuns.env("Other CPU", "JDK 25", "0.3.30"), null, List.of(
                measured("reference", "cpu-scalar", 8, samples(500, 0.01, 10, 7)),
                measured("fast", "cpu-scalar", 8, samples(500, 0.01, 10, 8)))));
    }

    private static Leaderboard build(Map<String, String> baseline, RunFile... runs) {
        return new LeaderboardBuilder(baseline, 500, 1).build(List.of(runs));
    }

    @Test
    void kernelsAreRankedByTheGeometricMeanOfTheirSpeedupsWithAnIntervalAroundIt() {
        Leaderboard lb = build(Map.of("*", "reference"), machineA());
        assertEquals(1, lb.boards().size());
        List<Leaderboard.Entry> e = lb.boards().get(0).entries();
        assertEquals(List.of("fast", "reference", "slow"), e.stream().map(Leaderboard.Entry::kernel).toList());
        assertEquals(2.0, e.get(0).score(), 0.05);
        assertEquals(1.0, e.get(1).score(), 1e-9);
        assertEquals(0.5, e.get(2).score(), 0.02);
        for (Leaderboard.Entry x : e) {
            assertTrue(x.ci95Low() <= x.score() && x.score() <= x.ci95High(), x::toString);
            assertTrue(x.ci95High() / x.ci95Low() < 1.1, "1% noise gives a narrow interval: " + x);
            assertEquals(2, x.workloads());
            assertEquals(List.of("a"), x.runIds());
            assertEquals(lb.boards().get(0).environment().fingerprint(), x.environmentFingerprint());
        }
        assertEquals(List.of(1, 2, 3), e.stream().map(Leaderboard.Entry::rank).toList());
    }

    @Test
    void invalidRowsNeverAppear() {
        Leaderboard lb = build(Map.of("*", "reference"), machineA());
        assertTrue(lb.boards().get(0).entries().stream().noneMatch(x -> x.kernel().equals("wrong")));
    }

    @Test
    void eachEnvironmentGetsItsOwnBoard() {
        Leaderboard lb = build(Map.of("gemm", "reference"), machineA(), machineB());
        assertEquals(2, lb.boards().size());
        assertTrue(lb.boards().stream().map(b -> b.environment().cpuModel()).toList().containsAll(List.of("Test CPU @ 3GHz", "Other CPU")));
        assertEquals(2, lb.sources().size());
    }

    @Test
    void aTrackWithoutABaselineIsLeftOutWithANote() {
        Leaderboard lb = build(Map.of(), machineA());
        assertTrue(lb.boards().isEmpty());
        assertTrue(lb.notes().get(0).contains("give --baseline"), lb.notes()::toString);
    }

    @Test
    void theBaselineRecordedInTheResultsIsUsed() {
        var rows = machineA().record().results().stream()
                .map(r -> r.status() == Status.MEASURED ? r.withBaseline(new dev.mlbench.core.results.TrialResult.BaselineRecord("slow", 1.0)) : r)
                .toList();
        RunFile f = TestRuns.file(dir, TestRuns.run("v2", TestRuns.env(), null, rows));
        Leaderboard lb = build(Map.of(), f);
        assertEquals("slow", lb.boards().get(0).baseline());
        assertEquals("results", lb.boards().get(0).baselineSource());
        assertEquals(4.0, lb.boards().get(0).entries().get(0).score(), 0.2);
    }

    @Test
    void theSameInputsGiveTheSameIntervals() {
        var a = build(Map.of("*", "reference"), machineA()).boards().get(0).entries().get(0);
        var b = build(Map.of("*", "reference"), machineA()).boards().get(0).entries().get(0);
        assertEquals(a.ci95Low(), b.ci95Low());
    }

    @Test
    void intervalsCarryTheNoiseBetweenForks() {
        // The same samples, once with their forks recorded (forks differ by 5%) and once as one unrecorded fork.
        var refForks = TestRuns.forkSamples(1000, 0.05, 0.002, 10, 20, 1);
        var fastForks = TestRuns.forkSamples(500, 0.05, 0.002, 10, 20, 2);
        RunFile forked = TestRuns.file(dir, TestRuns.run("forked", TestRuns.env(), null, List.of(
                TestRuns.forked("reference", "cpu-scalar", 8, refForks), TestRuns.forked("fast", "cpu-scalar", 8, fastForks))));
        RunFile pooled = TestRuns.file(dir, TestRuns.run("pooled", TestRuns.env(), null, List.of(
                measured("reference", "cpu-scalar", 8, refForks.stream().flatMap(List::stream).toList()),
                measured("fast", "cpu-scalar", 8, fastForks.stream().flatMap(List::stream).toList()))));
        var byForks = build(Map.of("*", "reference"), forked).boards().get(0).entries().get(0);
        var byIterations = build(Map.of("*", "reference"), pooled).boards().get(0).entries().get(0);
        assertEquals("fast", byForks.kernel());
        assertEquals(byForks.score(), byIterations.score(), 1e-12);
        double wide = byForks.ci95High() - byForks.ci95Low();
        double narrow = byIterations.ci95High() - byIterations.ci95Low();
        assertTrue(wide > 2 * narrow, "over forks " + wide + ", over iterations " + narrow);
    }
}
