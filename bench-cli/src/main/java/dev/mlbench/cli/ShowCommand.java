package dev.mlbench.cli;

import dev.mlbench.core.results.ResultStore;
import dev.mlbench.core.results.RunFile;

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
        for (int i = 0; i < runs.size(); i++) {
            RunFile run = runs.get(i);
            if (output.json()) {
                out.println(ResultStore.toJson(run.record()));
                continue;
            }
            if (i > 0) {
                out.println();
            }
            out.println(run.path() + ": run " + run.record().runId() + ", " + run.record().state() + ", profile "
                    + run.record().settings().profile() + ", started " + run.record().startedAt());
            ResultsTable.print(run.record(), out);
        }
        out.flush();
        return BenchCli.OK;
    }
}
