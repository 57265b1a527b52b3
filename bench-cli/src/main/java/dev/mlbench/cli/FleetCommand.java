package dev.mlbench.cli;

import dev.mlbench.core.fleet.FleetManifest;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code bench fleet}: runs on many nodes through Slurm, which schedules; the harness submits and collects. */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = {"Runs a benchmark on the nodes of a Slurm cluster.", "",
                "'submit' writes and submits a job array per partition and a merge job, 'status' shows every task, "
                        + "'collect' merges what finished into one leaderboard and report. See docs/fleet.md.", ""},
        subcommands = {FleetSubmitCommand.class, FleetStatusCommand.class, FleetCollectCommand.class})
final class FleetCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a fleet command is required: submit, status or collect");
    }

    /** The manifest of fleet {@code job} under {@code out}, or a usage error naming the file that is missing. */
    static FleetManifest manifest(Path out, String job) throws IOException {
        if (!job.matches("\\d+")) {
            throw new UsageError("JOB must be the fleet's job id (the number 'bench fleet submit' printed), got '" + job + "'");
        }
        Path file = out.resolve(job).resolve(FleetManifest.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new UsageError(file + " does not exist: fleet " + job + " was not submitted with --out " + out
                    + " (give the --out it was submitted with)");
        }
        try {
            return FleetManifest.read(out, job);
        } catch (IOException e) {
            throw new UsageError(file + " is not a fleet manifest: " + e.getMessage());
        }
    }

    /** The results files in a task folder: the run files, without the task's marker and temporary files. */
    static List<Path> resultsFiles(Path taskDir) throws IOException {
        if (!Files.isDirectory(taskDir)) {
            return List.of();
        }
        try (var files = Files.list(taskDir)) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return n.endsWith(".json") && !n.startsWith(".") && !n.equals(dev.mlbench.core.fleet.TaskMarker.FILE_NAME);
            }).sorted().toList();
        }
    }
}
