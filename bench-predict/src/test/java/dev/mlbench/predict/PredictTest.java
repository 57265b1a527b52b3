package dev.mlbench.predict;

import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.spi.Work;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredictTest {

    @TempDir
    static Path dir;

    static TrainingRows rows;

    @BeforeAll
    static void synthetic() {
        rows = TrainingRows.read(List.of(RunFile.read(SyntheticRuns.gemm(dir, 80, 7))), "gemm", Target.TIME);
    }

    @Test
    void aSplitByShapeNeverPutsOneShapeOnBothSides() {
        Set<Map<String, Object>> heldOut = new HashSet<>();
        List<ShapeSplit.Fold> folds = ShapeSplit.byShape(rows.rows(), 4, 1);
        for (ShapeSplit.Fold f : folds) {
            Set<Map<String, Object>> train = new HashSet<>(f.train().stream().map(TrainingRow::shape).toList());
            Set<Map<String, Object>> test = new HashSet<>(f.test().stream().map(TrainingRow::shape).toList());
            assertFalse(test.isEmpty());
            assertTrue(test.stream().noneMatch(train::contains), f.label());
            assertEquals(rows.rows().size(), f.train().size() + f.test().size());
            test.forEach(s -> assertTrue(heldOut.add(s), "a shape held out twice"));
        }
        assertEquals(80, heldOut.size(), "every shape is held out once");
    }

    @Test
    void aSplitByShapeAndHostHoldsOutBoth() {
        List<TrainingRow> two = Stream.concat(rows.rows().stream(), rows.rows().stream().map(r -> new TrainingRow(r.file(), r.index(),
                r.track(), r.setting(), r.workload(), new HostFacts("other", "Other CPU", 4, 256, r.host().calibration()), r.work(),
                r.value()))).toList();
        List<ShapeSplit.Fold> folds = ShapeSplit.byShapeAndHost(two, 4, 1);
        assertEquals(8, folds.size());
        for (ShapeSplit.Fold f : folds) {
            Set<Map<String, Object>> train = new HashSet<>(f.train().stream().map(TrainingRow::shape).toList());
            Set<String> testHosts = new HashSet<>(f.test().stream().map(r -> r.host().id()).toList());
            assertEquals(1, testHosts.size());
            assertTrue(f.train().stream().noneMatch(r -> testHosts.contains(r.host().id())));
            assertTrue(f.test().stream().noneMatch(r -> train.contains(r.shape())));
        }
    }

    @Test
    void aModelRecoversAKnownFormulaOnHeldOutShapes() {
        Evaluation e = Evaluation.run("test", ShapeSplit.byShape(rows.rows(), 4, 3), 100, 3, Target.TIME);
        for (Evaluation.KernelScores k : e.kernels()) {
            assertTrue(k.model().mape() <= 5, k.kernel() + " MAPE " + k.model().mape());
            assertTrue(k.model().r2Log() >= 0.99, k.kernel() + " R² " + k.model().r2Log());
            assertTrue(k.model().mape() * 2 <= k.roofline().mape(), "twice better than the roofline: " + k);
        }
        assertEquals(80, e.regret().shapes());
        assertEquals(1.0, e.regret().pickedBest(), "the fast kernel is ranked first on every held-out shape");
        assertEquals(0.0, e.regret().median());
        assertEquals(Evaluation.WORST, e.worst().size());
        double maxError = 0;
        for (int i = 0; i < e.worst().size(); i++) {
            Evaluation.Miss m = e.worst().get(i);
            assertEquals(100 * (m.predicted() - m.measured()) / m.measured(), m.errorPct(), 1e-9);
            assertTrue(i == 0 || Math.abs(m.errorPct()) <= Math.abs(e.worst().get(i - 1).errorPct()), "largest error first");
            maxError = Math.max(maxError, Math.abs(m.errorPct()));
        }
        assertTrue(maxError >= e.all().model().mape(), "the worst row's error is at least the mean: " + maxError);
    }

    @Test
    void bestRanksTheFasterKernelFirstOnANewShape() {
        Predictor p = new Trainer(100, 5, 4).train(rows, Target.TIME, List.of("synthetic.json"));
        long m = 300, n = 500, k = 700;
        Work work = new Work(2.0 * m * n * k, 4.0 * (m * k + k * n + m * n));
        List<Estimate> estimates = p.estimate(p.workload(m + "x" + n + "x" + k), work, p.host(null), p.settings(null, Map.of()));
        assertEquals(2, estimates.size(), "the broken kernel's rows were never measured, so it is not a setting");
        Estimate fast = estimates.stream().filter(x -> x.setting().kernel().equals("fast")).findFirst().orElseThrow();
        Estimate slow = estimates.stream().filter(x -> x.setting().kernel().equals("slow")).findFirst().orElseThrow();
        double truth = SyntheticRuns.formulaNs(m, n, k, 1);
        assertEquals(truth, fast.interval().predicted(), 0.1 * truth);
        assertEquals(2 * truth, slow.interval().predicted(), 0.2 * truth);
        assertTrue(fast.interval().low() <= fast.interval().predicted() && fast.interval().predicted() <= fast.interval().high() * 1.0001);
        assertTrue(fast.warnings().isEmpty(), fast.warnings().toString());
        assertEquals(Math.max(2.0 * m * n * k / 200, work.bytesMoved() / 20), fast.rooflineNs(), 1e-6 * fast.rooflineNs());
        assertNotNull(p.file().heldOut().all().model().r2Log());
    }

    @Test
    void aShapeOutsideTheTrainingRangeIsFlagged() {
        Predictor p = new Trainer(20, 5, 4).train(rows, Target.TIME, List.of("synthetic.json"));
        Work work = new Work(2.0 * 8192 * 8192 * 8192, 4.0 * 3 * 8192 * 8192);
        Estimate e = p.estimate(p.workload("8192x8192x8192"), work, p.host(null), p.settings("fast", Map.of())).get(0);
        assertTrue(e.warnings().stream().anyMatch(w -> w.startsWith("workload.m = 8192 lies outside the trained")), e.warnings().toString());
        PredictInputException wrong = assertThrows(PredictInputException.class, () -> p.workload("1024x1024"));
        assertTrue(wrong.getMessage().contains("3 dimension(s), mxnxk"), wrong.getMessage());
    }

    @Test
    void invalidFailedAndSkippedRowsAreNeverUsed() {
        long measured = RunFile.read(SyntheticRuns.gemm(dir, 80, 7)).record().results().stream()
                .filter(r -> r.status() == Status.MEASURED).count();
        assertEquals(measured, rows.rows().size());
        assertTrue(rows.rows().stream().noneMatch(r -> r.setting().kernel().equals("broken")));
    }

    @Test
    void rowsOfAnotherTrackAreRefused(@TempDir Path tmp) {
        Path softmax = SyntheticRuns.write(tmp, "softmax-run", SyntheticRuns.env("CPU"), SyntheticRuns.calibration(),
                SyntheticRuns.rows("softmax", SyntheticRuns.shapes(5, 1), 1));
        PredictInputException e = assertThrows(PredictInputException.class,
                () -> TrainingRows.read(List.of(RunFile.read(softmax)), "gemm", Target.TIME));
        assertTrue(e.getMessage().contains("no measured rows of track gemm (they hold softmax)"), e.getMessage());

        Predictor p = new Trainer(10, 5, 4).train(rows, Target.TIME, List.of("synthetic.json"));
        TrainingRow other = TrainingRows.read(List.of(RunFile.read(softmax)), null, Target.TIME).rows().get(0);
        PredictInputException refused = assertThrows(PredictInputException.class, () -> p.predict(other));
        assertTrue(refused.getMessage().contains("is a row of track softmax; the trained model learnt track gemm"), refused.getMessage());
    }

    @Test
    void rowsWithoutACalibrationAreRefusedNamingTheFile(@TempDir Path tmp) {
        Path f = SyntheticRuns.write(tmp, "uncalibrated", SyntheticRuns.env("CPU"), null, SyntheticRuns.rows("gemm", SyntheticRuns.shapes(5, 1), 1));
        PredictInputException e = assertThrows(PredictInputException.class, () -> TrainingRows.read(List.of(RunFile.read(f)), "gemm", Target.TIME));
        assertTrue(e.getMessage().startsWith(f + ": the run has no calibration"), e.getMessage());
    }

    @Test
    void anEnergyModelNeedsRowsWithEnergy() {
        PredictInputException e = assertThrows(PredictInputException.class, () -> TrainingRows.read(
                List.of(RunFile.read(SyntheticRuns.gemm(dir, 80, 7))), "gemm", Target.ENERGY));
        assertTrue(e.getMessage().contains("has a measured energy (energy: unavailable: test)"), e.getMessage());
    }

    @Test
    void aSavedModelPredictsAsTheTrainedOne(@TempDir Path tmp) throws Exception {
        Predictor p = new Trainer(20, 5, 4).train(rows, Target.TIME, List.of("synthetic.json"));
        Path f = tmp.resolve("model.json");
        p.write(f);
        Predictor back = Predictor.read(f);
        TrainingRow r = rows.rows().get(3);
        assertEquals(p.predict(r), back.predict(r));
        assertEquals(Forest.LIBRARY_VERSION, back.file().library().version());
        assertEquals(List.of("m", "n", "k"), back.file().dimensions());
    }

    @Test
    void truncatedAndForeignModelFilesGiveOneLineErrors(@TempDir Path tmp) throws Exception {
        Predictor p = new Trainer(10, 5, 4).train(rows, Target.TIME, List.of("synthetic.json"));
        Path good = tmp.resolve("good.json");
        p.write(good);
        String text = Files.readString(good);
        Path truncated = Files.writeString(tmp.resolve("truncated.json"), text.substring(0, text.length() / 2));
        Path foreign = Files.writeString(tmp.resolve("foreign.json"), "{\"name\": \"not a model\"}");
        Path results = SyntheticRuns.gemm(tmp, 5, 1);
        String forest = text.substring(text.indexOf("\"forest\""));
        Path badForest = Files.writeString(tmp.resolve("bad-forest.json"), text.replace(forest, "\"forest\" : \"AAAAbm90IGEgbW9kZWw=\"\n}\n"));
        for (Path f : List.of(truncated, foreign, results, badForest, tmp.resolve("missing.json"))) {
            PredictInputException e = assertThrows(PredictInputException.class, () -> Predictor.read(f));
            assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
