package dev.mlbench.core.results;

import dev.mlbench.core.env.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Results files round-trip and are replaced atomically. */
class ResultStoreTest {

    static RunRecord sample() {
        Environment env = new Environment("cpu", 2, 1L << 34, "Linux", "JDK 25", List.of("-Xmx1g"), 256,
                Map.of("cpu-scalar", new Environment.BackendInfo(true, "ok", Map.of())), List.of(), Map.of());
        var subject = new TrialResult.Subject("axpy", "plain", "test-backend", "small", "n=100", Map.of("threads", 2), Map.of("n", 100));
        Metrics metrics = Metrics.builder().work(200, dev.mlbench.core.spi.Work.OpUnit.FLOP, 800, dev.mlbench.core.spi.Work.Roof.MEMORY)
                .gops(20).gflops(20.0).gbps(80).allocBytesPerOp(64.0).energySource("unavailable: test").extra(Map.of("passes", 2.0))
                .cache(dev.mlbench.core.definition.CacheState.COLD).workingSetBytes(3.2e7).build();
        TrialResult row = TrialResult.measured(subject, List.of(10.0, 11.0), null, null,
                        dev.mlbench.core.stats.SampleStatistics.of(List.of(10.0, 11.0)), metrics,
                        new CorrectnessRecord(0.0, 0.0, new CorrectnessRecord.ToleranceRecord(0, 1e-6), true, null, Map.of("sqnr_db", 40.0)))
                .withBaseline(new TrialResult.BaselineRecord("plain", 1.0));
        return new RunRecord(RunRecord.SCHEMA_VERSION, "run-1", "2026-01-01T00:00:00Z", null, "running", new RunRecord.Harness("1", "abc"),
                new RunRecord.RunSettings(List.of("axpy"), List.of("a.yaml"), "quick", 2, List.of()), env, null, List.of(row));
    }

    @Test
    void aRecordReadBackEqualsWhatWasWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run-1.json");
        RunRecord record = sample();
        ResultStore.write(record, file);
        assertEquals(record, ResultStore.read(file));
    }

    @Test
    void keysAreSnakeCaseAndNullsAreWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.json");
        ResultStore.write(sample(), file);
        String json = Files.readString(file);
        assertTrue(json.contains("\"schema_version\" : 3"), json);
        assertTrue(json.contains("\"sample_forks\" : null"), json);
        assertTrue(json.contains("\"fork_started_at\" : null"), json);
        assertTrue(json.contains("\"samples_ns\""), json);
        assertTrue(json.contains("\"ci95_low_ns\""), json);
        assertTrue(json.contains("\"energy_j\" : null"), json);
        assertTrue(json.contains("\"status\" : \"measured\""), json);
    }

    @Test
    void rewritingLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.json");
        ResultStore.write(sample(), file);
        ResultStore.write(sample().finished("complete", "2026-01-01T00:01:00Z"), file);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        assertEquals("complete", ResultStore.read(file).state());
    }

    @Test
    void aResultsFileGetsTheModeOfAnyFileThisProcessCreatesNotOwnerOnly(@TempDir Path dir) throws Exception {
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path file = dir.resolve("run-1.json");
        ResultStore.write(sample(), file);
        ResultStore.write(sample(), file);
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file), "created under the umask, like " + plain);
        try (var s = Files.list(dir)) {
            assertEquals(List.of("plain.txt", "run-1.json"), s.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary left");
        }
    }
}
