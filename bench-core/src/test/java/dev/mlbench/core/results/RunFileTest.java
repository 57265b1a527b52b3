package dev.mlbench.core.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    private String v1() throws Exception {
        return ResultStore.toJson(TestRuns.run("run-1", TestRuns.env(), null,
                List.of(TestRuns.measured("vector", "cpu-vector", 8, TestRuns.samples(100, 0.01, 5, 1)))));
    }

    @Test
    void schemaOneIsRead() throws Exception {
        RunFile f = RunFile.read(write(v1()));
        assertEquals("run-1", f.runId());
        assertEquals(1, f.record().results().size());
        assertTrue(f.baselineKernel(0).isEmpty());
    }

    @Test
    void schemaTwoIsReadWithItsBaselineAndExtraMetricsTolerated() throws Exception {
        String v2 = v1().replace("\"schema_version\" : 1", "\"schema_version\" : 2")
                .replace("\"status\" : \"measured\"", "\"status\" : \"measured\", \"baseline\" : {\"kernel\" : \"reference\", \"speedup\" : 3.5}")
                .replace("\"energy_source\"", "\"extra\" : {\"weight_bytes\" : 12.0}, \"alloc_bytes_per_op\" : 0.0, \"energy_source\"");
        RunFile f = RunFile.read(write(v2));
        assertEquals(2, f.tree().get("schema_version").asInt());
        assertEquals("reference", f.baselineKernel(0).orElseThrow());
    }

    @Test
    void anotherSchemaVersionIsRejectedSayingWhichOnesAreRead() throws Exception {
        Path f = write(v1().replace("\"schema_version\" : 1", "\"schema_version\" : 3"));
        var e = assertThrows(ResultFileException.class, () -> RunFile.read(f));
        assertTrue(e.getMessage().contains("schema_version 3") && e.getMessage().contains("versions 1 and 2"), e.getMessage());
    }

    @Test
    void notJsonAndNotAResultsFileAndAMissingFileAreEachNamed() throws Exception {
        assertTrue(assertThrows(ResultFileException.class, () -> RunFile.read(write("{ not json"))).getMessage().contains("not valid JSON"));
        assertTrue(assertThrows(ResultFileException.class, () -> RunFile.read(write("{\"a\": 1}"))).getMessage().contains("has no run_id"));
        assertTrue(assertThrows(ResultFileException.class, () -> RunFile.read(dir.resolve("none.json"))).getMessage().contains("no such file"));
    }
}
