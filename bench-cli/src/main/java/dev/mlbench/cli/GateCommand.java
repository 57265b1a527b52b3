package dev.mlbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mlbench.core.compare.Comparer;
import dev.mlbench.core.compare.Comparison;
import dev.mlbench.core.definition.TrackDefinition;
import dev.mlbench.core.gate.RoundMerger;
import dev.mlbench.core.measure.Profile;
import dev.mlbench.core.measure.ProfileSetting;
import dev.mlbench.core.measure.ProfileSettings;
import dev.mlbench.core.registry.Registry;
import dev.mlbench.core.results.ResultStore;
import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.RunRecord;
import dev.mlbench.core.results.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code bench gate}: measures a base build and this build in alternating rounds on this machine and compares
 * them. Each round runs both builds once, in random order, with one fork per trial, so drift of the clock,
 * the temperature or the neighbours over the gate's minutes falls on both alike; the rounds of each build are
 * then merged into one results file whose forks are the rounds.
 */
@Command(name = "gate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The CI regression gate: runs a base build and this build in turns and compares them.", "",
                "Runs the base build at --base and this build in alternating rounds on this machine, in random order within each round, "
                        + "one fork per trial per round, then compares them as 'bench compare' does. Both builds run the same definitions: "
                        + "this build's, with the gate profile's iteration settings (forks = rounds). The base build may be older than this one: "
                        + "it is run through its own ./bench launcher with plain 'run' options, and its results are read whatever schema they have.", "",
                "Writes to --out: base.json and cur.json (the merged rounds), rounds/ (every round's own file and log), "
                        + "and the comparison (--markdown, --junit when given).", "",
                "Examples:", "  git worktree add ../base origin/main", "  bench gate --base ../base --track softmax",
                "  bench gate --base ../base --config configs/tracks/gemm.yaml --kernel vector --rounds 12 --junit TEST-gate.xml", ""},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  no row SLOWER", "  1  a round could not run", "  2  bad usage or definitions", "  3  CUR failed a correctness check",
                "  4  at least one row SLOWER (or failed to run in CUR)"})
final class GateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;


    @Option(names = "--base", paramLabel = "DIR", required = true,
            description = "A checkout of the base build (its ./bench launcher builds it on first use), e.g. from 'git worktree add'.")
    Path base;

    @Option(names = {"-t", "--track"}, paramLabel = "TRACK", split = ",", description = "Tracks to gate on, by their built-in definitions (repeatable, comma-separated).")
    List<String> tracks = new ArrayList<>();

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Track definition files to gate on (repeatable).")
    List<Path> configs = new ArrayList<>();

    @Option(names = {"-k", "--kernel"}, paramLabel = "GLOB", description = "Only kernels whose name matches this glob.")
    String kernelGlob;

    @Option(names = {"-b", "--backend"}, paramLabel = "BACKEND", description = "Only kernels of this backend.")
    String backend;

    @Option(names = "--threads", paramLabel = "N", description = "Threads each kernel may use (default: every core).")
    Integer threads;

    @Option(names = "--rounds", paramLabel = "N", description = "Rounds, and so forks per build and trial (default: the gate profile's forks, 10).")
    Integer rounds;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Folder for the gate's files (default: results/gate-<time>).")
    Path out;

    @Mixin
    GateOptions gate;

    @Mixin
    ComparisonOutput output;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        var settings = gate.settings();
        Path baseLauncher = base.resolve("bench");
        if (!Files.isDirectory(base)) {
            throw new UsageError("--base " + base + ": no such folder (make one with 'git worktree add ../base origin/main')");
        }
        if (!Files.isExecutable(baseLauncher)) {
            throw new UsageError("--base " + base + ": it has no executable ./bench launcher; give a checkout of this project");
        }
        if (tracks.isEmpty() && configs.isEmpty()) {
            throw new UsageError("nothing to gate on: give --track NAME or --config FILE");
        }
        if (threads != null && (threads < 1 || threads > 4096)) {
            throw new UsageError("--threads must be from 1 to 4096, got " + threads);
        }
        int n = rounds == null ? Profile.GATE.defaults().forks() : rounds;
        if (n < 2 || n > 100) {
            throw new UsageError("--rounds must be from 2 to 100, got " + n);
        }
        String id = "gate-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path dir = out == null ? Path.of("results").resolve(id) : out;
        Files.createDirectories(dir.resolve("rounds"));

        Registry registry = Registry.load(getClass().getClassLoader());
        List<Path> definitions = gateDefinitions(registry, dir.resolve("definitions"));
        List<String> runArgs = new ArrayList<>(List.of("run", "--profile", Profile.QUICK.key(), "--no-calibration", "--format", "json"));
        definitions.forEach(d -> runArgs.addAll(List.of("--config", d.toAbsolutePath().toString())));
        if (kernelGlob != null) {
            runArgs.addAll(List.of("--kernel", kernelGlob));
        }
        if (backend != null) {
            runArgs.addAll(List.of("--backend", backend));
        }
        if (threads != null) {
            runArgs.addAll(List.of("--threads", threads.toString()));
        }
        Side baseSide = new Side("BASE", List.of(baseLauncher.toAbsolutePath().toString()));
        Side curSide = new Side("CUR", ThisHarness.command());
        err.println("bench gate: " + n + " rounds of BASE (" + base + ") and CUR (this build), " + definitions.size()
                + " definition(s); files -> " + dir);
        prepare(baseSide, dir, err);
        Random order = new Random(settings.seed());
        List<Path> baseFiles = new ArrayList<>();
        List<Path> curFiles = new ArrayList<>();
        for (int round = 1; round <= n; round++) {
            List<Side> sides = new ArrayList<>(List.of(baseSide, curSide));
            Collections.shuffle(sides, order);
            for (Side side : sides) {
                Path roundDir = dir.resolve("rounds").resolve(side.label().toLowerCase(Locale.ROOT) + "-" + round);
                Path file = runRound(side, runArgs, roundDir, round, n, err);
                (side == baseSide ? baseFiles : curFiles).add(file);
            }
        }
        RunRecord baseRun = RoundMerger.merge(Workspace.readRuns(baseFiles), id + "-base", Profile.GATE.key());
        RunRecord curRun = RoundMerger.merge(Workspace.readRuns(curFiles), id + "-cur", Profile.GATE.key());
        Path baseFile = dir.resolve("base.json");
        Path curFile = dir.resolve("cur.json");
        ResultStore.write(baseRun, baseFile);
        ResultStore.write(curRun, curFile);
        Comparison c = Comparer.compare(RunFile.read(baseFile), RunFile.read(curFile), settings);
        output.emit(c, stdout);
        if (!output.json()) {
            stdout.println("Merged rounds: " + baseFile + " " + curFile);
        }
        stdout.flush();
        if (curRun.results().stream().anyMatch(r -> r.status() == Status.INVALID)) {
            return BenchCli.INCORRECT_KERNEL;
        }
        return c.failsGate() ? BenchCli.REGRESSION : BenchCli.OK;
    }

    /** A build to run: a label and the command that starts its {@code bench}. */
    private record Side(String label, List<String> command) {
    }

    /**
     * Asks the base build for its version first, so that its launcher builds it (when stale) before the rounds
     * rather than inside the first one.
     */
    private static void prepare(Side side, Path dir, PrintWriter err) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(side.command());
        command.add("--version");
        Path log = dir.resolve("rounds").resolve(side.label().toLowerCase(Locale.ROOT) + "-build.log");
        err.println("  " + side.label() + ": building if needed (log: " + log + ")");
        err.flush();
        int code = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start().waitFor();
        if (code != 0) {
            throw new GateFailure(side.label() + " could not start (exit " + code + "): " + tail(log));
        }
    }

    private static Path runRound(Side side, List<String> runArgs, Path roundDir, int round, int rounds, PrintWriter err)
            throws IOException, InterruptedException {
        Files.createDirectories(roundDir);
        List<String> command = new ArrayList<>(side.command());
        command.addAll(runArgs);
        command.addAll(List.of("--out", roundDir.toAbsolutePath().toString()));
        Path log = roundDir.resolve("log.txt");
        err.printf(Locale.ROOT, "  round %d/%d: %s ...%n", round, rounds, side.label());
        err.flush();
        Instant start = Instant.now();
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).redirectOutput(roundDir.resolve("stdout.json").toFile()).start();
        int code = p.waitFor();
        long seconds = Duration.between(start, Instant.now()).toSeconds();
        List<Path> files;
        try (Stream<Path> s = Files.list(roundDir)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".json") && !f.getFileName().toString().equals("stdout.json")).toList();
        }
        // 0, 1 (a row failed) and 3 (a row invalid) leave a results file whose rows say what happened; anything else
        // means the round itself did not run.
        if ((code != 0 && code != 1 && code != 3) || files.size() != 1) {
            throw new GateFailure(side.label() + " round " + round + " did not produce a results file (exit " + code + "): " + tail(log));
        }
        err.printf(Locale.ROOT, "  round %d/%d: %s done in %d s (exit %d)%n", round, rounds, side.label(), seconds, code);
        err.flush();
        return files.get(0);
    }

    /**
     * This build's definitions of the gate, rewritten so that both builds run them the same way: the quick profile
     * (which every build knows) gets this definition's gate settings with one fork, since each round gives one fork.
     */
    private List<Path> gateDefinitions(Registry registry, Path dir) throws Exception {
        List<Workspace.Source> sources = new ArrayList<>(configs.stream().map(Workspace.Source::file).toList());
        for (String t : tracks.stream().map(String::trim).toList()) {
            sources.add(Workspace.definitionOf(t, registry, getClass().getClassLoader()));
        }
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        ObjectMapper yaml = new YAMLMapper();
        ObjectMapper json = new ObjectMapper();
        for (Workspace.Source source : sources) {
            TrackDefinition d = Workspace.load(List.of(source), registry).get(0);
            String text = source.text() != null ? source.text() : Files.readString(source.file(), StandardCharsets.UTF_8);
            JsonNode tree = yaml.readTree(text);
            ProfileSettings gate = d.profiles().get(Profile.GATE).with(ProfileSetting.FORKS, 1);
            ObjectNode profiles = json.createObjectNode();
            ObjectNode quick = profiles.putObject(Profile.QUICK.key());
            for (ProfileSetting setting : ProfileSetting.values()) {
                quick.put(setting.key(), setting.of(gate));
            }
            ((ObjectNode) tree).set("profiles", profiles);
            Path file = dir.resolve(d.track() + "-" + written.size() + ".json");
            Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
            written.add(file);
        }
        return written;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return lines.isEmpty() ? "(no output)" : String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    /** A round could not run: exit 1 with what it printed. */
    static final class GateFailure extends RuntimeException {
        GateFailure(String message) {
            super(message);
        }
    }
}
