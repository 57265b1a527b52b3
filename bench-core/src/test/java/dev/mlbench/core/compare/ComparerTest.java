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
                measured("steady", "cpu-scalar", 64, samples(1000, 0.02, 10, 1)),
                measured("regressed", "cpu-scalar", 64, samples(1000, 0.02, 10, 2)),
                measured("improved", "cpu-scalar", 64, samples(1000, 0.02, 10, 3)),
                measured("broken", "cpu-scalar", 64, samples(1000, 0.02, 10, 4)),
                measured("crashing", "cpu-scalar", 64, samples(1000, 0.02, 10, 5)),
                measured("gone", "openblas", 64, samples(1000, 0.02, 10, 6)))));
    }

    private RunFile cur(String jdk, String openblas) {
        return TestRuns.file(dir, TestRuns.run("cur", TestRuns.env("Test CPU @ 3GHz", jdk, openblas), null, List.of(
                measured("steady", "cpu-scalar", 64, samples(1000, 0.02, 10, 11)),
                measured("regressed", "cpu-scalar", 64, samples(1150, 0.02, 10, 12)),
                measured("improved", "cpu-scalar", 64, samples(800, 0.02, 10, 13)),
                notMeasured("broken", "cpu-scalar", 64, Status.INVALID, "output disagrees with the reference: element 0"),
                notMeasured("crashing", "cpu-scalar", 64, Status.FAILED, "IllegalStateException: boom"),
                measured("added", "cpu-scalar", 64, samples(1000, 0.02, 10, 14)))));
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
        RunFile a = TestRuns.file(dir, TestRuns.run("a", TestRuns.env(), null, List.of(measured("k", "cpu-scalar", 8, samples(1000, 0.02, 10, 1)),
                measured("old", "cpu-scalar", 8, samples(1000, 0.02, 10, 2)))));
        RunFile b = TestRuns.file(dir, TestRuns.run("b", TestRuns.env(), null, List.of(measured("k", "cpu-scalar", 8, samples(700, 0.02, 10, 3)),
                measured("new", "cpu-scalar", 8, samples(1000, 0.02, 10, 4)))));
        Comparison c = Comparer.compare(a, b, CompareSettings.DEFAULTS);
        assertEquals("1 FASTER, 1 MISSING, 1 NEW", c.summary());
        assertFalse(c.failsGate());
    }

    @Test
    void rowsMatchOnParametersSoAnotherThreadCountIsNotTheSameRow() {
        var eight = measured("k", "cpu-scalar", 8, samples(1000, 0.02, 10, 1));
        var four = new dev.mlbench.core.results.TrialResult(eight.track(), eight.kernel(), eight.backend(), eight.group(), eight.label(),
                java.util.Map.of("threads", 4), eight.workload(), eight.status(), null, eight.samplesNs(), eight.stats(), eight.metrics(),
                eight.correctness(), null);
        Comparison c = Comparer.compare(TestRuns.file(dir, TestRuns.run("a", TestRuns.env(), null, List.of(eight))),
                TestRuns.file(dir, TestRuns.run("b", TestRuns.env(), null, List.of(four))), CompareSettings.DEFAULTS);
        assertEquals("1 MISSING, 1 NEW", c.summary());
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
