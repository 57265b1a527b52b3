package dev.mlbench.cli;

import dev.mlbench.core.leaderboard.Leaderboard;
import dev.mlbench.core.leaderboard.LeaderboardBuilder;
import dev.mlbench.core.results.ResultStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bench leaderboard}: ranks kernels across results files of many machines. */
@Command(name = "leaderboard", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ranks every kernel configuration by its speedup over the track's baseline kernel.", "",
                "Merges results files (from any number of machines) and ranks, per track and environment, every kernel configuration "
                        + "by the geometric mean over workloads of its speedup over the baseline kernel (baseline median time / kernel median time, "
                        + "same workload and threads), with a bootstrap 95%% confidence interval. Only measured rows whose output passed "
                        + "the correctness check count. The baseline is the one the results record (the definition's 'baseline:'), "
                        + "else --baseline. The JSON format is in docs/leaderboard-schema.md.", "",
                "Examples:", "  bench leaderboard results/*.json -o leaderboard.json",
                "  bench leaderboard a.json b.json --baseline gemm=reference", ""})
final class LeaderboardCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;


    @Parameters(arity = "1..*", paramLabel = "RESULTS", description = "Results files (schema 1, 2 or 3).")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the leaderboard JSON here (the table still goes to stdout).")
    Path outFile;

    @Option(names = "--baseline", paramLabel = "[TRACK=]KERNEL",
            description = "Baseline kernel for tracks whose results record none (or to override them): KERNEL for every track, or TRACK=KERNEL; repeatable.")
    List<String> baselines = new ArrayList<>();

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "2000", description = "Bootstrap resamples for the intervals (default 2000).")
    int bootstrap;

    @Mixin
    FormatOption output;

    @Override
    public Integer call() throws Exception {
        if (bootstrap < 100 || bootstrap > 1_000_000) {
            throw new UsageError("--bootstrap must be from 100 to 1000000, got " + bootstrap);
        }
        Map<String, String> option = new HashMap<>();
        for (String b : baselines) {
            int eq = b.indexOf('=');
            String track = eq < 0 ? "*" : b.substring(0, eq).trim();
            String kernel = (eq < 0 ? b : b.substring(eq + 1)).trim();
            if (kernel.isEmpty() || track.isEmpty()) {
                throw new UsageError("--baseline: expected KERNEL or TRACK=KERNEL, got '" + b + "'");
            }
            option.put(track, kernel);
        }
        Leaderboard board = new LeaderboardBuilder(option, bootstrap, LeaderboardBuilder.DEFAULT_SEED).build(Workspace.readRuns(files));
        if (board.boards().isEmpty()) {
            throw new UsageError("nothing to rank: " + (board.notes().isEmpty() ? "no valid measured rows in the files"
                    : String.join("; ", board.notes())));
        }
        if (outFile != null) {
            Workspace.writeText(outFile, ResultStore.toJson(board) + "\n");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(ResultStore.toJson(board));
        } else {
            print(board, out);
            if (outFile != null) {
                out.println("Leaderboard: " + outFile);
            }
        }
        out.flush();
        return BenchCli.OK;
    }

    private static void print(Leaderboard board, PrintWriter out) {
        for (Leaderboard.Board b : board.boards()) {
            var env = b.environment();
            out.printf(Locale.ROOT, "%s on %s (%s, %d cores, %s, vector %s bits); baseline %s%n", b.track(), env.fingerprint(), env.cpuModel(),
                    env.cores(), env.jdk(), env.vectorBitSize(), b.baseline());
            TextTable t = new TextTable(List.of("RANK", "KERNEL", "BACKEND", "PARAMS", "SPEEDUP", "95% CI", "WORKLOADS", "RUNS"),
                    true, false, false, false, true, true, true, false);
            java.util.Set<String> skews = new java.util.LinkedHashSet<>();
            for (Leaderboard.Entry e : b.entries()) {
                skews.addAll(e.warnings());
                t.add(List.of(Integer.toString(e.rank()), e.kernel(), e.backend(), params(e.params()),
                        String.format(Locale.ROOT, "%.3gx", e.score()) + (e.warnings().isEmpty() ? "" : " !"),
                        String.format(Locale.ROOT, "%.3g-%.3g", e.ci95Low(), e.ci95High()), e.workloads() + "/" + e.workloadsWithBaseline(),
                        String.join(" ", e.runIds())));
            }
            t.print(out);
            skews.forEach(w -> out.println("! " + w));
            out.println();
        }
        board.notes().forEach(n -> out.println("note: " + n));
    }

    private static String params(Map<String, String> p) {
        return p.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).reduce((a, b) -> a + " " + b).orElse("");
    }
}
