package dev.mlbench.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.results.TestRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.mlbench.core.results.TestRuns.measured;
import static dev.mlbench.core.results.TestRuns.samples;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three export formats on a run with a measured and an invalid row. */
class ExporterTest {

    @TempDir
    Path dir;

    private List<RunFile> runs() {
        return List.of(TestRuns.file(dir, TestRuns.run("r1", TestRuns.env(), null, List.of(
                measured("vector", "cpu-vector", 8, List.of(90.0, 100.0, 110.0)),
                TestRuns.notMeasured("wrong", "cpu-scalar", 8, Status.INVALID, "output disagrees, badly")))));
    }

    @Test
    void csvHasAHeaderAndEveryRowWithItsStatusQuotedWhereNeeded() {
        String csv = export(runs(), ExportFormat.csv, Exporter.GabMetric.time);
        List<String> lines = csv.lines().toList();
        assertEquals(3, lines.size(), csv);
        assertTrue(lines.get(0).startsWith("run_id,track,kernel,backend,group,label,params,workload,status,reason,n,median_ns"), lines.get(0));
        assertTrue(lines.get(1).startsWith("r1,gemm,vector,cpu-vector,square,8x8x8,threads=8,k=8 m=8 n=8,measured,,3,100.0,"), lines.get(1));
        assertTrue(lines.get(2).contains(",invalid,\"output disagrees, badly\","), lines.get(2));
    }

    @Test
    void csvCellsThatASpreadsheetWouldTakeForAFormulaStartWithAnApostrophe() {
        for (String formula : List.of("=HYPERLINK(1)", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx")) {
            assertEquals("'" + formula.replace("\r", ""), CsvFormat.cell(formula).replace("\r", "").replace("\"", ""), formula);
        }
        assertEquals("-1.5", CsvFormat.cell(-1.5), "numbers are written as they are");
        assertEquals("a=b", CsvFormat.cell("a=b"));
        String csv = export(List.of(TestRuns.file(dir, TestRuns.run("r2", TestRuns.env(), null, List.of(
                measured("=HYPERLINK(\"http://x\",\"y\")", "cpu-vector", 8, List.of(90.0, 100.0, 110.0)))))), ExportFormat.csv,
                Exporter.GabMetric.time);
        assertTrue(csv.lines().toList().get(1).startsWith("r2,gemm,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",cpu-vector,"), csv);
    }

    @Test
    void githubActionBenchmarkGetsNameUnitValueForValidRowsOnly() throws Exception {
        JsonNode time = new ObjectMapper().readTree(export(runs(), ExportFormat.gab, Exporter.GabMetric.time));
        assertEquals(1, time.size());
        assertEquals("gemm/vector/8x8x8/threads=8", time.get(0).get("name").asText());
        assertEquals("ns/op", time.get(0).get("unit").asText());
        assertEquals(100.0, time.get(0).get("value").asDouble());
        JsonNode gflops = new ObjectMapper().readTree(export(runs(), ExportFormat.gab, Exporter.GabMetric.throughput));
        assertEquals("GFLOP/s", gflops.get(0).get("unit").asText());
        assertEquals(2.0 * 512 / 100, gflops.get(0).get("value").asDouble(), 1e-9);
    }

    @Test
    void bencherMetricFormatHasLatencyAndThroughputPerBenchmark() throws Exception {
        JsonNode bmf = new ObjectMapper().readTree(export(runs(), ExportFormat.bmf, Exporter.GabMetric.time));
        JsonNode b = bmf.get("gemm/vector/8x8x8/threads=8");
        assertEquals(1, bmf.size());
        assertEquals(100.0, b.get("latency").get("value").asDouble());
        assertEquals(90.0, b.get("latency").get("lower_value").asDouble());
        assertEquals(110.0, b.get("latency").get("upper_value").asDouble());
        assertEquals(1e7, b.get("throughput").get("value").asDouble(), 1e-3);
    }

    private static String export(List<RunFile> runs, ExportFormat format, Exporter.GabMetric metric) {
        return Exporter.format(format, metric).render(runs);
    }
}
