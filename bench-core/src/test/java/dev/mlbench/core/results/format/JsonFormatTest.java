package dev.mlbench.core.results.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlbench.core.results.ResultStore;
import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.RunRecord;
import dev.mlbench.core.results.TestRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.mlbench.core.results.TestRuns.measured;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The results JSON as a format: one run is its record, several are an array. */
class JsonFormatTest {

    @TempDir
    Path dir;

    private RunFile run(String id) {
        return TestRuns.file(dir, TestRuns.run(id, TestRuns.env(), null, List.of(measured("vector", "cpu-vector", 8, List.of(90.0, 100.0, 110.0)))));
    }

    @Test
    void oneRunIsItsRecordAsTheResultsFileHoldsIt() throws Exception {
        RunFile r = run("r1");
        String json = new JsonFormat().render(List.of(r));
        assertEquals(ResultStore.toJson(r.record()) + System.lineSeparator(), json);
        assertEquals(r.record(), ResultStore.JSON.readValue(json, RunRecord.class));
    }

    @Test
    void severalRunsAreAnArrayInTheirOrder() throws Exception {
        JsonNode array = ResultStore.JSON.readTree(new JsonFormat().render(List.of(run("r1"), run("r2"))));
        assertTrue(array.isArray());
        assertEquals(List.of("r1", "r2"), List.of(array.get(0).get("run_id").asText(), array.get(1).get("run_id").asText()));
    }

    @Test
    void aRunHeldInMemoryIsTheSameRunToAFormat() throws Exception {
        RunFile read = run("r1");
        RunFile held = RunFile.of(read.path(), read.record());
        assertEquals(new JsonFormat().render(List.of(read)), new JsonFormat().render(List.of(held)));
    }
}
