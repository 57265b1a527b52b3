package dev.mlbench.core.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which results files the analysis commands accept, and how they say no. */
class RunFileTest {

    @TempDir
    Path dir;

    private Path write(String json) throws Exception {
        Path f = dir.resolve("r.json");
        Files.writeString(f, json);
        return f;
    }

    private static RunRecord record() {
        TrialResult row = TestRuns.measured("vector", "cpu-vector", 8, TestRuns.samples(100, 0.01, 5, 1))
                .withBaseline(new TrialResult.BaselineRecord("reference", 3.5));
        return TestRuns.run("run-1", TestRuns.env(), null, List.of(row));
    }

    @Test
    void schemaTwoIsReadWithItsBaseline() throws Exception {
        RunFile f = RunFile.read(write(ResultStore.toJson(record())));
        assertEquals("run-1", f.runId());
        assertEquals(record(), f.record());
        assertEquals("reference", f.record().results().get(0).baseline().kernel());
    }

    @Test
    void schemaOneIsUpgradedFlopsBecomingOpsInFlopUnits() throws Exception {
        String v1 = TestRuns.asSchemaOne(record());
        assertTrue(v1.contains("\"flops\"") && !v1.contains("\"ops\""), v1);
        RunFile f = RunFile.read(write(v1));
        var m = f.record().results().get(0).metrics();
        assertEquals(2.0 * 512, m.ops());
        assertEquals(dev.mlbench.core.spi.Work.OpUnit.FLOP, m.opUnit());
        assertEquals(m.gflops(), m.gops());
        assertEquals(dev.mlbench.core.spi.Work.Roof.MEMORY, m.roof());
        assertNull(f.record().results().get(0).baseline());
    }

    @Test
    void anotherSchemaVersionIsRejectedSayingWhichOnesAreRead() throws Exception {
        Path f = write(ResultStore.toJson(record()).replace("\"schema_version\" : 3", "\"schema_version\" : 4"));
        var e = assertThrows(ResultFileException.class, () -> RunFile.read(f));
        assertTrue(e.getMessage().contains("schema_version 4") && e.getMessage().contains("versions 1, 2 and 3"), e.getMessage());
    }

    @Test
    void notJsonAndNotAResultsFileAndAMissingFileAreEachNamed() throws Exception {
        assertTrue(assertThrows(ResultFileException.class, () -> RunFile.read(write("{ not json"))).getMessage().contains("not valid JSON"));
        assertTrue(assertThrows(ResultFileException.class, () -> RunFile.read(write("{\"a\": 1}"))).getMessage().contains("has no run_id"));
        assertTrue(assertThrows(ResultFileException.class, () -> RunFile.read(dir.resolve("none.json"))).getMessage().contains("no such file"));
    }
}
