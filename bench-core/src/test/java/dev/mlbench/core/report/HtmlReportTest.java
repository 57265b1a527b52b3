package dev.mlbench.core.report;

import dev.mlbench.core.compare.CompareSettings;
import dev.mlbench.core.compare.Comparer;
import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.TestRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static dev.mlbench.core.results.TestRuns.measured;
import static dev.mlbench.core.results.TestRuns.samples;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page's structure (the browser test in bench-cli renders it for real). */
class HtmlReportTest {

    @TempDir
    Path dir;

    private RunFile run(String id, double vectorNs) {
        return TestRuns.file(dir, TestRuns.run(id, TestRuns.env(), TestRuns.calibration(200, 20), List.of(
                measured("reference", "cpu-scalar", 64, samples(500_000, 0.01, 10, 1)),
                TestRuns.forked("vector", "cpu-vector", 64, vectorNs, 2),
                TestRuns.forked("vector", "cpu-vector", 256, vectorNs * 20, 3),
                measured("<script>alert(1)</script>", "cpu-scalar", 64, samples(500_000, 0.01, 10, 4)))));
    }

    @Test
    void onePageWithARooflineAThroughputChartAndPointsForEveryValidRow() {
        String html = HtmlReport.render(List.of(run("r1", 10_000)), Optional.empty());
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertEquals(1, count(html, "<svg class=\"chart roofline\""));
        assertEquals(1, count(html, "<svg class=\"chart throughput\""));
        assertEquals(4, count(html, "<circle class=\"point\"") / 2, "each row is a point in the roofline and in the throughput chart");
        assertTrue(html.contains("class=\"roof\""), "the calibrated roof is drawn");
        assertFalse(html.contains("id=\"compare\""), "one run: no verdicts");
    }

    @Test
    void itLoadsNothingFromTheNetwork() {
        String html = HtmlReport.render(List.of(run("r1", 10_000)), Optional.empty());
        assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*\"(https?:)?//").matcher(html).find(), "no external resource");
        assertFalse(html.contains("<link"), "styles are inline");
    }

    @Test
    void namesFromResultsAreEscaped() {
        String html = HtmlReport.render(List.of(run("r1", 10_000)), Optional.empty());
        assertFalse(html.contains("<script>alert(1)"));
        assertTrue(html.contains("&lt;script&gt;alert(1)"));
    }

    @Test
    void twoRunsShowTheCompareVerdicts() {
        RunFile a = run("base", 10_000);
        RunFile b = run("cur", 12_000);
        String html = HtmlReport.render(List.of(a, b), Optional.of(Comparer.compare(a, b, CompareSettings.DEFAULTS)));
        assertTrue(html.contains("id=\"compare\""));
        assertTrue(html.contains("<tr class=\"verdict-SLOWER\">"), "vector got 20% slower");
        assertTrue(html.contains("regression found"));
    }

    @Test
    void withoutCalibrationThePageSaysWhyThereIsNoRoof() {
        RunFile r = TestRuns.file(dir, TestRuns.run("nocal", TestRuns.env(), null,
                List.of(measured("vector", "cpu-vector", 64, samples(10_000, 0.01, 10, 2)))));
        String html = HtmlReport.render(List.of(r), Optional.empty());
        assertTrue(html.contains("No calibration in these runs"));
        assertFalse(html.contains("class=\"roof\""));
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
