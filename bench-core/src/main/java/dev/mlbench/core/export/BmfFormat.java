package dev.mlbench.core.export;

import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.TrialResult;
import dev.mlbench.core.results.format.ResultFormat;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bencher Metric Format: per benchmark, the measures {@code latency} (median ns, with the fastest and slowest sample
 * as its bounds) and {@code throughput} (operations/s), for every measured row that passed its check.
 */
public final class BmfFormat implements ResultFormat {

    @Override
    public void write(List<RunFile> runs, PrintWriter out) {
        Map<String, Object> benchmarks = new LinkedHashMap<>();
        for (RunFile run : runs) {
            // several runs of the same row: the later one wins, as Bencher keeps one value per benchmark and measure
            Exporter.exportable(run).forEach(r -> benchmarks.put(Exporter.name(r), measures(r)));
        }
        out.print(Exporter.json(benchmarks));
    }

    /** The row's measures, each with its keys in alphabetical order. */
    private static Map<String, Object> measures(TrialResult r) {
        double median = r.stats().medianNs();
        double fastest = Collections.min(r.samplesNs());
        double slowest = Collections.max(r.samplesNs());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("latency", new TreeMap<>(Map.of("value", median, "lower_value", fastest, "upper_value", slowest)));
        m.put("throughput", new TreeMap<>(Map.of("value", 1e9 / median, "lower_value", 1e9 / slowest, "upper_value", 1e9 / fastest)));
        return m;
    }
}
