package dev.mlbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlbench.core.results.ResultStore;
import dev.mlbench.predict.SyntheticRuns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredictCommandTest {

    @TempDir
    static Path dir;

    static Path results;
    static Path model;

    @BeforeAll
    static void train() {
        results = SyntheticRuns.gemm(dir, 60, 11);
        model = dir.resolve("model.json");
        Cli r = Cli.run("predict", "train", results.toString(), "--track", "gemm", "-o", model.toString(), "--trees", "40");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("Trained time on 120 rows of track gemm: 60 shapes, 2 kernel settings, 1 host(s)"), r.out());
        assertTrue(r.out().contains("MODEL MAPE"), r.out());
    }

    @Test
    void estimateRanksTheSettingsAndPrintsOneJsonObjectEach() throws Exception {
        Cli r = Cli.run("predict", "estimate", "--model", model.toString(), "--track", "gemm", "--shape", "300x500x700", "--best", "-f", "json");
        assertEquals(0, r.exitCode(), r.toString());
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.out().strip().split("\n")) {
            lines.add(ResultStore.JSON.readTree(line));
        }
        assertEquals(2, lines.size(), r.out());
        assertEquals("fast", lines.get(0).get("kernel").asText());
        assertEquals(2, lines.get(0).get("params").get("threads").asInt());
        double predicted = lines.get(0).get("predicted_ns").asDouble();
        double truth = SyntheticRuns.formulaNs(300, 500, 700, 1);
        assertEquals(truth, predicted, 0.15 * truth);
        assertTrue(lines.get(0).get("low_ns").asDouble() <= predicted && predicted <= lines.get(0).get("high_ns").asDouble() * 1.0001);
        // the real gemm track's work model: 2mnk FLOPs at 200 GFLOP/s on 2 of 2 calibrated threads
        assertEquals(2.0 * 300 * 500 * 700 / 200, lines.get(0).get("roofline_ns").asDouble(), 1e-3);
    }

    @Test
    void estimateWarnsOutsideTheTrainingShapes() {
        Cli r = Cli.run("predict", "estimate", "--model", model.toString(), "--shape", "8192x8192x8192", "--kernel", "fast");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("! outside the training data: workload.m = 8192 lies outside the trained"), r.out());
    }

    @Test
    void evaluatePrintsTheModelBesideTheRooflineAndTheRegret() {
        Cli r = Cli.run("predict", "evaluate", results.toString(), "--best", "--trees", "30", "--folds", "3");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("by shape: 3 fold(s), 60 held-out shape(s), 1 host(s), 120 rows scored"), r.out());
        assertTrue(r.out().contains("ROOFLINE MAPE"), r.out());
        assertTrue(r.out().contains("best setting on 60 held-out shape(s): median regret 0.0%"), r.out());
        String worst = r.out().substring(r.out().indexOf("largest errors on held-out rows:"));
        assertEquals(3 + 5, worst.strip().lines().count(), "a title, a header, a rule and the 5 worst rows by default: " + worst);
        assertTrue(worst.lines().skip(3).allMatch(l -> l.matches("(fast|slow) .*\\d+x\\d+x\\d+ .* [+-]\\d+%")), worst);
    }

    @Test
    void evaluateListsTheWorstRowsAsAskedAndRefusesANegativeCount() throws Exception {
        Cli r = Cli.run("predict", "evaluate", results.toString(), "--trees", "10", "--folds", "3", "--worst", "7", "-f", "json");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode worst = ResultStore.JSON.readTree(r.out()).get(0).get("worst");
        assertEquals(7, worst.size(), r.out());
        for (JsonNode m : worst) {
            assertEquals(100 * (m.get("predicted").asDouble() - m.get("measured").asDouble()) / m.get("measured").asDouble(),
                    m.get("error_pct").asDouble(), 1e-6);
        }
        Cli none = Cli.run("predict", "evaluate", results.toString(), "--trees", "10", "--folds", "3", "--worst", "0");
        assertFalse(none.out().contains("largest errors"), none.out());
        Cli bad = Cli.run("predict", "evaluate", results.toString(), "--worst", "-1");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("--worst must be 0 or more, got -1"), bad.err());
    }

    @Test
    void rowsOfAnotherTrackAreRefused() {
        Cli r = Cli.run("predict", "train", results.toString(), "--track", "softmax", "-o", dir.resolve("x.json").toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("no measured rows of track softmax (they hold gemm)"), r.err());
        Cli e = Cli.run("predict", "estimate", "--model", model.toString(), "--track", "softmax", "--shape", "4x4");
        assertEquals(2, e.exitCode(), e.toString());
        assertTrue(e.err().contains("learnt track gemm, not softmax"), e.err());
    }

    @Test
    void truncatedAndForeignModelsGiveOneLineAndExit2(@TempDir Path tmp) throws Exception {
        String text = Files.readString(model);
        Path truncated = Files.writeString(tmp.resolve("truncated.json"), text.substring(0, text.length() - 200));
        for (Path bad : List.of(truncated, results)) {
            Cli r = Cli.run("predict", "estimate", "--model", bad.toString(), "--shape", "64x64x64");
            assertEquals(2, r.exitCode(), r.toString());
            assertTrue(r.err().startsWith("bench: " + bad + ": not a model"), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }
}
