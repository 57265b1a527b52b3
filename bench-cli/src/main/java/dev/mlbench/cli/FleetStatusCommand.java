package dev.mlbench.cli;

import dev.mlbench.core.fleet.FleetManifest;
import dev.mlbench.core.fleet.Slurm;
import dev.mlbench.core.fleet.TaskStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bench fleet status}: every task of a fleet, with its state and node. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Shows every task of a fleet with its state and node.", "",
                "States: pending, running, done, failed, cancelled, timeout or missing. The state comes from squeue while Slurm still knows the job; "
                        + "after that (no accounting is needed) from the marker file the task wrote into its folder, as the FROM column says.", ""})
final class FleetStatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;


    @Mixin
    FleetJob fleetJob;

    @Override
    public Integer call() throws Exception {
        FleetManifest fleet = fleetJob.manifest();
        List<TaskStatus> tasks = new Slurm().status(fleet);
        PrintWriter o = spec.commandLine().getOut();
        print(tasks, o);
        o.println("merge job " + (fleet.mergeJobId() == null ? "not submitted" : fleet.mergeJobId()));
        o.flush();
        return BenchCli.OK;
    }

    /** The task table: one row per task. */
    static void print(List<TaskStatus> tasks, PrintWriter o) throws IOException {
        TextTable t = new TextTable(List.of("TASK", "PARTITION", "STATE", "NODE", "FROM", "EXIT", "RESULTS"),
                false, false, false, false, false, true, true);
        for (TaskStatus s : tasks) {
            t.add(List.of(s.id(), s.partition(), s.state().key(), s.node() == null ? "-" : s.node(), s.source(),
                    s.exitCode() == null ? "-" : s.exitCode().toString(), Integer.toString(FleetCommand.resultsFiles(s.dir()).size())));
        }
        t.print(o);
    }
}
