package dev.mlbench.cli;

import dev.mlbench.core.calibrate.Calibration;
import dev.mlbench.core.calibrate.Calibrator;
import dev.mlbench.core.definition.DefinitionException;
import dev.mlbench.core.definition.TrackDefinition;
import dev.mlbench.core.env.Environment;
import dev.mlbench.core.env.EnvironmentProbeRunner;
import dev.mlbench.core.measure.JmhMeasurer;
import dev.mlbench.core.measure.Profile;
import dev.mlbench.core.plan.Trial;
import dev.mlbench.core.plugin.Plugins;
import dev.mlbench.core.registry.Registry;
import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.RunRecord;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.results.format.ResultFormat;
import dev.mlbench.core.run.RunEngine;
import dev.mlbench.core.run.RunRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code bench run}: plan, check, measure, write results, print a table. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs tracks: checks every kernel, measures the correct ones and prints a table.", "",
                "Checks every kernel against the track's reference, measures the correct ones under JMH, "
                        + "writes OUT/<run-id>.json after every trial and prints a table.", "",
                "Examples:", "  bench run --track gemm", "  bench run --track gemm --kernel 'vector*' --profile standard",
                "  bench run --config my-gemm.yaml --format json",
                "  bench run --track gemm --repeat 2     (an A/A pair: 'bench compare' the two files to see this machine's noise)", ""})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PluginOption plugins;


    @Option(names = {"-t", "--track"}, split = ",", paramLabel = "TRACK",
            description = "Tracks to run, comma-separated; each reads configs/tracks/TRACK.yaml unless a --config file defines it."
                    + " With --config, only these tracks of the files run.")
    List<String> tracks = new ArrayList<>();

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Track definition files (YAML or JSON) to run instead of the built-in ones (repeatable).")
    List<Path> configs = new ArrayList<>();

    @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE", defaultValue = "quick",
            description = "quick (default; 1 fork, a few short iterations), standard (2 forks × 10 s), thorough (3 forks × 20 s) "
                    + "or gate (the quick workloads in 10 short forks: what 'bench compare' needs to decide).")
    String profile;

    @Option(names = "--forks", paramLabel = "N",
            description = "JMH forks (JVMs) per trial in place of the profile's and the definition's; forks are what 'bench compare' counts.")
    Integer forks;

    @Option(names = {"-k", "--kernel"}, paramLabel = "GLOB",
            description = "Only kernels whose name matches one of these globs: repeatable and comma-separated, e.g. 'vector*,reference'.")
    List<String> kernelGlobs = new ArrayList<>();

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

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Run the plan N times into N results files, one run id each (default 1). Interleaved: each trial runs N times "
                    + "in a row, one row per file, so the files share the machine's conditions; compare two of them (an A/A pair) "
                    + "to see how much this machine's timings move between identical runs.")
    int repeat;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outWriter = spec.commandLine().getOut();
        Profile chosen = parseProfile(profile);
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (nThreads < 1 || nThreads > 4096) {
            throw new UsageError("--threads must be from 1 to 4096, got " + nThreads);
        }
        if (forks != null && (forks < 1 || forks > 100)) {
            throw new UsageError("--forks must be from 1 to 100, got " + forks);
        }
        if (repeat < 1 || repeat > 100) {
            throw new UsageError("--repeat must be from 1 to 100, got " + repeat);
        }
        if (tracks.isEmpty() && configs.isEmpty()) {
            throw new UsageError("nothing to run: give --track NAME (see 'bench list') or --config FILE");
        }
        Plugins.Loaded loaded = plugins.load(err);
        Registry registry = loaded.registry();
        List<TrackDefinition> definitions = definitions(registry, loaded.loader());
        JmhMeasurer.addToForkClassPath(loaded.jars());
        if (backend != null && !registry.backends().containsKey(backend)) {
            throw new UsageError("unknown backend '" + backend + "'" + dev.mlbench.core.util.Names.suggestion(backend, registry.backends().keySet()));
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageError("--out " + out + " is a file; give a folder (it is created when missing)");
        }
        Environment env = EnvironmentProbeRunner.probe(registry);
        Calibration calibration = noCalibration ? null
                : Calibrations.obtain(registry, env, nThreads, cacheDir == null ? Calibrator.defaultCacheDir() : cacheDir, false, err);
        // The planner reads top-level commas as alternatives, so repeated options join into one filter.
        String kernelGlob = kernelGlobs.isEmpty() ? null : String.join(",", kernelGlobs);
        RunRequest request = new RunRequest(definitions, chosen, Optional.ofNullable(kernelGlob), Optional.ofNullable(backend),
                nThreads, out, env, calibration, Optional.ofNullable(forks));
        RunEngine engine = new RunEngine(registry, new JmhMeasurer());
        List<Trial> trials = engine.plan(request);
        if (trials.isEmpty()) {
            throw new UsageError("the plan is empty: no kernel matches the filters" + (kernelGlob == null ? "" : " --kernel " + kernelGlob)
                    + (backend == null ? "" : " --backend " + backend) + " on the workloads of profile " + chosen.key());
        }
        List<String> trackNames = definitions.stream().map(TrackDefinition::track).distinct().toList();
        long skipped = trials.stream().filter(t -> !t.runnable()).count();
        List<String> runIds = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        for (int rep = 0; rep < repeat; rep++) {
            String runId = RunEngine.newRunId(trackNames);
            while (runIds.contains(runId)) {
                runId = RunEngine.newRunId(trackNames);
            }
            runIds.add(runId);
            written.add(RunEngine.resultsFile(out, runId));
        }
        err.printf(Locale.ROOT, "Running %d trial(s) (%d skipped as unavailable)%s, profile %s, %d thread(s); results -> %s%n",
                trials.size(), skipped, repeat > 1 ? " " + repeat + " times, interleaved" : "", chosen.key(), nThreads,
                String.join(" ", written.stream().map(Path::toString).toList()));
        err.flush();
        List<RunRecord> records = engine.runRepeated(request, trials, runIds,
                new ProgressLine(err, System.console() != null && System.console().isTerminal()));
        boolean moved = false;
        for (int i = 0; i < runIds.size(); i++) {
            Optional<Path> actual = engine.writtenFile(runIds.get(i));
            if (actual.isEmpty() || !actual.get().equals(written.get(i))) {
                moved = true;
                err.println("bench: " + written.get(i) + " could not be written; "
                        + actual.map(p -> "the results are in " + p).orElse("the trials were printed above as JSON"));
                written.set(i, actual.orElse(written.get(i)));
            }
        }
        List<RunFile> runs = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            runs.add(RunFile.of(written.get(i), records.get(i)));
        }
        ResultFormat format = output.results();
        if (output.json()) {
            format.write(runs, outWriter);
        } else {
            for (int i = 0; i < runs.size(); i++) {
                if (repeat > 1) {
                    outWriter.println((i == 0 ? "" : "\n") + "Repeat " + (i + 1) + "/" + repeat + ": " + records.get(i).runId());
                }
                format.write(List.of(runs.get(i)), outWriter);
            }
            outWriter.println();
            outWriter.println("Results: " + String.join(" ", written.stream().map(Path::toString).toList()));
            if (repeat > 1) {
                outWriter.println("Compare any two (an A/A pair shows this machine's noise): bench compare " + written.get(0) + " " + written.get(1));
            }
        }
        outWriter.flush();
        int code = records.stream().mapToInt(RunCommand::exitCode).reduce(BenchCli.OK, RunCommand::worse);
        return moved ? worse(code, BenchCli.RUNTIME_FAILURE) : code;
    }

    /** The more serious of two exit codes: correctness (3) over runtime failure (1) over success. */
    private static int worse(int a, int b) {
        return a == BenchCli.INCORRECT_KERNEL || b == BenchCli.INCORRECT_KERNEL ? BenchCli.INCORRECT_KERNEL : Math.max(a, b);
    }

    /**
     * The --config files, then the built-in definition of every --track no file defines; with both options,
     * only the named tracks run.
     */
    private List<TrackDefinition> definitions(Registry registry, ClassLoader plugins) throws DefinitionException {
        List<TrackDefinition> fromFiles = Workspace.load(configs.stream().map(Workspace.Source::file).toList(), registry);
        List<String> named = tracks.stream().map(String::trim).toList();
        List<Workspace.Source> builtIn = new ArrayList<>();
        for (String t : named) {
            if (fromFiles.stream().noneMatch(d -> d.track().equals(t))) {
                builtIn.add(Workspace.definitionOf(t, registry, plugins));
            }
        }
        List<TrackDefinition> all = new ArrayList<>(fromFiles);
        all.addAll(Workspace.load(builtIn, registry));
        return named.isEmpty() ? all : all.stream().filter(d -> named.contains(d.track())).toList();
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
