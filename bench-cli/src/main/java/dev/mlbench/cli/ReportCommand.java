package dev.mlbench.cli;

import dev.mlbench.core.compare.Comparer;
import dev.mlbench.core.compare.Comparison;
import dev.mlbench.core.report.HtmlReport;
import dev.mlbench.core.results.RunFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code bench report}: one self-contained HTML page with charts. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes one self-contained HTML report with rooflines, charts and every row.", "",
                "No network is needed to view it; open it in any browser. It holds:",
                "  - a roofline per environment: the run's calibrated FP32 peak and memory",
                "    bandwidth as the roof, every valid measured row as a point at its",
                "    arithmetic intensity (hover for details);",
                "  - per track, throughput across workloads for every kernel (click a legend",
                "    entry to hide it);",
                "  - with exactly two files, the 'bench compare' verdicts of the second (CUR)",
                "    against the first (BASE);",
                "  - every row of every run.", "",
                "Runs made with --no-calibration have no roof; 'bench calibrate' measures it once per host.", "",
                "Examples:", "  bench report results/20261129-105109-gemm-98ae.json -o report.html",
                "  bench report base.json cur.json -o report.html", ""})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;


    @Parameters(arity = "1..*", paramLabel = "RESULTS", description = "Results files (schema 1, 2 or 3).")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = "report.html", description = "The HTML file (default: report.html).")
    Path outFile;

    @Option(names = "--no-compare", description = "With two files, do not add compare verdicts.")
    boolean noCompare;

    @Mixin
    GateOptions gate;

    @Override
    public Integer call() throws Exception {
        var settings = gate.settings();
        List<RunFile> runs = Workspace.readRuns(files);
        Optional<Comparison> comparison = runs.size() == 2 && !noCompare
                ? Optional.of(Comparer.compare(runs.get(0), runs.get(1), settings)) : Optional.empty();
        Workspace.writeText(outFile, new HtmlReport(comparison).render(runs));
        spec.commandLine().getOut().println("Report: " + outFile.toAbsolutePath().normalize());
        spec.commandLine().getOut().flush();
        return BenchCli.OK;
    }
}
