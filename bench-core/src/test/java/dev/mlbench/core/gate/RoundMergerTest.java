package dev.mlbench.core.gate;

import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.RunRecord;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.results.TestRuns;
import dev.mlbench.core.results.TrialResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rounds of one build of a gate become one record whose forks are the rounds' forks. */
class RoundMergerTest {

    @TempDir
    Path dir;

    @Test
    void roundsOfAnOlderBuildCountOneForkEachWithAnUnknownStart() {
        // Rows without sample_forks, as a schema 2 build writes them.
        RunFile one = TestRuns.file(dir, TestRuns.run("r1", TestRuns.env(), null,
                List.of(TestRuns.measured("k", "cpu-scalar", 8, List.of(10.0, 11.0, 12.0)))));
        RunFile two = TestRuns.file(dir, TestRuns.run("r2", TestRuns.env(), null,
                List.of(TestRuns.measured("k", "cpu-scalar", 8, List.of(20.0, 21.0, 22.0)))));
        RunRecord merged = RoundMerger.merge(List.of(one, two), "gate-base", "gate");
        TrialResult row = merged.results().get(0);
        assertEquals(List.of(10.0, 11.0, 12.0, 20.0, 21.0, 22.0), row.samplesNs());
        assertEquals(List.of(0, 0, 0, 1, 1, 1), row.sampleForks());
        assertEquals(2, row.forkStartedAt().size());
        assertNull(row.forkStartedAt().get(0));
        assertEquals(2, row.stats().forks());
        assertEquals(16.0, row.stats().medianNs());
        assertEquals(RunRecord.SCHEMA_VERSION, merged.schemaVersion());
        assertEquals(2, merged.settings().forks());
    }

    @Test
    void forksOfRecordedRoundsAreRenumberedInRoundOrderAndThroughputFollowsTheMergedMedian() {
        TrialResult a = TestRuns.forked("k", "cpu-scalar", 8, List.of(List.of(10.0, 10.0), List.of(12.0, 12.0)));
        TrialResult b = TestRuns.forked("k", "cpu-scalar", 8, List.of(List.of(30.0, 30.0)));
        RunRecord merged = RoundMerger.merge(List.of(TestRuns.file(dir, TestRuns.run("r1", TestRuns.env(), null, List.of(a))),
                TestRuns.file(dir, TestRuns.run("r2", TestRuns.env(), null, List.of(b)))), "gate-cur", "gate");
        TrialResult row = merged.results().get(0);
        assertEquals(List.of(0, 0, 1, 1, 2, 2), row.sampleForks());
        assertEquals(12.0, row.stats().medianNs());
        assertEquals(row.metrics().ops() / 12.0, row.metrics().gops(), 1e-9);
    }

    @Test
    void aRowInvalidInAnyRoundIsInvalidAndNamesTheRound() {
        RunFile one = TestRuns.file(dir, TestRuns.run("r1", TestRuns.env(), null, List.of(TestRuns.forked("k", "cpu-scalar", 8, 100, 1))));
        RunFile two = TestRuns.file(dir, TestRuns.run("r2", TestRuns.env(), null,
                List.of(TestRuns.notMeasured("k", "cpu-scalar", 8, Status.INVALID, "output disagrees with the reference: element 3"))));
        TrialResult row = RoundMerger.merge(List.of(one, two), "g", "gate").results().get(0);
        assertEquals(Status.INVALID, row.status());
        assertTrue(row.reason().startsWith("round 2: output disagrees"), row.reason());
    }
}
