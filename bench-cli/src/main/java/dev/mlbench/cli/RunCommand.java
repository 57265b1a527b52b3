package dev.mlbench.cli;

import dev.mlbench.core.calibrate.Calibration;
import dev.mlbench.core.calibrate.Calibrator;
import dev.mlbench.core.definition.TrackDefinition;
import dev.mlbench.core.env.Environment;
import dev.mlbench.core.env.EnvironmentProbeRunner;
import dev.mlbench.core.measure.JmhMeasurer;
import dev.mlbench.core.measure.Profile;
import dev.mlbench.core.plan.Trial;
import dev.mlbench.core.plugin.Plugins;
import dev.mlbench.core.registry.Registry;
import dev.mlbench.core.results.ResultStore;
import dev.mlbench.core.results.RunRecord;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.run.RunEngine;
import dev.mlbench.core.run.RunRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code bench run}: plan, check, measure, write results, print a table. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs tracks: checks every kernel against the track's reference, measures the correct ones under JMH,",
                "writes OUT/<run-id>.json after every trial and prints a table.", "",
                "Examples:", "  bench run --track gemm", "  bench run --track gemm --kernel 'vector*' --profile standard",
                "  bench run --config my-gemm.yaml --format json", ""})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PluginOption plugins;

    @Mixin
    CommonOptions common;

    @Option(names = {"-t", "--track"}, split = ",", paramLabel = "TRACK",
            description = "Tracks to run, comma-separated; each reads configs/tracks/TRACK.yaml.")
    List<String> tracks = new ArrayList<>();

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Track definition files (YAML or JSON) to run instead of the built-in ones.")
    List<Path> configs = new ArrayList<>();

    @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE", defaultValue = "quick",
            description = "quick (default; a few short iterations), standard (2 forks × 10 s) or thorough (3 forks × 20 s).")
    String profile;

    @Option(names = {"-k", "--kernel"}, paramLabel = "GLOB", description = "Only kernels whose name matches this glob, e.g. 'vector*'.")
    String kernelGlob;

    @Option(names = {"-b", "--backend"}, paramLabel = "BACKEND", description = "Only kernels of this backend (see bench list).")
    String backend;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "results", description = "Folder for the results file (default: results).")
    Path out;

    @Mixin
    FormatOption output;

    @Option(names = "--threads", paramLabel = "N", description = "Threads each kernel may use (default: every core the JVM sees).")
    Integer threads;

    @Option(names = "--no-calibration", description = "Do not measure or load this host's peaks; %% of peak is then left empty.")
    boolean noCalibration;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Where calibration is cached (default: ~/.cache/bench).")
    Path cacheDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outWriter = spec.commandLine().getOut();
        Profile chosen = parseProfile(profile);
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (nThreads < 1 || nThreads > 4096) {
            throw new UsageError("--threads must be from 1 to 4096, got " + nThreads);
        }
        if (tracks.isEmpty() && configs.isEmpty()) {
            throw new UsageError("nothing to run: give --track NAME (see 'bench list') or --config FILE");
        }
        Plugins.Loaded loaded = plugins.load(err);
        Registry registry = loaded.registry();
        List<Workspace.Source> sources = new ArrayList<>(configs.stream().map(Workspace.Source::file).toList());
        for (String t : tracks) {
            sources.add(Workspace.definitionOf(t.trim(), registry, loaded.loader()));
        }
        List<TrackDefinition> definitions = Workspace.load(sources, registry);
        if (!loaded.jars().isEmpty()) {
            // benchmark JVMs are started with this JVM's class path: they must see the plugins too
            System.setProperty("java.class.path", loaded.classPathWith(System.getProperty("java.class.path")));
        }
        if (backend != null && !registry.backends().containsKey(backend)) {
            throw new UsageError("unknown backend '" + backend + "'" + dev.mlbench.core.util.Names.suggestion(backend, registry.backends().keySet()));
        }
        Environment env = EnvironmentProbeRunner.probe(registry);
        Calibration calibration = noCalibration ? null
                : Calibrations.obtain(registry, env, nThreads, cacheDir == null ? Calibrator.defaultCacheDir() : cacheDir, false, err);
        RunRequest request = new RunRequest(definitions, chosen, Optional.ofNullable(kernelGlob), Optional.ofNullable(backend),
                nThreads, out, env, calibration);
        RunEngine engine = new RunEngine(registry, new JmhMeasurer());
        List<Trial> trials = engine.plan(request);
        if (trials.isEmpty()) {
            throw new UsageError("the plan is empty: no kernel matches the filters" + (kernelGlob == null ? "" : " --kernel " + kernelGlob)
                    + (backend == null ? "" : " --backend " + backend) + " on the workloads of profile " + chosen.key());
        }
        String runId = RunEngine.newRunId(definitions.stream().map(TrackDefinition::track).distinct().toList());
        Path file = RunEngine.resultsFile(out, runId);
        long skipped = trials.stream().filter(t -> !t.runnable()).count();
        err.printf(Locale.ROOT, "Running %d trial(s) (%d skipped as unavailable), profile %s, %d thread(s); results -> %s%n",
                trials.size(), skipped, chosen.key(), nThreads, file);
        err.flush();
        RunRecord record = engine.run(request, trials, runId, new ProgressLine(err, System.console() != null && System.console().isTerminal()));
        if (output.json()) {
            outWriter.println(ResultStore.toJson(record));
        } else {
            ResultsTable.print(record, outWriter);
            outWriter.println();
            outWriter.println("Results: " + file);
        }
        outWriter.flush();
        return exitCode(record);
    }

    static int exitCode(RunRecord record) {
        if (record.results().stream().anyMatch(r -> r.status() == Status.INVALID)) {
            return BenchCli.INCORRECT_KERNEL;
        }
        if (record.results().stream().anyMatch(r -> r.status() == Status.FAILED)) {
            return BenchCli.RUNTIME_FAILURE;
        }
        return BenchCli.OK;
    }

    private static Profile parseProfile(String p) {
        try {
            return Profile.parse(p);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--profile: " + e.getMessage());
        }
    }
}
