package dev.mlbench.cli;

import dev.mlbench.core.fleet.FleetManifest;
import dev.mlbench.core.fleet.SbatchScripts;
import dev.mlbench.core.fleet.Slurm;
import dev.mlbench.core.measure.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bench fleet submit}: a job array per partition (or node) and a merge job, submitted to Slurm. */
@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Submits a benchmark to Slurm: a job array per partition and a merge job.", "",
                "Writes an sbatch script per partition: a job array whose tasks each run 'bench run' with the run options below "
                        + "into OUT/<array job id>/<task id>/, one benchmark per node at a time (--exclusive); submits it with 'sbatch --parsable', "
                        + "then a merge job that waits for every array (afterany: a failed or cancelled task does not stop it) "
                        + "and runs 'bench fleet collect'. The fleet's id is the first array's job id.", "",
                "Examples:", "  bench fleet submit --track gemm --partition cpu --array 4 --out /shared/bench-results",
                "  bench fleet submit --track gemm --partition cpu,gpu --time 30 --out /shared/r",
                "  bench fleet submit --track softmax --partition cpu --nodes cn01,cn02 --dry-run", ""})
final class FleetSubmitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;


    @Option(names = {"-t", "--track"}, split = ",", paramLabel = "TRACK", description = "Tracks every task runs (as in bench run).")
    List<String> tracks = new ArrayList<>();

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Definition files every task runs (as in bench run); repeatable.")
    List<Path> configs = new ArrayList<>();

    @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE", defaultValue = "quick", description = "quick (default), standard or thorough.")
    String profile;

    @Option(names = {"-k", "--kernel"}, paramLabel = "GLOB", description = "Only kernels matching this glob.")
    String kernelGlob;

    @Option(names = {"-b", "--backend"}, paramLabel = "BACKEND", description = "Only kernels of this backend.")
    String backend;

    @Option(names = "--threads", paramLabel = "N", description = "Threads each kernel may use (default: every core of the node).")
    Integer threads;

    @Option(names = "--no-calibration", description = "Tasks neither measure nor load their node's peaks.")
    boolean noCalibration;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Calibration cache of the tasks (default: ~/.cache/bench on each node; keyed by host).")
    Path cacheDir;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "results",
            description = "Results root, on a file system every node shares (default: results).")
    Path out;

    @Option(names = "--partition", split = ",", required = true, paramLabel = "P", description = "Slurm partitions: one array each; comma-separated or repeated.")
    List<String> partitions = new ArrayList<>();

    @Option(names = "--array", paramLabel = "N", description = "Tasks per partition, each running the whole plan on its own node (default 1).")
    Integer array;

    @Option(names = "--nodes", split = ",", paramLabel = "NODE", description = "One task on each of these nodes (one partition only).")
    List<String> nodes = new ArrayList<>();

    @Option(names = "--time", paramLabel = "T", description = "Time limit per task, in sbatch's format (minutes, or HH:MM:SS).")
    String time;

    @Option(names = "--sbatch-arg", paramLabel = "ARG", description = "Another sbatch option for the arrays, as given (repeatable), e.g. --sbatch-arg=--constraint=avx512.")
    List<String> sbatchArgs = new ArrayList<>();

    @Option(names = "--launcher", paramLabel = "CMD",
            description = "The command that starts bench on a node, e.g. /shared/bench/bench (default: this JDK, flags and jar).")
    String launcher;

    @Option(names = "--dry-run", description = "Print the scripts instead of submitting them.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        List<String> runArgs = runArgs();
        List<SbatchScripts.ArraySpec> specs = arrays();
        Path root = out.toAbsolutePath().normalize();
        List<String> command = launcher == null ? ThisHarness.command() : List.of(launcher.trim().split("\\s+"));
        PrintWriter o = spec.commandLine().getOut();
        if (dryRun) {
            for (SbatchScripts.ArraySpec a : specs) {
                o.println("# --- array: partition " + a.partition() + (a.node() == null ? "" : ", node " + a.node()) + ", " + a.tasks() + " task(s) ---");
                o.print(SbatchScripts.array(a, root.toString(), command, runArgs));
            }
            o.println("# --- merge job (job ids are known once the arrays are submitted) ---");
            o.print(SbatchScripts.merge(specs.get(0).partition(), List.of("<array job ids>"), "<fleet id>", root.toString(), time, command));
            o.flush();
            return BenchCli.OK;
        }
        Files.createDirectories(root);
        Slurm slurm = new Slurm();
        List<FleetManifest.ArrayJob> submitted = new ArrayList<>();
        List<String> scripts = new ArrayList<>();
        try {
            for (SbatchScripts.ArraySpec a : specs) {
                String script = SbatchScripts.array(a, root.toString(), command, runArgs);
                submitted.add(new FleetManifest.ArrayJob(slurm.submit(script), a.partition(), a.node(), a.tasks()));
                scripts.add(script);
            }
        } catch (IOException e) {
            // half a fleet would merge into a leaderboard missing whole partitions without saying so
            for (FleetManifest.ArrayJob j : submitted) {
                slurm.cancel(j.jobId());
            }
            throw new IOException(e.getMessage() + (submitted.isEmpty() ? "" : "; cancelled the arrays already submitted: "
                    + String.join(", ", submitted.stream().map(FleetManifest.ArrayJob::jobId).toList())), e);
        }
        String fleetId = submitted.get(0).jobId();
        FleetManifest manifest = new FleetManifest(fleetId, root.toString(), Instant.now().toString(), List.copyOf(submitted), null, runArgs);
        // written before the merge job exists: the merge job reads it, and may start as soon as the arrays end
        manifest.write();
        for (int i = 0; i < submitted.size(); i++) {
            Files.writeString(manifest.dir().resolve("array-" + submitted.get(i).jobId() + ".sbatch"), scripts.get(i));
        }
        String merge = SbatchScripts.merge(specs.get(0).partition(), submitted.stream().map(FleetManifest.ArrayJob::jobId).toList(),
                fleetId, root.toString(), time, command);
        Files.writeString(manifest.dir().resolve("merge.sbatch"), merge);
        String mergeId = slurm.submit(merge);
        manifest.withMergeJob(mergeId).write();
        o.println("Fleet " + fleetId + " submitted:");
        for (FleetManifest.ArrayJob j : submitted) {
            o.println("  array " + j.jobId() + ": partition " + j.partition() + (j.node() == null ? "" : ", node " + j.node()) + ", "
                    + j.tasks() + " task(s); results in " + root.resolve(j.jobId()) + "/<task id>/");
        }
        o.println("  merge job " + mergeId + ": runs 'bench fleet collect " + fleetId + "' once every array has ended");
        o.println("Status: bench fleet status " + fleetId + " --out " + root);
        o.println("Merged: " + manifest.dir().resolve("leaderboard.json") + " and " + manifest.dir().resolve("report.html"));
        o.flush();
        return BenchCli.OK;
    }

    /** The bench run arguments of every task, with paths made absolute: tasks start in another folder. */
    private List<String> runArgs() {
        if (tracks.isEmpty() && configs.isEmpty()) {
            throw new UsageError("nothing to run: give --track NAME (see 'bench list') or --config FILE");
        }
        try {
            Profile.parse(profile);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--profile: " + e.getMessage());
        }
        List<String> args = new ArrayList<>();
        if (!tracks.isEmpty()) {
            args.add("--track");
            args.add(String.join(",", tracks));
        }
        for (Path c : configs) {
            if (!Files.isRegularFile(c)) {
                throw new UsageError("--config " + c + ": no such file");
            }
            args.add("--config");
            args.add(c.toAbsolutePath().normalize().toString());
        }
        args.add("--profile");
        args.add(profile);
        if (kernelGlob != null) {
            args.addAll(List.of("--kernel", kernelGlob));
        }
        if (backend != null) {
            args.addAll(List.of("--backend", backend));
        }
        if (threads != null) {
            if (threads < 1 || threads > 4096) {
                throw new UsageError("--threads must be from 1 to 4096, got " + threads);
            }
            args.addAll(List.of("--threads", threads.toString()));
        }
        if (noCalibration) {
            args.add("--no-calibration");
        }
        if (cacheDir != null) {
            args.addAll(List.of("--cache-dir", cacheDir.toAbsolutePath().normalize().toString()));
        }
        return args;
    }

    private List<SbatchScripts.ArraySpec> arrays() {
        for (String p : partitions) {
            if (!p.matches("[A-Za-z0-9_.-]+")) {
                throw new UsageError("--partition: '" + p + "' is not a partition name");
            }
        }
        if (time != null && !time.matches("[0-9:-]+")) {
            throw new UsageError("--time: '" + time + "' is not a Slurm time (minutes, MM:SS, HH:MM:SS or D-HH:MM:SS)");
        }
        if (!nodes.isEmpty()) {
            if (array != null) {
                throw new UsageError("--array and --nodes exclude each other: --nodes runs one task on each node named");
            }
            if (partitions.size() != 1) {
                throw new UsageError("--nodes needs exactly one --partition, got " + String.join(",", partitions));
            }
            return nodes.stream().map(n -> new SbatchScripts.ArraySpec(partitions.get(0), n.trim(), 1, time, sbatchArgs)).toList();
        }
        int n = array == null ? 1 : array;
        if (n < 1 || n > 10_000) {
            throw new UsageError("--array must be from 1 to 10000, got " + n);
        }
        return partitions.stream().map(p -> new SbatchScripts.ArraySpec(p, null, n, time, sbatchArgs)).toList();
    }
}
