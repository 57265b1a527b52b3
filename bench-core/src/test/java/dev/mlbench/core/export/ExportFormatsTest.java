package dev.mlbench.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlbench.core.results.Metrics;
import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.results.TestRuns;
import dev.mlbench.core.results.TrialResult;
import dev.mlbench.core.spi.Work;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.mlbench.core.results.TestRuns.measured;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each export format as a class of its own, found by the name {@code bench export} takes. */
class ExportFormatsTest {

    @TempDir
    Path dir;

    private RunFile run(String id, TrialResult... rows) {
        return TestRuns.file(dir, TestRuns.run(id, TestRuns.env(), null, List.of(rows)));
    }

    @Test
    void everyNameGivesItsClass() {
        assertInstanceOf(CsvFormat.class, Exporter.format(ExportFormat.csv, Exporter.GabMetric.time));
        assertInstanceOf(GabFormat.class, Exporter.format(ExportFormat.gab, Exporter.GabMetric.throughput));
        assertInstanceOf(BmfFormat.class, Exporter.format(ExportFormat.bmf, Exporter.GabMetric.time));
    }

    @Test
    void csvEndsEveryLineWithCrLfAndLeavesTheFiguresOfAnUnmeasuredRowEmpty() {
        String csv = new CsvFormat().render(List.of(run("r1", TestRuns.notMeasured("scalar", "cpu-scalar", 8, Status.SKIPPED, "unavailable"))));
        String[] lines = csv.split("\r\n", -1);
        assertEquals(3, lines.length, csv);
        assertEquals("", lines[2], "the last line ends with CRLF too");
        assertTrue(lines[1].startsWith("r1,gemm,scalar,cpu-scalar,square,8x8x8,threads=8,k=8 m=8 n=8,skipped,unavailable,,"), lines[1]);
        assertTrue(lines[1].substring(lines[1].indexOf("unavailable")).matches("unavailable,+"), lines[1]);
    }

    @Test
    void csvRowsHaveACellUnderEveryColumnOfTheHeader() {
        String csv = new CsvFormat().render(List.of(run("r1", measured("vector", "cpu-vector", 8, List.of(90.0, 100.0, 110.0)),
                TestRuns.notMeasured("scalar", "cpu-scalar", 8, Status.FAILED, "threw"))));
        List<String> lines = csv.lines().toList();
        int columns = lines.get(0).split(",", -1).length;
        for (String row : lines.subList(1, lines.size())) {
            assertEquals(columns, row.split(",", -1).length, "the header had a flops column that no row filled:\n" + csv);
        }
        int opUnit = List.of(lines.get(0).split(",", -1)).indexOf("op_unit");
        assertEquals("flop", lines.get(1).split(",", -1)[opUnit]);
    }

    @Test
    void gabThroughputNamesTheTrackUnitWhenItIsNotFlops() throws Exception {
        TrialResult flop = measured("vector", "cpu-vector", 8, List.of(90.0, 100.0, 110.0));
        Metrics m = flop.metrics();
        Metrics intOps = m.toBuilder().work(m.ops(), Work.OpUnit.INT_OP, m.bytes(), m.roof()).gflops(null).pctOfPeak(null).build();
        var subject = new TrialResult.Subject("quantization", "int8", "cpu-vector", "square", "8x8x8", flop.params(), flop.workload());
        TrialResult quant = TrialResult.measured(subject, flop.samplesNs(), null, null, flop.stats(), intOps, flop.correctness());
        JsonNode gab = new ObjectMapper().readTree(new GabFormat(Exporter.GabMetric.throughput).render(List.of(run("r1", quant))));
        assertEquals("GOP/s", gab.get(0).get("unit").asText(), "the unit every table shows (Work.OpUnit.displayUnit)");
        assertEquals("run r1, 3 samples, backend cpu-vector", gab.get(0).get("extra").asText(), "no share of the peak without a calibration");
    }

    @Test
    void bmfKeepsTheLaterRunOfARow() throws Exception {
        RunFile first = run("r1", measured("vector", "cpu-vector", 8, List.of(90.0, 100.0, 110.0)));
        RunFile second = run("r2", measured("vector", "cpu-vector", 8, List.of(190.0, 200.0, 210.0)));
        JsonNode bmf = new ObjectMapper().readTree(new BmfFormat().render(List.of(first, second)));
        assertEquals(1, bmf.size());
        assertEquals(200.0, bmf.get("gemm/vector/8x8x8/threads=8").get("latency").get("value").asDouble());
    }
}
