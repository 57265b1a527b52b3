package dev.mlbench.cli;

import dev.mlbench.core.compare.ComparePreconditions;
import dev.mlbench.core.compare.CompareSettings;
import dev.mlbench.core.compare.Comparer;
import dev.mlbench.core.compare.Comparison;
import dev.mlbench.core.compare.RowComparison;
import dev.mlbench.core.compare.Verdict;
import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.util.Formats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bench compare}: the CI regression gate. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compares two results files row by row and exits 4 when CUR is slower or incorrect: a regression gate for CI.", "",
                "Rows match by track, kernel, backend, parameters (threads included) and workload. Forks (JVMs), not iterations, "
                        + "are the unit: the change of the median time gets a 95%% interval from a bootstrap that resamples forks, then "
                        + "iterations within each fork, and a row counts as changed only when the evidence shows a change beyond the "
                        + "margin --threshold, tested over all rows together (Holm), so that a comparison of two runs of the same build "
                        + "reports any SLOWER row with at most --alpha probability, however many rows it has.", "",
                "Verdicts:",
                "  SAME     the 95%% interval lies within +-threshold",
                "  FASTER   faster by more than the threshold, significant over all rows",
                "  SLOWER   slower by more than the threshold, significant over all rows",
                "           (fails the gate)",
                "  UNSURE   neither: the row says how many forks per side would decide it;",
                "           rows with fewer than 3 forks per side (the quick profile has 1)",
                "           are always UNSURE: measure with --profile gate",
                "  MISSING  measured in BASE, absent or skipped in CUR",
                "  NEW      measured in CUR only",
                "  INVALID  CUR failed its correctness check or failed to run",
                "           (fails the gate)",
                "", "MDE is the smallest slowdown the row's noise lets the gate detect with 80%% power. "
                        + "Differences in CPU model, cores, JDK, vector size, threads, profile and backend versions are warned about. "
                        + "'bench gate --base DIR' measures both builds itself, interleaved, and compares them.", "",
                "Examples:", "  bench compare results/main.json results/pr.json",
                "  bench compare base.json cur.json --threshold 10 --markdown comment.md --junit TEST-bench.xml", ""},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  no row SLOWER or INVALID", "  2  bad usage, a file that is not a readable results file, or a CUR that",
                "     did not complete, holds no rows, is of another track or lacks rows BASE measured (see --allow-missing)",
                "  4  at least one row SLOWER or INVALID"})
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;


    @Parameters(index = "0", paramLabel = "BASE", description = "Results file of the reference run (e.g. the main branch).")
    Path base;

    @Parameters(index = "1", paramLabel = "CUR", description = "Results file of the run under test.")
    Path cur;

    @Mixin
    GateOptions gate;

    @Option(names = "--allow-missing",
            description = "Compare even when CUR did not complete, holds no rows, is of another track, or lacks rows BASE measured"
                    + " (they show as MISSING); without it such a CUR is refused with exit 2.")
    boolean allowMissing;

    @Mixin
    ComparisonOutput output;

    @Override
    public Integer call() throws Exception {
        CompareSettings settings = gate.settings();
        RunFile baseRun = RunFile.read(base);
        RunFile curRun = RunFile.read(cur);
        if (!allowMissing) {
            ComparePreconditions.problem(baseRun, curRun).ifPresent(p -> {
                throw new UsageError(p + " (give --allow-missing to compare anyway)");
            });
        }
        Comparison c = Comparer.compare(baseRun, curRun, settings);
        PrintWriter out = spec.commandLine().getOut();
        output.emit(c, out);
        out.flush();
        return c.failsGate() ? BenchCli.REGRESSION : BenchCli.OK;
    }

    static void print(Comparison c, PrintWriter out) {
        boolean manyTracks = c.rows().stream().map(r -> r.key().track()).distinct().count() > 1;
        List<String> headers = new ArrayList<>(List.of("VERDICT"));
        if (manyTracks) {
            headers.add("TRACK");
        }
        headers.addAll(List.of("KERNEL", "BACKEND", "SHAPE", "PARAMS", "BASE", "CUR", "CHANGE", "95% CI", "FORKS", "MDE", "P"));
        boolean[] right = new boolean[headers.size()];
        for (int i = headers.size() - 7; i < headers.size(); i++) {
            right[i] = true;
        }
        TextTable table = new TextTable(headers, right);
        Map<String, List<String>> rowWarnings = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (RowComparison r : c.rows()) {
            List<String> row = new ArrayList<>(List.of(r.verdict().toString()));
            if (manyTracks) {
                row.add(r.key().track());
            }
            row.addAll(List.of(r.key().kernel(), r.key().backend(), r.label(), r.key().paramsText(), Formats.duration(r.baseMedianNs()),
                    Formats.duration(r.curMedianNs()), Formats.change(r.change()), Formats.interval(r.changeLow(), r.changeHigh()),
                    Formats.forks(r.baseForks(), r.curForks()), Formats.change(r.minDetectable()), Formats.pValue(r.pValue())));
            table.add(row);
            if (r.verdict() != Verdict.SAME) {
                notes.add(r.verdict() + " " + r.key().kernel() + " " + r.label() + ": " + r.reason());
            }
            r.warnings().stream().filter(w -> !c.environmentWarnings().contains(w))
                    .forEach(w -> rowWarnings.computeIfAbsent(w, k -> new ArrayList<>()).add(r.key().kernel() + " " + r.label()));
        }
        out.println("BASE " + c.baseRunId() + "  ->  CUR " + c.curRunId());
        table.print(out);
        notes.forEach(out::println);
        c.environmentWarnings().forEach(w -> out.println("warning (every row): " + w));
        rowWarnings.forEach((w, rows) -> out.println("warning (" + String.join(", ", rows) + "): " + w));
        out.println(c.summary() + (c.failsGate() ? ": regression found (exit 4)" : ": no regression") + "; threshold +-"
                + Formats.change(c.settings().threshold()).substring(1) + ", family-wise alpha " + c.settings().alpha()
                + " (Holm over the rows with enough forks; P is Holm-adjusted)");
    }
}
