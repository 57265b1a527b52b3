package dev.mlbench.core.report;

import dev.mlbench.core.calibrate.Calibration;
import dev.mlbench.core.compare.RowKey;
import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.results.TrialResult;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Work;
import dev.mlbench.core.util.Formats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's section for one environment (fingerprint and thread count): its roofline, then per track the
 * throughput of every kernel configuration across workloads. Only measured rows that passed their check are drawn.
 */
final class EnvironmentSection {

    private EnvironmentSection() {
    }

    /** The section for {@code runs}, all of environment {@code id}; {@code colors} gives each kernel its colour. */
    static String render(String id, List<RunFile> runs, Map<String, String> colors) {
        List<Point> points = new ArrayList<>();
        runs.forEach(r -> r.record().results().stream().filter(EnvironmentSection::valid).forEach(t -> points.add(new Point(r.runId(), t))));
        Map<String, List<Point>> byTrack = new TreeMap<>();
        points.forEach(p -> byTrack.computeIfAbsent(p.row.track(), k -> new ArrayList<>()).add(p));
        StringBuilder sb = new StringBuilder();
        sb.append("<section class=\"environment\" data-environment=\"").append(Html.esc(id)).append("\"><h2>Environment ").append(Html.esc(id))
                .append("</h2>\n<p>").append(Html.esc(description(runs))).append("</p>\n");
        sb.append(roofline(points, calibration(runs), colors));
        byTrack.forEach((track, pts) -> sb.append(throughput(track, pts, colors)));
        return sb.append("</section>\n").toString();
    }

    private static String description(List<RunFile> runs) {
        var env = runs.get(0).record().environment();
        return env == null ? "unknown environment"
                : env.cpuModel() + ", " + env.cores() + " cores, " + env.jdk() + ", vector " + env.vectorBitSize() + " bits, " + env.os();
    }

    /** The calibration of the last run that has one: the roof is drawn from it. */
    private static Calibration calibration(List<RunFile> runs) {
        Calibration cal = null;
        for (RunFile r : runs) {
            if (r.record().calibration() != null) {
                cal = r.record().calibration();
            }
        }
        return cal;
    }

    private static String roofline(List<Point> points, Calibration cal, Map<String, String> colors) {
        StringBuilder sb = new StringBuilder("<h3>Roofline</h3>\n");
        // the roof is FP32 FLOPs over memory bandwidth: only FLOP rows bounded by memory traffic belong under it
        List<Point> plotted = points.stream().filter(p -> p.row.metrics().gflops() != null && p.row.metrics().gflops() > 0
                && p.row.metrics().bytes() > 0 && p.row.metrics().roof() == Work.Roof.MEMORY).toList();
        if (cal == null) {
            sb.append("<p class=\"note\">No calibration in these runs (run without --no-calibration, or 'bench calibrate'): the roof is not drawn.</p>\n");
            if (plotted.isEmpty()) {
                return sb.append("<p class=\"note\">No measured row with FLOPs and bytes to place.</p>\n").toString();
            }
        }
        Double peak = cal == null ? null : cal.peakGflops();
        double bw = cal == null ? 0 : cal.memBandwidthGbps();
        SvgChart chart = rooflineAxes(plotted, peak, bw);
        if (bw > 0) {
            roof(chart, cal, peak, bw);
        }
        Map<String, String> legend = new LinkedHashMap<>();
        for (Point p : plotted) {
            var m = p.row.metrics();
            chart.point("point", p.row.kernel(), colors.get(p.row.kernel()), m.ops() / m.bytes(), m.gflops(), tip(p));
            legend.put(p.row.kernel(), colors.get(p.row.kernel()));
        }
        return sb.append(Html.legend(legend)).append(chart.render("arithmetic intensity (FLOP/byte, work model)", "GFLOP/s")).toString();
    }

    /** Axes that hold every plotted point and, when calibrated, the ridge and the peak. */
    private static SvgChart rooflineAxes(List<Point> plotted, Double peak, double bw) {
        double xLo = Double.MAX_VALUE;
        double xHi = 0;
        double yLo = Double.MAX_VALUE;
        double yHi = 0;
        for (Point p : plotted) {
            double ai = p.row.metrics().ops() / p.row.metrics().bytes();
            xLo = Math.min(xLo, ai);
            xHi = Math.max(xHi, ai);
            yLo = Math.min(yLo, p.row.metrics().gflops());
            yHi = Math.max(yHi, p.row.metrics().gflops());
        }
        if (peak != null && bw > 0) {
            double ridge = peak / bw;
            xLo = Math.min(xLo, ridge / 4);
            xHi = Math.max(xHi, ridge * 4);
            yHi = Math.max(yHi, peak);
            yLo = Math.min(yLo, peak / 1000);
        } else if (bw > 0 && plotted.isEmpty()) {
            xLo = 0.01;
            xHi = 100;
            yLo = bw * xLo;
            yHi = bw * xHi;
        }
        return SvgChart.logLog("roofline", "Roofline", xLo, xHi, yLo, yHi);
    }

    /** The memory slope, flattened at the peak when there is one, with its labels. */
    private static void roof(SvgChart chart, Calibration cal, Double peak, double bw) {
        double x0 = chart.xMin();
        double x1 = chart.xMax();
        String tip = String.format(Locale.ROOT, "roof: %.1f GB/s memory bandwidth%s (calibrated %s, %d threads)", bw,
                peak == null ? "" : String.format(Locale.ROOT, ", %.1f GFLOP/s FP32 peak", peak), cal.measuredAt(), cal.threads());
        if (peak != null) {
            double ridge = peak / bw;
            chart.line("roof", null, "#333", new double[] {x0, ridge, x1}, new double[] {bw * x0, peak, peak}, tip);
            chart.label(x1 / 1.3, peak, String.format(Locale.ROOT, "peak %.0f GFLOP/s", peak), "roof-label end");
        } else {
            chart.line("roof", null, "#333", new double[] {x0, x1}, new double[] {bw * x0, bw * x1}, tip);
        }
        chart.label(x0 * 1.5, bw * x0 * 1.5, String.format(Locale.ROOT, "%.0f GB/s", bw), "roof-label");
    }

    private static String throughput(String track, List<Point> points, Map<String, String> colors) {
        // a track whose rows count operations is charted in them; one whose rows only move bytes, in GB/s
        boolean ops = points.stream().anyMatch(p -> p.row.metrics().gops() > 0);
        String unit = ops ? points.get(0).row.metrics().displayUnit() : "GB/s";
        List<String> workloads = new ArrayList<>(new LinkedHashSet<>(points.stream().map(p -> p.row.label()).toList()));
        Map<String, List<Point>> series = new LinkedHashMap<>();
        points.forEach(p -> series.computeIfAbsent(seriesName(p.row), k -> new ArrayList<>()).add(p));
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (Point p : points) {
            double v = value(p.row, ops);
            if (v > 0) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        SvgChart chart = SvgChart.categoricalLog("throughput", track + " throughput", workloads, lo, hi);
        Map<String, String> legend = new LinkedHashMap<>();
        series.forEach((name, pts) -> {
            String color = colors.get(pts.get(0).row.kernel());
            drawSeries(chart, name, color, pts, workloads, ops);
            legend.put(name, color);
        });
        return "<h3>Track " + Html.esc(track) + ": throughput by workload</h3>\n" + Html.legend(legend)
                + chart.render("workload", unit + " at the median time (work model)");
    }

    /** Every run of the series as a point; a line through the workloads when it has more than one. */
    private static void drawSeries(SvgChart chart, String name, String color, List<Point> points, List<String> workloads, boolean ops) {
        // medians of several runs of the same workload are averaged for the line
        Map<Integer, List<Double>> at = new TreeMap<>();
        for (Point p : points) {
            double v = value(p.row, ops);
            if (v > 0) {
                int xi = workloads.indexOf(p.row.label());
                at.computeIfAbsent(xi, k -> new ArrayList<>()).add(v);
                chart.point("point", name, color, xi, v, tip(p));
            }
        }
        if (at.size() > 1) {
            chart.line("series", name, color, at.keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
                    at.values().stream().mapToDouble(l -> l.stream().mapToDouble(Double::doubleValue).average().orElse(0)).toArray(), name);
        }
    }

    /** The kernel and the parameters that tell its configurations apart (threads are the environment's). */
    private static String seriesName(TrialResult r) {
        String params = RowKey.of(r).params().entrySet().stream().filter(e -> !e.getKey().equals(KernelConfig.THREADS))
                .map(e -> e.getKey() + "=" + e.getValue()).reduce((a, b) -> a + " " + b).orElse("");
        return params.isEmpty() ? r.kernel() : r.kernel() + " [" + params + "]";
    }

    private static double value(TrialResult r, boolean ops) {
        return ops ? r.metrics().gops() : r.metrics().gbps();
    }

    private static String tip(Point p) {
        TrialResult r = p.row;
        var m = r.metrics();
        return String.format(Locale.ROOT, "%s %s (%s) %s [%s]\nmedian %s, %.3g %s, %.3g GB/s%s%s\nintensity %.3g %s/byte, n=%d, cv %s\nrun %s",
                r.track(), r.kernel(), r.backend(), r.label(), RowKey.of(r).paramsText(), Formats.duration(r.stats().medianNs()), m.gops(),
                m.displayUnit(), m.gbps(),
                m.pctOfPeak() == null ? "" : String.format(Locale.ROOT, ", %.1f%% of peak", m.pctOfPeak()),
                m.pctOfBandwidth() == null ? "" : String.format(Locale.ROOT, ", %.1f%% of bandwidth", m.pctOfBandwidth()),
                m.bytes() > 0 ? m.ops() / m.bytes() : 0.0, m.opUnit().key().toUpperCase(Locale.ROOT), r.stats().n(),
                r.stats().cv() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * r.stats().cv()), p.runId);
    }

    private static boolean valid(TrialResult r) {
        return r.status() == Status.MEASURED && r.stats() != null && r.metrics() != null && r.correctness() != null && r.correctness().passed();
    }

    private record Point(String runId, TrialResult row) {
    }
}
