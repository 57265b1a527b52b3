package dev.mlbench.core.export;

import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.TrialResult;
import dev.mlbench.core.results.format.ResultFormat;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * github-action-benchmark's custom JSON: an array of {@code name}, {@code unit}, {@code value}, {@code range} and
 * {@code extra}, one entry per measured row that passed its check. Time goes to its {@code customSmallerIsBetter}
 * tool, throughput to {@code customBiggerIsBetter}.
 */
public final class GabFormat implements ResultFormat {

    private final Exporter.GabMetric metric;

    /** The format carrying {@code metric}. */
    public GabFormat(Exporter.GabMetric metric) {
        this.metric = metric;
    }

    @Override
    public void write(List<RunFile> runs, PrintWriter out) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (RunFile run : runs) {
            Exporter.exportable(run).forEach(r -> entries.add(entry(run.runId(), r)));
        }
        out.print(Exporter.json(entries));
    }

    private Map<String, Object> entry(String runId, TrialResult r) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", Exporter.name(r));
        if (metric == Exporter.GabMetric.time) {
            e.put("unit", "ns/op");
            e.put("value", r.stats().medianNs());
            if (r.stats().stddevNs() != null) {
                e.put("range", String.format(Locale.ROOT, "± %.4g", r.stats().stddevNs()));
            }
        } else {
            e.put("unit", r.metrics().displayUnit());
            e.put("value", r.metrics().gops());
        }
        e.put("extra", "run " + runId + ", " + r.stats().n() + " samples, backend " + r.backend()
                + (r.metrics().pctOfPeak() == null ? "" : String.format(Locale.ROOT, ", %.1f%% of peak", r.metrics().pctOfPeak())));
        return e;
    }
}
