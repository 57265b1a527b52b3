package dev.mlbench.core.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Slurm commands the fleet needs: {@code sbatch} to submit, {@code squeue} to see tasks. Works without
 * accounting ({@code sacct}): squeue shows finished jobs for {@code MinJobAge} seconds, and after that the
 * tasks' marker files say how they ended.
 */
public final class Slurm {

    private static final long COMMAND_SECONDS = 60;

    /** Where a command failed or could not run; the message names the command and what it said. */
    public static final class SlurmException extends IOException {
        SlurmException(String message) {
            super(message);
        }
    }

    /** One line of {@code squeue}: an array task as Slurm sees it. */
    record QueuedTask(String arrayJobId, int taskId, String slurmState, String node) {
    }

    /**
     * Submits {@code script} with {@code sbatch --parsable} (the script on stdin) and returns the job id.
     *
     * @throws SlurmException when sbatch is missing or refuses the job; the message has sbatch's own words
     */
    public String submit(String script) throws IOException, InterruptedException {
        Result r = exec(List.of("sbatch", "--parsable"), script);
        if (r.code != 0) {
            throw new SlurmException("sbatch refused the job (exit " + r.code + "): " + r.err.strip());
        }
        String id = r.out.strip();
        int semi = id.indexOf(';'); // "<job id>;<cluster>" on multi-cluster sites
        id = semi < 0 ? id : id.substring(0, semi);
        if (!id.matches("\\d+")) {
            throw new SlurmException("sbatch --parsable printed no job id: '" + r.out.strip() + "'");
        }
        return id;
    }

    /** Cancels {@code job} (a job, an array, or one array task {@code <array>_<task>}). */
    public void cancel(String job) throws IOException, InterruptedException {
        Result r = exec(List.of("scancel", job), null);
        if (r.code != 0) {
            throw new SlurmException("scancel " + job + " failed (exit " + r.code + "): " + r.err.strip());
        }
    }

    /**
     * The tasks of {@code arrayJobIds} Slurm still knows, keyed {@code <array>_<task>}. Jobs it has forgotten
     * (older than MinJobAge) are absent; squeue refusing an unknown id gives an empty answer, not an error.
     */
    Map<String, QueuedTask> queued(List<String> arrayJobIds) throws IOException, InterruptedException {
        Map<String, QueuedTask> tasks = new HashMap<>();
        for (String job : arrayJobIds) {
            // one squeue per array: squeue rejects the whole list when one id is gone
            Result r = exec(List.of("squeue", "-h", "-r", "-t", "all", "-j", job, "-o", "%i|%T|%N"), null);
            if (r.code != 0) {
                if (r.err.contains("Invalid job id")) {
                    continue;
                }
                throw new SlurmException("squeue -j " + job + " failed (exit " + r.code + "): " + r.err.strip());
            }
            for (String line : r.out.split("\n")) {
                parseLine(line).ifPresent(t -> tasks.put(t.arrayJobId() + "_" + t.taskId(), t));
            }
        }
        return tasks;
    }

    /** A squeue line {@code 41_2|RUNNING|cn07}; empty for lines that are not array tasks. */
    static Optional<QueuedTask> parseLine(String line) {
        String[] f = line.strip().split("\\|", -1);
        if (f.length < 3) {
            return Optional.empty();
        }
        int us = f[0].indexOf('_');
        if (us < 0 || !f[0].substring(us + 1).matches("\\d+")) {
            return Optional.empty(); // a pending array not yet split ("41_[0-3]") has no single task
        }
        String node = f[2].isBlank() || f[2].startsWith("(") ? null : f[2].strip();
        return Optional.of(new QueuedTask(f[0].substring(0, us), Integer.parseInt(f[0].substring(us + 1)), f[1].strip(), node));
    }

    /**
     * Every task of the fleet with its state. Slurm's word counts while it still knows the task; then the
     * task's marker file, written by the task itself, decides; with neither the task is {@link TaskState#MISSING}.
     */
    public List<TaskStatus> status(FleetManifest fleet) throws IOException, InterruptedException {
        Map<String, QueuedTask> queued = queued(fleet.arrays().stream().map(FleetManifest.ArrayJob::jobId).toList());
        List<TaskStatus> all = new ArrayList<>();
        for (FleetManifest.ArrayJob array : fleet.arrays()) {
            for (int t = 0; t < array.tasks(); t++) {
                all.add(status(array, t, fleet.taskDir(array, t), Optional.ofNullable(queued.get(array.jobId() + "_" + t))));
            }
        }
        return all;
    }

    static TaskStatus status(FleetManifest.ArrayJob array, int task, Path dir, Optional<QueuedTask> queued) {
        Optional<TaskMarker> marker = TaskMarker.read(dir);
        Integer exit = marker.map(TaskMarker::exitCode).orElse(null);
        String markerNode = marker.map(TaskMarker::node).orElse(null);
        if (queued.isPresent()) {
            TaskState s = TaskState.fromSlurm(queued.get().slurmState());
            if (s != null) {
                String node = queued.get().node() != null ? queued.get().node() : markerNode;
                return new TaskStatus(array.jobId(), task, array.partition(), s, s == TaskState.PENDING ? null : node, "squeue", exit, dir);
            }
        }
        if (marker.isPresent()) {
            TaskState s = TaskState.fromMarker(marker.get().state());
            return new TaskStatus(array.jobId(), task, array.partition(), s, markerNode, "marker", exit, dir);
        }
        // a pending array that squeue shows unsplit ("41_[0-1]") lands here too: say pending only if squeue said so
        return new TaskStatus(array.jobId(), task, array.partition(), TaskState.MISSING, null, "none", null, dir);
    }

    /** Whether {@code sbatch} can be run here at all. */
    public static boolean installed() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "sbatch"))) {
                return true;
            }
        }
        return false;
    }

    private record Result(int code, String out, String err) {
    }

    private static Result exec(List<String> command, String stdin) throws IOException, InterruptedException {
        // files, not pipes: a command that hangs can then be timed out instead of blocking a read
        Path out = Files.createTempFile("bench-slurm", ".out");
        Path err = Files.createTempFile("bench-slurm", ".err");
        try {
            Process p;
            try {
                p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            } catch (IOException e) {
                throw new SlurmException(command.get(0) + " could not be started (" + e.getMessage() + "): is Slurm installed on this machine?");
            }
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SlurmException(String.join(" ", command) + " did not answer in " + COMMAND_SECONDS + " s: is slurmctld running?");
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
