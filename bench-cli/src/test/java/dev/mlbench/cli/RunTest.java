package dev.mlbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One real run through the CLI and JMH forks with correct, wrong and throwing kernels on awkward shapes:
 * the wrong kernel is caught, the throwing one is recorded and the run goes on, and the file conforms to
 * the schema.
 */
class RunTest {

    @TempDir
    static Path out;
    static Cli run;
    static Path resultsFile;
    static JsonNode json;

    @BeforeAll
    static void runMixedDefinition() throws IOException {
        // --track with --config runs the file's definition of the track, not configs/tracks/gemm.yaml as well
        run = Cli.run("run", "--track", "gemm", "--config", Cli.def("mixed.yaml"), "--no-calibration", "--out", out.toString());
        try (var files = Files.list(out)) {
            List<Path> json = files.filter(f -> f.toString().endsWith(".json")).toList();
            assertEquals(1, json.size(), () -> "one results file expected: " + json + "\n" + run);
            resultsFile = json.get(0);
        }
        json = SchemaCheck.assertValid(resultsFile);
    }

    private static List<JsonNode> rows(String kernel) {
        return StreamSupport.stream(json.get("results").spliterator(), false).filter(r -> r.get("kernel").asText().equals(kernel)).toList();
    }

    @Test
    void aWrongKernelMakesTheRunExit3() {
        assertEquals(3, run.exitCode(), run::toString);
    }

    @Test
    void theWrongKernelsRowsAreInvalidWithTheErrorAndNeverTimed() {
        List<JsonNode> wrong = rows("wrong");
        assertEquals(2, wrong.size());
        for (JsonNode r : wrong) {
            assertEquals("invalid", r.get("status").asText());
            assertTrue(r.get("reason").asText().contains("disagrees with the reference"), r.toString());
            assertEquals(false, r.get("correctness").get("passed").asBoolean());
            assertTrue(r.get("samples_ns").isNull(), "an invalid kernel is never measured");
        }
    }

    @Test
    void theThrowingKernelIsRecordedAsFailedWithItsMessageAndTheRunContinues() {
        List<JsonNode> throwing = rows("throwing");
        assertEquals(2, throwing.size());
        for (JsonNode r : throwing) {
            assertEquals("failed", r.get("status").asText());
            assertTrue(r.get("reason").asText().contains("deliberate failure for harness tests"), r.toString());
        }
        assertEquals(2, rows("vector").size(), "kernels after the throwing one still ran");
    }

    @Test
    void correctKernelsAreMeasuredWithStatisticsAndMetrics() {
        for (String kernel : List.of("reference", "vector")) {
            for (JsonNode r : rows(kernel)) {
                assertEquals("measured", r.get("status").asText(), r.toString());
                assertEquals(3, r.get("samples_ns").size(), "one sample per measured iteration");
                assertEquals(3, r.get("stats").get("n").asInt());
                assertTrue(r.get("metrics").get("gflops").asDouble() > 0);
                assertTrue(r.get("correctness").get("passed").asBoolean());
                assertTrue(r.get("metrics").get("energy_j").isNull(), "energy is never guessed");
                assertTrue(r.get("metrics").get("energy_source").asText().startsWith("unavailable: "));
            }
        }
    }

    @Test
    void theFileRecordsACompleteRunWithEnvironmentAndSettings() {
        assertEquals("complete", json.get("state").asText());
        assertEquals(3, json.get("schema_version").asInt());
        assertNotNull(json.get("environment").get("cpu_model").asText());
        assertEquals("quick", json.get("settings").get("profile").asText());
        assertTrue(json.get("calibration").isNull(), "--no-calibration leaves it empty");
        assertEquals(8, json.get("results").size(), "2 shapes x 4 kernels");
    }

    @Test
    void theTableShowsEveryRowAndExplainsTheFailures() {
        assertTrue(run.out().contains("KERNEL") && run.out().contains("MEDIAN") && run.out().contains("GFLOP/s"), run.out());
        assertTrue(run.out().contains("INVALID") && run.out().contains("FAILED"), run.out());
        assertTrue(run.out().contains("invalid: wrong 3x5x7: output disagrees with the reference"), run.out());
        assertTrue(run.out().contains("Results: " + resultsFile), run.out());
        assertTrue(run.out().contains("Energy: unavailable: no powercap interface (/sys/class/powercap is absent)")
                || java.nio.file.Files.isDirectory(java.nio.file.Path.of("/sys/class/powercap")), "energy reason shown: " + run.out());
    }

    @Test
    void showPrintsTheSameTableFromTheFile() {
        Cli shown = Cli.run("show", resultsFile.toString());
        assertEquals(0, shown.exitCode(), shown.toString());
        String table = run.out().substring(0, run.out().indexOf("Results: "));
        assertTrue(shown.out().contains(table.strip()), "the run's table:\n" + table + "\nshown:\n" + shown.out());
    }

    @Test
    void progressIsReportedForEveryTrial() {
        assertTrue(run.err().contains("Running 8 trial(s)"), run.err());
        for (int i = 1; i <= 8; i++) {
            assertTrue(run.err().contains("[" + i + "/8] gemm "), "progress line " + i + " missing:\n" + run.err());
        }
    }

    @Test
    void jsonFormatPrintsTheRecord(@TempDir Path dir) {
        Cli r = Cli.run("run", "--config", Cli.def("mixed.yaml"), "--kernel", "reference", "--no-calibration",
                "--format", "json", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().trim().startsWith("{") && r.out().contains("\"schema_version\""), r.out());
    }
}
