package dev.mlbench.core.report;

import dev.mlbench.core.calibrate.Calibration;
import dev.mlbench.core.compare.Comparison;
import dev.mlbench.core.compare.RowComparison;
import dev.mlbench.core.compare.RowKey;
import dev.mlbench.core.results.EnvironmentSummary;
import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.results.TrialResult;
import dev.mlbench.core.spi.Work;
import dev.mlbench.core.util.Formats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code bench report}: one self-contained HTML file. Charts are inline SVG computed here; the only script is a
 * small inline one for hover details and legend toggling. A Content-Security-Policy forbids every network
 * request, so the page shows the same offline as online.
 *
 * <ul>
 *   <li>a roofline per environment (fingerprint and thread count): the calibrated FP32 peak and memory bandwidth
 *       of the run as the roof, every valid measured row as a point at its arithmetic intensity (flops / bytes of
 *       the work model);</li>
 *   <li>per track and environment, throughput across workloads for every kernel configuration;</li>
 *   <li>compare verdicts when a comparison is given;</li>
 *   <li>every row of every run in a table.</li>
 * </ul>
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    /** The HTML page for {@code runs}, with {@code comparison}'s verdicts when present. */
    public static String render(List<RunFile> runs, Optional<Comparison> comparison) {
        Map<String, String> colors = new LinkedHashMap<>();
        runs.forEach(r -> r.record().results().forEach(t -> colors.computeIfAbsent(t.kernel(),
                k -> SvgChart.PALETTE.get(colors.size() % SvgChart.PALETTE.size()))));
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
                        + "script-src 'unsafe-inline'; img-src data:\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>bench report</title>\n<style>\n")
                .append(CSS).append("</style>\n</head>\n<body>\n<h1>bench report</h1>\n");
        runsTable(sb, runs);
        comparison.ifPresent(c -> compareSection(sb, c));
        for (var env : environments(runs).entrySet()) {
            environmentSection(sb, env.getKey(), env.getValue(), colors);
        }
        rowsSection(sb, runs);
        sb.append("<div id=\"tip\" role=\"tooltip\"></div>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return sb.toString();
    }

    /** Runs grouped by environment fingerprint and thread count, in the order first seen. */
    private static Map<String, List<RunFile>> environments(List<RunFile> runs) {
        Map<String, List<RunFile>> out = new LinkedHashMap<>();
        for (RunFile r : runs) {
            String threads = r.record().settings() == null ? "?" : Integer.toString(r.record().settings().threads());
            out.computeIfAbsent(EnvironmentSummary.of(r.record().environment()).fingerprint() + " / " + threads + " threads",
                    k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    private static void runsTable(StringBuilder sb, List<RunFile> runs) {
        sb.append("<section id=\"runs\"><h2>Runs</h2>\n<table class=\"runs\"><thead><tr><th>run</th><th>started</th><th>state</th>"
                + "<th>CPU</th><th>cores</th><th>threads</th><th>JDK</th><th>vector bits</th><th>profile</th><th>harness</th><th>file</th></tr></thead><tbody>\n");
        for (RunFile r : runs) {
            var rec = r.record();
            var env = rec.environment();
            sb.append("<tr><td>").append(Html.esc(rec.runId())).append("</td><td>").append(Html.esc(rec.startedAt())).append("</td><td>")
                    .append(Html.esc(rec.state())).append("</td><td>").append(Html.esc(env == null ? "" : env.cpuModel())).append("</td><td>")
                    .append(env == null ? "" : env.cores()).append("</td><td>").append(rec.settings() == null ? "" : rec.settings().threads())
                    .append("</td><td>").append(Html.esc(env == null ? "" : env.jdk())).append("</td><td>")
                    .append(Html.esc(env == null ? null : env.vectorBitSize())).append("</td><td>")
                    .append(Html.esc(rec.settings() == null ? "" : rec.settings().profile())).append("</td><td>")
                    .append(Html.esc(rec.harness() == null ? "" : rec.harness().version() + " " + rec.harness().gitCommit())).append("</td><td>")
                    .append(Html.esc(r.path().getFileName())).append("</td></tr>\n");
        }
        sb.append("</tbody></table></section>\n");
    }

    private static void compareSection(StringBuilder sb, Comparison c) {
        sb.append("<section id=\"compare\"><h2>Compare</h2>\n<p class=\"summary ").append(c.failsGate() ? "fail" : "pass").append("\">BASE ")
                .append(Html.esc(c.baseRunId())).append(" → CUR ").append(Html.esc(c.curRunId())).append(": ").append(Html.esc(c.summary()))
                .append(c.failsGate() ? " — regression found" : " — no regression")
                .append(String.format(Locale.ROOT, " (threshold ±%s, family-wise alpha %s, bootstrap over forks, Holm-corrected)",
                        Formats.change(c.settings().threshold()).substring(1), c.settings().alpha()))
                .append("</p>\n");
        if (!c.environmentWarnings().isEmpty()) {
            sb.append("<ul class=\"warnings\">");
            c.environmentWarnings().forEach(w -> sb.append("<li>").append(Html.esc(w)).append("</li>"));
            sb.append("</ul>\n");
        }
        sb.append("<table class=\"verdicts\"><thead><tr><th>verdict</th><th>track</th><th>kernel</th><th>backend</th><th>workload</th>"
                + "<th>params</th><th>BASE median</th><th>CUR median</th><th>change</th><th>95% CI</th><th>forks</th><th>p</th><th>why</th></tr></thead><tbody>\n");
        for (RowComparison r : c.rows()) {
            sb.append("<tr class=\"verdict-").append(r.verdict()).append("\"><td class=\"verdict\">").append(r.verdict()).append("</td><td>")
                    .append(Html.esc(r.key().track())).append("</td><td>").append(Html.esc(r.key().kernel())).append("</td><td>")
                    .append(Html.esc(r.key().backend())).append("</td><td>").append(Html.esc(r.label())).append("</td><td>")
                    .append(Html.esc(r.key().paramsText())).append("</td><td class=\"num\">").append(Formats.duration(r.baseMedianNs()))
                    .append("</td><td class=\"num\">").append(Formats.duration(r.curMedianNs())).append("</td><td class=\"num\">")
                    .append(Formats.change(r.change())).append("</td><td class=\"num\">")
                    .append(Formats.interval(r.changeLow(), r.changeHigh())).append("</td><td class=\"num\">")
                    .append(Formats.forks(r.baseForks(), r.curForks())).append("</td><td class=\"num\">")
                    .append(Formats.pValue(r.pValue())).append("</td><td>")
                    .append(Html.esc(r.reason())).append(r.warnings().size() > c.environmentWarnings().size() ? " ⚠ backend versions differ" : "")
                    .append("</td></tr>\n");
        }
        sb.append("</tbody></table></section>\n");
    }

    private static void environmentSection(StringBuilder sb, String id, List<RunFile> runs, Map<String, String> colors) {
        var env = runs.get(0).record().environment();
        Calibration cal = null;
        for (RunFile r : runs) {
            if (r.record().calibration() != null) {
                cal = r.record().calibration();
            }
        }
        sb.append("<section class=\"environment\" data-environment=\"").append(Html.esc(id)).append("\"><h2>Environment ").append(Html.esc(id))
                .append("</h2>\n<p>").append(Html.esc(env == null ? "unknown environment" : env.cpuModel() + ", " + env.cores() + " cores, "
                        + env.jdk() + ", vector " + env.vectorBitSize() + " bits, " + env.os())).append("</p>\n");
        List<Point> points = new ArrayList<>();
        for (RunFile r : runs) {
            for (TrialResult t : r.record().results()) {
                if (valid(t)) {
                    points.add(new Point(r.runId(), t));
                }
            }
        }
        roofline(sb, points, cal, colors);
        Map<String, List<Point>> byTrack = new TreeMap<>();
        points.forEach(p -> byTrack.computeIfAbsent(p.row.track(), k -> new ArrayList<>()).add(p));
        byTrack.forEach((track, pts) -> throughput(sb, track, pts, colors));
        sb.append("</section>\n");
    }

    private static void roofline(StringBuilder sb, List<Point> points, Calibration cal, Map<String, String> colors) {
        sb.append("<h3>Roofline</h3>\n");
        // the roof is FP32 FLOPs over memory bandwidth: only FLOP rows bounded by memory traffic belong under it
        List<Point> plotted = points.stream().filter(p -> p.row.metrics().gflops() != null && p.row.metrics().gflops() > 0
                && p.row.metrics().bytes() > 0 && Work.Roof.MEMORY.key().equals(p.row.metrics().roof())).toList();
        if (cal == null) {
            sb.append("<p class=\"note\">No calibration in these runs (run without --no-calibration, or 'bench calibrate'): the roof is not drawn.</p>\n");
        }
        if (plotted.isEmpty() && cal == null) {
            sb.append("<p class=\"note\">No measured row with FLOPs and bytes to place.</p>\n");
            return;
        }
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
        Double peak = cal == null ? null : cal.peakGflops();
        double bw = cal == null ? 0 : cal.memBandwidthGbps();
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
        SvgChart chart = SvgChart.logLog("roofline", "Roofline", xLo, xHi, yLo, yHi);
        if (bw > 0) {
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
        for (Point p : plotted) {
            var m = p.row.metrics();
            chart.point("point", p.row.kernel(), colors.get(p.row.kernel()), m.ops() / m.bytes(), m.gflops(), tip(p));
        }
        sb.append(legend(plotted, colors)).append(chart.render("arithmetic intensity (FLOP/byte, work model)", "GFLOP/s"));
    }

    private static void throughput(StringBuilder sb, String track, List<Point> points, Map<String, String> colors) {
        boolean flops = points.stream().anyMatch(p -> p.row.metrics().gops() > 0);
        String unit = flops ? Formats.throughputUnit(points.get(0).row.metrics().opUnit()) : "GB/s";
        List<String> workloads = new ArrayList<>(new LinkedHashSet<>(points.stream().map(p -> p.row.label()).toList()));
        Map<String, List<Point>> series = new LinkedHashMap<>();
        points.forEach(p -> series.computeIfAbsent(seriesName(p.row), k -> new ArrayList<>()).add(p));
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (Point p : points) {
            double v = value(p.row, flops);
            if (v > 0) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        sb.append("<h3>Track ").append(Html.esc(track)).append(": throughput by workload</h3>\n");
        SvgChart chart = SvgChart.categoricalLog("throughput", track + " throughput", workloads, lo, hi);
        for (var s : series.entrySet()) {
            String color = colors.get(s.getValue().get(0).row.kernel());
            // medians of several runs of the same workload are averaged for the line; every run is a point
            Map<Integer, List<Double>> at = new TreeMap<>();
            for (Point p : s.getValue()) {
                double v = value(p.row, flops);
                if (v > 0) {
                    int xi = workloads.indexOf(p.row.label());
                    at.computeIfAbsent(xi, k -> new ArrayList<>()).add(v);
                    chart.point("point", s.getKey(), color, xi, v, tip(p));
                }
            }
            if (at.size() > 1) {
                chart.line("series", s.getKey(), color, at.keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
                        at.values().stream().mapToDouble(l -> l.stream().mapToDouble(Double::doubleValue).average().orElse(0)).toArray(), s.getKey());
            }
        }
        Set<String> names = series.keySet();
        StringBuilder legend = new StringBuilder("<div class=\"legend\">");
        for (String n : names) {
            legend.append("<span class=\"legend-item\" data-series=\"").append(Html.esc(n)).append("\"><i style=\"background:")
                    .append(colors.get(series.get(n).get(0).row.kernel())).append("\"></i>").append(Html.esc(n)).append("</span>");
        }
        sb.append(legend.append("</div>\n")).append(chart.render("workload", unit + " at the median time (work model)"));
    }

    private static String legend(List<Point> points, Map<String, String> colors) {
        StringBuilder sb = new StringBuilder("<div class=\"legend\">");
        points.stream().map(p -> p.row.kernel()).distinct().forEach(k -> sb.append("<span class=\"legend-item\" data-series=\"")
                .append(Html.esc(k)).append("\"><i style=\"background:").append(colors.get(k)).append("\"></i>").append(Html.esc(k)).append("</span>"));
        return sb.append("</div>\n").toString();
    }

    private static String seriesName(TrialResult r) {
        String params = RowKey.of(r).params().entrySet().stream().filter(e -> !e.getKey().equals("threads"))
                .map(e -> e.getKey() + "=" + e.getValue()).reduce((a, b) -> a + " " + b).orElse("");
        return params.isEmpty() ? r.kernel() : r.kernel() + " [" + params + "]";
    }

    private static double value(TrialResult r, boolean flops) {
        return flops ? r.metrics().gops() : r.metrics().gbps();
    }

    private static String tip(Point p) {
        TrialResult r = p.row;
        var m = r.metrics();
        return String.format(Locale.ROOT, "%s %s (%s) %s [%s]\nmedian %s, %.3g %s, %.3g GB/s%s%s\nintensity %.3g %s/byte, n=%d, cv %s\nrun %s",
                r.track(), r.kernel(), r.backend(), r.label(), RowKey.of(r).paramsText(), Formats.duration(r.stats().medianNs()), m.gops(),
                Formats.throughputUnit(m.opUnit()), m.gbps(),
                m.pctOfPeak() == null ? "" : String.format(Locale.ROOT, ", %.1f%% of peak", m.pctOfPeak()),
                m.pctOfBandwidth() == null ? "" : String.format(Locale.ROOT, ", %.1f%% of bandwidth", m.pctOfBandwidth()),
                m.bytes() > 0 ? m.ops() / m.bytes() : 0.0, m.opUnit() == null ? "op" : m.opUnit().toUpperCase(Locale.ROOT), r.stats().n(),
                r.stats().cv() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * r.stats().cv()), p.runId);
    }

    private static void rowsSection(StringBuilder sb, List<RunFile> runs) {
        sb.append("<section id=\"rows\"><h2>All rows</h2>\n<details><summary>every row of every run</summary>\n<table class=\"rows\"><thead><tr>"
                + "<th>run</th><th>track</th><th>kernel</th><th>backend</th><th>workload</th><th>params</th><th>status</th><th>median</th>"
                + "<th>G op/s</th><th>GB/s</th><th>% peak</th><th>cv</th><th>correctness / reason</th></tr></thead><tbody>\n");
        for (RunFile run : runs) {
            for (TrialResult r : run.record().results()) {
                boolean measured = r.status() == Status.MEASURED && r.stats() != null && r.metrics() != null;
                sb.append("<tr class=\"status-").append(r.status().key()).append("\"><td>").append(Html.esc(run.runId())).append("</td><td>")
                        .append(Html.esc(r.track())).append("</td><td>").append(Html.esc(r.kernel())).append("</td><td>").append(Html.esc(r.backend()))
                        .append("</td><td>").append(Html.esc(r.label())).append("</td><td>").append(Html.esc(RowKey.of(r).paramsText()))
                        .append("</td><td>").append(r.status().key()).append("</td><td class=\"num\">")
                        .append(measured ? Formats.duration(r.stats().medianNs()) : "-").append("</td><td class=\"num\">")
                        .append(measured ? String.format(Locale.ROOT, "%.3g %s", r.metrics().gops(), r.metrics().opUnit()) : "-").append("</td><td class=\"num\">")
                        .append(measured ? String.format(Locale.ROOT, "%.3g", r.metrics().gbps()) : "-").append("</td><td class=\"num\">")
                        .append(measured && r.metrics().pctOfPeak() != null ? String.format(Locale.ROOT, "%.1f", r.metrics().pctOfPeak()) : "-")
                        .append("</td><td class=\"num\">")
                        .append(measured && r.stats().cv() != null ? String.format(Locale.ROOT, "%.1f%%", 100 * r.stats().cv()) : "-")
                        .append("</td><td>").append(Html.esc(measured
                                ? "passed, max rel err " + (r.correctness() == null || r.correctness().maxRelErr() == null ? "-"
                                        : String.format(Locale.ROOT, "%.1e", r.correctness().maxRelErr()))
                                : r.reason())).append("</td></tr>\n");
            }
        }
        sb.append("</tbody></table></details></section>\n");
    }

    private static boolean valid(TrialResult r) {
        return r.status() == Status.MEASURED && r.stats() != null && r.metrics() != null && r.correctness() != null && r.correctness().passed();
    }

    private record Point(String runId, TrialResult row) {
    }

    private static final String CSS = """
            body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fff}
            table{border-collapse:collapse;margin:8px 0 16px}th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
            th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}
            .verdict-SLOWER td.verdict,.verdict-INVALID td.verdict{background:#f8d0d0;font-weight:bold}
            .verdict-FASTER td.verdict{background:#d4f0d4}.verdict-UNSURE td.verdict{background:#fbf0c8}
            .verdict-MISSING td.verdict,.verdict-NEW td.verdict{background:#e4e8f4}
            .summary.fail{color:#a00;font-weight:bold}.summary.pass{color:#070}.warnings{color:#8a5a00}.note{color:#666}
            svg.chart{display:block;max-width:100%;height:auto;font-size:11px}svg .tick{fill:#555}svg .axis-label{fill:#222;font-size:12px}
            svg .roof-label{fill:#333}svg .roof-label.end{text-anchor:end}svg circle.point{stroke:#fff;stroke-width:1;cursor:pointer}
            svg circle.point:hover{stroke:#000;stroke-width:2}.hidden{display:none}
            .legend{margin:4px 0}.legend-item{display:inline-block;margin-right:14px;cursor:pointer;user-select:none}
            .legend-item i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:5px}.legend-item.off{opacity:.35}
            #tip{position:absolute;display:none;white-space:pre;background:#222;color:#fff;padding:6px 8px;border-radius:4px;font-size:12px;pointer-events:none;z-index:10}
            """;

    private static final String SCRIPT = """
            (function () {
              'use strict';
              var tip = document.getElementById('tip');
              document.querySelectorAll('[data-tip]').forEach(function (el) {
                el.addEventListener('mouseenter', function () { tip.textContent = el.getAttribute('data-tip'); tip.style.display = 'block'; });
                el.addEventListener('mousemove', function (e) { tip.style.left = (e.pageX + 14) + 'px'; tip.style.top = (e.pageY + 14) + 'px'; });
                el.addEventListener('mouseleave', function () { tip.style.display = 'none'; });
              });
              document.querySelectorAll('.legend-item').forEach(function (item) {
                item.addEventListener('click', function () {
                  var off = item.classList.toggle('off');
                  var svg = item.parentElement.nextElementSibling;
                  var name = item.getAttribute('data-series');
                  svg.querySelectorAll('[data-series]').forEach(function (el) {
                    if (el.getAttribute('data-series') === name) { el.classList.toggle('hidden', off); }
                  });
                });
              });
              document.body.setAttribute('data-charts', String(document.querySelectorAll('svg.chart').length));
            })();
            """;
}
