package dev.mlbench.core.report;

import dev.mlbench.core.compare.Comparison;
import dev.mlbench.core.compare.RowComparison;
import dev.mlbench.core.compare.RowKey;
import dev.mlbench.core.results.EnvironmentSummary;
import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.RunRecord;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.results.TrialResult;
import dev.mlbench.core.results.format.ResultFormat;
import dev.mlbench.core.util.Formats;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
 *
 * The charts of one environment are {@link EnvironmentSection}'s; this class lays out the page and its tables.
 */
public final class HtmlReport implements ResultFormat {

    private final Optional<Comparison> comparison;

    /** A report with {@code comparison}'s verdicts when present. */
    public HtmlReport(Optional<Comparison> comparison) {
        this.comparison = comparison;
    }

    /** The HTML page for {@code runs}, with {@code comparison}'s verdicts when present. */
    public static String render(List<RunFile> runs, Optional<Comparison> comparison) {
        return new HtmlReport(comparison).render(runs);
    }

    @Override
    public void write(List<RunFile> runs, PrintWriter out) {
        out.print(HEAD);
        out.print(runsSection(runs));
        comparison.ifPresent(c -> out.print(compareSection(c)));
        Map<String, String> colors = kernelColors(runs);
        environments(runs).forEach((id, group) -> out.print(EnvironmentSection.render(id, group, colors)));
        out.print(rowsSection(runs));
        out.print(FOOT);
    }

    /** A colour per kernel, in the order kernels first appear, so a kernel has one colour in every chart. */
    private static Map<String, String> kernelColors(List<RunFile> runs) {
        Map<String, String> colors = new LinkedHashMap<>();
        runs.forEach(r -> r.record().results().forEach(t -> colors.computeIfAbsent(t.kernel(),
                k -> SvgChart.PALETTE.get(colors.size() % SvgChart.PALETTE.size()))));
        return colors;
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

    private static String runsSection(List<RunFile> runs) {
        return "<section id=\"runs\"><h2>Runs</h2>\n"
                + Html.tableStart("runs", "run", "started", "state", "CPU", "cores", "threads", "JDK", "vector bits", "profile", "harness", "file")
                + runs.stream().map(HtmlReport::runRow).collect(Collectors.joining()) + Html.TABLE_END + "</section>\n";
    }

    private static String runRow(RunFile r) {
        RunRecord rec = r.record();
        var env = rec.environment();
        var settings = rec.settings();
        return Html.tr(null, Html.td(rec.runId()), Html.td(rec.startedAt()), Html.td(rec.state()), Html.td(env == null ? "" : env.cpuModel()),
                Html.td(env == null ? "" : env.cores()), Html.td(settings == null ? "" : settings.threads()), Html.td(env == null ? "" : env.jdk()),
                Html.td(env == null ? null : env.vectorBitSize()), Html.td(settings == null ? "" : settings.profile()),
                Html.td(rec.harness() == null ? "" : rec.harness().version() + " " + rec.harness().gitCommit()), Html.td(r.path().getFileName()));
    }

    private static String compareSection(Comparison c) {
        String warnings = c.environmentWarnings().isEmpty() ? ""
                : "<ul class=\"warnings\">" + c.environmentWarnings().stream().map(w -> "<li>" + Html.esc(w) + "</li>").collect(Collectors.joining())
                        + "</ul>\n";
        return "<section id=\"compare\"><h2>Compare</h2>\n" + compareSummary(c) + warnings
                + Html.tableStart("verdicts", "verdict", "track", "kernel", "backend", "workload", "params", "BASE median", "CUR median", "change",
                        "95% CI", "forks", "p", "why")
                + c.rows().stream().map(r -> verdictRow(r, c)).collect(Collectors.joining()) + Html.TABLE_END + "</section>\n";
    }

    private static String compareSummary(Comparison c) {
        return "<p class=\"summary " + (c.failsGate() ? "fail" : "pass") + "\">BASE " + Html.esc(c.baseRunId()) + " → CUR " + Html.esc(c.curRunId())
                + ": " + Html.esc(c.summary()) + (c.failsGate() ? " — regression found" : " — no regression")
                + String.format(Locale.ROOT, " (threshold ±%s, family-wise alpha %s, bootstrap over forks, Holm-corrected)",
                        Formats.change(c.settings().threshold()).substring(1), c.settings().alpha())
                + "</p>\n";
    }

    private static String verdictRow(RowComparison r, Comparison c) {
        RowKey key = r.key();
        // a row's warnings repeat the comparison's environment warnings; any beyond those are its backends'
        boolean backendsDiffer = r.warnings().size() > c.environmentWarnings().size();
        return Html.tr("verdict-" + r.verdict(), Html.cell("verdict", Html.esc(r.verdict())), Html.td(key.track()), Html.td(key.kernel()),
                Html.td(key.backend()), Html.td(r.label()), Html.td(key.paramsText()), Html.num(Formats.duration(r.baseMedianNs())),
                Html.num(Formats.duration(r.curMedianNs())), Html.num(Formats.change(r.change())),
                Html.num(Formats.interval(r.changeLow(), r.changeHigh())), Html.num(Formats.forks(r.baseForks(), r.curForks())),
                Html.num(Formats.pValue(r.pValue())), Html.cell(null, Html.esc(r.reason()) + (backendsDiffer ? " ⚠ backend versions differ" : "")));
    }

    private static String rowsSection(List<RunFile> runs) {
        StringBuilder rows = new StringBuilder();
        runs.forEach(run -> run.record().results().forEach(r -> rows.append(resultRow(run.runId(), r))));
        return "<section id=\"rows\"><h2>All rows</h2>\n<details><summary>every row of every run</summary>\n"
                + Html.tableStart("rows", "run", "track", "kernel", "backend", "workload", "params", "status", "median", "G op/s", "GB/s", "% peak",
                        "cv", "correctness / reason")
                + rows + Html.TABLE_END + "</details></section>\n";
    }

    private static String resultRow(String runId, TrialResult r) {
        boolean measured = r.status() == Status.MEASURED && r.stats() != null && r.metrics() != null;
        List<String> cells = new ArrayList<>(List.of(Html.td(runId), Html.td(r.track()), Html.td(r.kernel()), Html.td(r.backend()),
                Html.td(r.label()), Html.td(RowKey.of(r).paramsText()), Html.td(r.status().key())));
        if (measured) {
            var m = r.metrics();
            var s = r.stats();
            // the op unit is one of Work.OpUnit's keys (a results file with any other does not load): nothing to escape
            cells.addAll(List.of(Html.num(Formats.duration(s.medianNs())), Html.cell("num", String.format(Locale.ROOT, "%.3g %s", m.gops(), m.opUnit().key())),
                    Html.num(String.format(Locale.ROOT, "%.3g", m.gbps())),
                    Html.num(m.pctOfPeak() == null ? "-" : String.format(Locale.ROOT, "%.1f", m.pctOfPeak())),
                    Html.num(s.cv() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * s.cv())),
                    Html.td("passed, max rel err " + (r.correctness() == null || r.correctness().maxRelErr() == null ? "-"
                            : String.format(Locale.ROOT, "%.1e", r.correctness().maxRelErr())))));
        } else {
            cells.addAll(List.of(Html.num("-"), Html.num("-"), Html.num("-"), Html.num("-"), Html.num("-"), Html.td(r.reason())));
        }
        return Html.tr("status-" + r.status().key(), cells.toArray(String[]::new));
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
    private static final String HEAD = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>bench report</title>
            <style>
            """ + CSS + """
            </style>
            </head>
            <body>
            <h1>bench report</h1>
            """;

    private static final String FOOT = """
            <div id="tip" role="tooltip"></div>
            <script>
            """ + SCRIPT + """
            </script>
            </body>
            </html>
            """;
}
