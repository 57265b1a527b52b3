package dev.mlbench.cli;

import dev.mlbench.core.fleet.FleetManifest;
import dev.mlbench.core.fleet.Slurm;
import dev.mlbench.core.fleet.TaskState;
import dev.mlbench.core.fleet.TaskStatus;
import dev.mlbench.core.leaderboard.Leaderboard;
import dev.mlbench.core.leaderboard.LeaderboardBuilder;
import dev.mlbench.core.report.HtmlReport;
import dev.mlbench.core.results.ResultFileException;
import dev.mlbench.core.results.ResultStore;
import dev.mlbench.core.results.RunFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code bench fleet collect}: merges what a fleet's tasks wrote into one leaderboard and report. */
@Command(name = "collect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Merges what the tasks of a fleet wrote into one leaderboard and report.", "",
                "Merges the results files of every task of a fleet that wrote any (a cancelled or failed task's file keeps the trials it finished, "
                        + "marked interrupted) into OUT/<fleet>/leaderboard.json and report.html, and names every task that did not finish. "
                        + "Exits 0 when every task is done, 1 when any failed, was cancelled, timed out, is missing or still pending or running "
                        + "(the merge is then incomplete). The merge job of 'bench fleet submit' runs this.", ""})
final class FleetCollectCommand implements Callable<Integer> {

    /** The merged leaderboard's file name in the fleet folder. */
    static final String LEADERBOARD = "leaderboard.json";
    /** The merged report's file name in the fleet folder. */
    static final String REPORT = "report.html";

    @Spec
    CommandSpec spec;


    @Mixin
    FleetJob fleetJob;

    @Override
    public Integer call() throws Exception {
        FleetManifest fleet = fleetJob.manifest();
        List<TaskStatus> tasks = new Slurm().status(fleet);
        PrintWriter o = spec.commandLine().getOut();
        FleetStatusCommand.print(tasks, o);
        List<RunFile> runs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (TaskStatus t : tasks) {
            List<Path> files = FleetCommand.resultsFiles(t.dir());
            for (Path f : files) {
                try {
                    RunFile run = RunFile.read(f);
                    runs.add(run);
                    if (!"complete".equals(run.record().state())) {
                        problems.add("task " + t.id() + ": " + f.getFileName() + " is partial (state " + run.record().state()
                                + "); its " + run.record().results().size() + " finished row(s) are merged");
                    }
                } catch (ResultFileException e) {
                    problems.add("task " + t.id() + ": not merged: " + e.getMessage());
                }
            }
            if (t.state() != TaskState.DONE) {
                problems.add("task " + t.id() + " " + t.state().key() + (t.node() == null ? "" : " on " + t.node())
                        + (t.exitCode() == null ? "" : " (exit " + t.exitCode() + ")")
                        + (files.isEmpty() ? ": no results" : ": " + files.size() + " results file(s)"));
            }
        }
        long done = tasks.stream().filter(t -> t.state() == TaskState.DONE).count();
        o.printf("%d of %d task(s) done; %d results file(s) merged%n", done, tasks.size(), runs.size());
        problems.forEach(p -> o.println("  " + p));
        if (!runs.isEmpty()) {
            Leaderboard board = new LeaderboardBuilder(Map.of(), LeaderboardBuilder.DEFAULT_REPLICATES, LeaderboardBuilder.DEFAULT_SEED).build(runs);
            Workspace.writeText(fleet.dir().resolve(LEADERBOARD), ResultStore.toJson(board) + "\n");
            Workspace.writeText(fleet.dir().resolve(REPORT), new HtmlReport(Optional.empty()).render(runs));
            o.println("Leaderboard: " + fleet.dir().resolve(LEADERBOARD) + " (" + board.boards().size() + " board(s))");
            board.notes().forEach(n -> o.println("  note: " + n));
            o.println("Report: " + fleet.dir().resolve(REPORT));
        } else {
            o.println("Nothing to merge: no task wrote a results file");
        }
        o.flush();
        return done == tasks.size() ? BenchCli.OK : BenchCli.RUNTIME_FAILURE;
    }
}
