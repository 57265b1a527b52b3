package dev.mlbench.cli;

import dev.mlbench.core.export.ExportFormat;
import dev.mlbench.core.export.Exporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bench export}: results in other tools' formats. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Converts results files for other tools; prints to stdout unless -o is given.",
                "",
                "  csv  every row with its status, statistics, metrics and correctness",
                "       (for spreadsheets)",
                "  gab  github-action-benchmark's custom JSON: 'customSmallerIsBetter' with",
                "       --metric time (median ns/op, the default) or 'customBiggerIsBetter'",
                "       with --metric throughput (GFLOP/s, or G op/s of the track's unit)",
                "  bmf  Bencher Metric Format: 'latency' (median ns, min and max sample) and",
                "       'throughput' (operations/s)", "",
                "The JSON formats hold only measured rows that passed the correctness check; a benchmark is named "
                        + "track/kernel/shape/params, e.g. gemm/vector/256x256x256/threads=8.", "",
                "Examples:", "  bench export --format csv results/*.json -o all.csv",
                "  bench export --format gab --metric throughput results/run.json -o gab.json", ""})
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;


    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", required = true, description = "csv, gab or bmf.")
    ExportFormat format;

    @Option(names = "--metric", paramLabel = "METRIC", defaultValue = "time", description = "For gab: time (default) or throughput.")
    Exporter.GabMetric metric;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write here instead of stdout.")
    Path outFile;

    @Parameters(arity = "1..*", paramLabel = "RESULTS", description = "Results files (schema 1, 2 or 3).")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String text = Exporter.format(format, metric).render(Workspace.readRuns(files));
        if (outFile != null) {
            Workspace.writeText(outFile, text);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        }
        return BenchCli.OK;
    }
}
