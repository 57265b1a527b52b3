package dev.mlbench.core.compare;

import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.results.TestRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static dev.mlbench.core.results.TestRuns.forked;
import static dev.mlbench.core.results.TestRuns.measured;
import static dev.mlbench.core.results.TestRuns.notMeasured;
import static dev.mlbench.core.results.TestRuns.samples;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Row matching, every verdict, the gate and the environment warnings on synthetic runs. */
class ComparerTest {

    @TempDir
    Path dir;

    private RunFile base() {
        return TestRuns.file(dir, TestRuns.run("base", TestRuns.env(), null, List.of(
                forked("steady", "cpu-scalar", 64, 1000, 1),
                forked("regressed", "cpu-scalar", 64, 1000, 2),
                forked("improved", "cpu-scalar", 64, 1000, 3),
                forked("broken", "cpu-scalar", 64, 1000, 4),
                forked("crashing", "cpu-scalar", 64, 1000, 5),
                forked("gone", "openblas", 64, 1000, 6))));
    }

    private RunFile cur(String jdk, String openblas) {
        return TestRuns.file(dir, TestRuns.run("cur", TestRuns.env("Test CPU @ 3GHz", jdk, openblas), null, List.of(
                forked("steady", "cpu-scalar", 64, 1000, 11),
                forked("regressed", "cpu-scalar", 64, 1150, 12),
                forked("improved", "cpu-scalar", 64, 800, 13),
                notMeasured("broken", "cpu-scalar", 64, Status.INVALID, "output disagrees with the reference: element 0"),
                notMeasured("crashing", "cpu-scalar", 64, Status.FAILED, "IllegalStateException: boom"),
                forked("added", "cpu-scalar", 64, 1000, 14))));
    }

    private static RowComparison row(Comparison c, String kernel) {
        return c.rows().stream().filter(r -> r.key().kernel().equals(kernel)).findFirst().orElseThrow();
    }

    @Test
    void everyRowGetsTheVerdictItsDataCallsFor() {
        Comparison c = Comparer.compare(base(), cur("JDK 25", "0.3.30"), CompareSettings.DEFAULTS);
        assertEquals(Verdict.SAME, row(c, "steady").verdict());
        assertEquals(Verdict.SLOWER, row(c, "regressed").verdict());
        assertEquals(Verdict.FASTER, row(c, "improved").verdict());
        assertEquals(Verdict.INVALID, row(c, "broken").verdict());
        assertEquals(Verdict.INVALID, row(c, "crashing").verdict());
        assertTrue(row(c, "crashing").reason().contains("boom"));
        assertEquals(Verdict.MISSING, row(c, "gone").verdict());
        assertEquals(Verdict.NEW, row(c, "added").verdict());
        assertEquals(7, c.rows().size());
        assertTrue(c.failsGate());
    }

    @Test
    void onlySlowerAndInvalidFailTheGate() {
        RunFile a = TestRuns.file(dir, TestRuns.run("a", TestRuns.env(), null, List.of(forked("k", "cpu-scalar", 8, 1000, 1),
                forked("old", "cpu-scalar", 8, 1000, 2))));
        RunFile b = TestRuns.file(dir, TestRuns.run("b", TestRuns.env(), null, List.of(forked("k", "cpu-scalar", 8, 700, 3),
                forked("new", "cpu-scalar", 8, 1000, 4))));
        Comparison c = Comparer.compare(a, b, CompareSettings.DEFAULTS);
        assertEquals("1 FASTER, 1 MISSING, 1 NEW", c.summary());
        assertFalse(c.failsGate());
    }

    @Test
    void rowsMatchOnParametersSoAnotherThreadCountIsNotTheSameRow() {
        var eight = forked("k", "cpu-scalar", 8, 1000, 1);
        var subject = new dev.mlbench.core.results.TrialResult.Subject(eight.track(), eight.kernel(), eight.backend(), eight.group(),
                eight.label(), java.util.Map.of("threads", 4), eight.workload());
        var four = dev.mlbench.core.results.TrialResult.measured(subject, eight.samplesNs(), null, null, eight.stats(), eight.metrics(),
                eight.correctness());
        Comparison c = Comparer.compare(TestRuns.file(dir, TestRuns.run("a", TestRuns.env(), null, List.of(eight))),
                TestRuns.file(dir, TestRuns.run("b", TestRuns.env(), null, List.of(four))), CompareSettings.DEFAULTS);
        assertEquals("1 MISSING, 1 NEW", c.summary());
    }

    @Test
    void aColdRowThatFailsInCurIsTheSameRowAsItsMeasuredBaseAndFailsTheGate() {
        var base = forked("k", "cpu-scalar", 8, 1000, 1);
        var cold = base.subject();
        cold = new dev.mlbench.core.results.TrialResult.Subject(cold.track(), cold.kernel(), cold.backend(), cold.group(), cold.label(),
                cold.params(), cold.workload(), dev.mlbench.core.definition.CacheState.COLD);
        var measuredCold = dev.mlbench.core.results.TrialResult.measured(cold, base.samplesNs(), base.sampleForks(), base.forkStartedAt(),
                base.stats(), base.metrics().toBuilder().cache(dev.mlbench.core.definition.CacheState.COLD).build(), base.correctness());
        var failedCold = dev.mlbench.core.results.TrialResult.failed(cold, "threw", null);
        Comparison c = Comparer.compare(TestRuns.file(dir, TestRuns.run("a", TestRuns.env(), null, List.of(measuredCold))),
                TestRuns.file(dir, TestRuns.run("b", TestRuns.env(), null, List.of(failedCold))), CompareSettings.DEFAULTS);
        assertEquals("1 INVALID", c.summary(), "a failed row has no metrics: it was keyed as warm, so MISSING beside NEW");
        assertTrue(c.failsGate());
    }

    @Test
    void differentJdksWarnOnEveryRowAndABackendVersionOnlyOnItsRows() {
        Comparison c = Comparer.compare(base(), cur("JDK 26", "0.3.31"), CompareSettings.DEFAULTS);
        assertTrue(c.environmentWarnings().stream().anyMatch(w -> w.contains("JDK differs: BASE JDK 25, CUR JDK 26")), c.environmentWarnings()::toString);
        assertTrue(row(c, "steady").warnings().stream().anyMatch(w -> w.startsWith("JDK differs")));
        assertTrue(row(c, "gone").warnings().stream().anyMatch(w -> w.contains("backend openblas version differs: BASE 0.3.30, CUR 0.3.31")),
                row(c, "gone").warnings()::toString);
        assertTrue(row(c, "steady").warnings().stream().noneMatch(w -> w.contains("openblas")));
    }

    @Test
    void theSameEnvironmentGivesNoWarnings() {
        Comparison c = Comparer.compare(base(), cur("JDK 25", "0.3.30"), CompareSettings.DEFAULTS);
        assertTrue(c.environmentWarnings().isEmpty());
        assertTrue(c.rows().stream().allMatch(r -> r.warnings().isEmpty()));
    }

    @Test
    void junitXmlIsWellFormedWithOneCasePerRowAndAFailurePerRegression() throws Exception {
        Comparison c = Comparer.compare(base(), cur("JDK 26", "0.3.30"), CompareSettings.DEFAULTS);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(ComparisonJunit.render(c).getBytes(StandardCharsets.UTF_8)));
        var suite = doc.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("7", suite.getAttribute("tests"));
        assertEquals("3", suite.getAttribute("failures"));
        assertEquals("1", suite.getAttribute("skipped"));
        assertEquals(7, doc.getElementsByTagName("testcase").getLength());
        assertEquals(3, doc.getElementsByTagName("failure").getLength());
    }

    @Test
    void markdownHasATableRowPerComparisonAndTheWarnings() {
        Comparison c = Comparer.compare(base(), cur("JDK 26", "0.3.30"), CompareSettings.DEFAULTS);
        String md = ComparisonMarkdown.render(c);
        assertTrue(md.startsWith("### bench compare: regression found"), md);
        assertEquals(7, md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| verdict")).count(), md);
        assertTrue(md.contains("| **SLOWER** | gemm | regressed |"), md);
        assertTrue(md.contains("**Environments differ**") && md.contains("JDK differs"), md);
    }

    @Test
    void rowsOfFilesThatDidNotRecordForksAreUnsureWithAWarning() {
        RunFile a = TestRuns.file(dir, TestRuns.run("a", TestRuns.env(), null, List.of(measured("k", "cpu-scalar", 8, samples(1000, 0.02, 10, 1)))));
        RunFile b = TestRuns.file(dir, TestRuns.run("b", TestRuns.env(), null, List.of(measured("k", "cpu-scalar", 8, samples(1500, 0.02, 10, 2)))));
        Comparison c = Comparer.compare(a, b, CompareSettings.DEFAULTS);
        assertEquals(Verdict.UNSURE, row(c, "k").verdict());
        assertTrue(row(c, "k").reason().contains("forks not recorded"), row(c, "k").reason());
        assertTrue(c.environmentWarnings().stream().anyMatch(w -> w.startsWith("BASE (a") && w.contains("did not record which fork")),
                c.environmentWarnings()::toString);
        assertEquals(0.5, row(c, "k").change(), 0.05);
    }

    @Test
    void aRowWithTooFewForksNeverFailsTheGate() {
        RunFile a = TestRuns.file(dir, TestRuns.run("a", TestRuns.env(), null,
                List.of(forked("k", "cpu-scalar", 8, TestRuns.forkSamples(1000, 0.01, 0.005, 2, 5, 1)))));
        RunFile b = TestRuns.file(dir, TestRuns.run("b", TestRuns.env(), null,
                List.of(forked("k", "cpu-scalar", 8, TestRuns.forkSamples(2000, 0.01, 0.005, 2, 5, 2)))));
        Comparison c = Comparer.compare(a, b, CompareSettings.DEFAULTS);
        assertEquals(Verdict.UNSURE, row(c, "k").verdict());
        assertTrue(row(c, "k").reason().contains("2 and 2 forks; at least 3 per side"), row(c, "k").reason());
        assertFalse(c.failsGate());
    }

    @Test
    void anUndecidedRowSaysHowManyForksWouldDecideIt() {
        // 8% slower with 6% noise between 4 forks: the interval reaches below the 5% margin.
        RunFile a = TestRuns.file(dir, TestRuns.run("a", TestRuns.env(), null,
                List.of(forked("k", "cpu-scalar", 8, TestRuns.forkSamples(1000, 0.06, 0.005, 4, 5, 1)))));
        RunFile b = TestRuns.file(dir, TestRuns.run("b", TestRuns.env(), null,
                List.of(forked("k", "cpu-scalar", 8, TestRuns.forkSamples(1080, 0.06, 0.005, 4, 5, 2)))));
        RowComparison r = row(Comparer.compare(a, b, CompareSettings.DEFAULTS), "k");
        assertEquals(Verdict.UNSURE, r.verdict());
        assertTrue(r.forksNeeded() != null && r.forksNeeded() > 4, r.toString());
        assertTrue(r.reason().contains("needs >= " + r.forksNeeded() + " forks per side"), r.reason());
        assertTrue(r.minDetectable() > 0.05, r.toString());
        assertTrue(r.changeLow() < 0.05 && r.changeHigh() > 0.05, r.toString());
    }

    @Test
    void aSmallRealChangeIsSameWhenTheIntervalLiesWithinTheMargin() {
        RunFile a = TestRuns.file(dir, TestRuns.run("a", TestRuns.env(), null, List.of(forked("k", "cpu-scalar", 8, 1000, 1))));
        RunFile b = TestRuns.file(dir, TestRuns.run("b", TestRuns.env(), null, List.of(forked("k", "cpu-scalar", 8, 1020, 2))));
        RowComparison r = row(Comparer.compare(a, b, CompareSettings.DEFAULTS), "k");
        assertEquals(Verdict.SAME, r.verdict(), r.toString());
        assertEquals(0.02, r.change(), 0.015);
    }

    @Test
    void sixtyRowAaComparisonsRaiseAFalseSlowerAtMostAsOftenAsAlpha() {
        // 100 comparisons of 60 rows each, BASE and CUR drawn from the same distribution with noise between
        // forks: without the correction for 60 rows, a row-wise test would flag some row in most of them.
        int withSlower = 0;
        for (int t = 0; t < 100; t++) {
            List<dev.mlbench.core.results.TrialResult> x = new java.util.ArrayList<>();
            List<dev.mlbench.core.results.TrialResult> y = new java.util.ArrayList<>();
            for (int k = 0; k < 60; k++) {
                x.add(forked("k" + k, "cpu-scalar", 8, TestRuns.forkSamples(1000, 0.03, 0.01, 10, 3, 1000L * t + 2 * k)));
                y.add(forked("k" + k, "cpu-scalar", 8, TestRuns.forkSamples(1000, 0.03, 0.01, 10, 3, 1000L * t + 2 * k + 1)));
            }
            Comparison c = Comparer.compare(TestRuns.file(dir, TestRuns.run("a", TestRuns.env(), null, x)),
                    TestRuns.file(dir, TestRuns.run("b", TestRuns.env(), null, y)), new CompareSettings(0.0, 0.05, 500, 7));
            if (c.rows().stream().anyMatch(r -> r.verdict() == Verdict.SLOWER)) {
                withSlower++;
            }
        }
        // Threshold 0 makes every row test "any change at all", the hardest case for the family-wise rate.
        assertTrue(withSlower <= 10, withSlower + " of 100 A/A comparisons had a SLOWER row");
    }

    @Test
    void theSameFilesAlwaysGiveTheSameVerdictsAndIntervals() {
        Comparison one = Comparer.compare(base(), cur("JDK 25", "0.3.30"), CompareSettings.DEFAULTS);
        Comparison two = Comparer.compare(base(), cur("JDK 25", "0.3.30"), CompareSettings.DEFAULTS);
        assertEquals(one.rows(), two.rows());
    }

    @Test
    void kernelNamesAndReasonsFromTheFilesAreInertInMarkdownAndRoundTripInJunit() throws Exception {
        String html = "<img src=x onerror=alert(1)>";
        String link = "[x](javascript:alert(1))";
        RunFile b = TestRuns.file(dir, TestRuns.run("base`run", TestRuns.env(), null, List.of(
                measured(html, "cpu-vector", 8, samples(100, 0.01, 5, 1)))));
        RunFile k = TestRuns.file(dir, TestRuns.run("cur", TestRuns.env(), null, List.of(
                measured(html, "cpu-vector", 8, samples(100, 0.01, 5, 2)),
                notMeasured(link, "cpu-scalar", 8, Status.FAILED, "boom | <script>alert(1)</script>\nnext"))));
        Comparison c = Comparer.compare(b, k, CompareSettings.DEFAULTS);
        String md = ComparisonMarkdown.render(c);
        assertFalse(md.contains("<img") || md.contains("<script") || md.contains("](javascript"), md);
        assertTrue(md.contains("&lt;img src=x onerror=alert\\(1\\)&gt;") && md.contains("\\[x\\]\\(javascript:alert\\(1\\)\\)"), md);
        assertTrue(md.contains("base\\`run"), "a backtick in a run id opens no code span: " + md);
        assertEquals(2 + 2, md.lines().filter(l -> l.startsWith("|")).count(), "a newline in a reason ends no table row: " + md);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(ComparisonJunit.render(c).getBytes(StandardCharsets.UTF_8)));
        var cases = doc.getElementsByTagName("testcase");
        assertTrue(((org.w3c.dom.Element) cases.item(0)).getAttribute("name").startsWith(html + " (cpu-vector)"));
        assertEquals(0, doc.getElementsByTagName("img").getLength() + doc.getElementsByTagName("script").getLength());
    }
}
