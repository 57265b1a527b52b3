package dev.mlbench.cli;

import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.format.ResultFormat;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Prints a results file as the table `bench run` printed, without running anything. */
@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints results files as the table 'bench run' prints, without running anything.", "",
                "Useful for a run that was interrupted, ran elsewhere, or was written with --format json; --format json prints them as JSON.", "",
                "Example:", "  bench show results/20261129-124256-gemm-9c47.json", ""})
final class ShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;


    @Mixin
    FormatOption output;

    @Parameters(arity = "1..*", paramLabel = "RESULTS", description = "Results files (schema 1, 2 or 3).")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() throws java.io.IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<RunFile> runs = Workspace.readRuns(files);
        ResultFormat format = output.results();
        for (int i = 0; i < runs.size(); i++) {
            RunFile run = runs.get(i);
            // one JSON document per file, as each file holds one
            if (!output.json()) {
                if (i > 0) {
                    out.println();
                }
                out.println(run.path() + ": run " + run.record().runId() + ", " + run.record().state() + ", profile "
                        + run.record().settings().profile() + ", started " + run.record().startedAt());
            }
            format.write(List.of(run), out);
        }
        out.flush();
        return BenchCli.OK;
    }
}
