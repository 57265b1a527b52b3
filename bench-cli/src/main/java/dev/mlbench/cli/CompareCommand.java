package dev.mlbench.cli;

import dev.mlbench.core.compare.ComparePreconditions;
import dev.mlbench.core.compare.CompareSettings;
import dev.mlbench.core.compare.Comparer;
import dev.mlbench.core.compare.Comparison;
import dev.mlbench.core.compare.ComparisonJunit;
import dev.mlbench.core.compare.ComparisonMarkdown;
import dev.mlbench.core.compare.RowComparison;
import dev.mlbench.core.compare.Verdict;
import dev.mlbench.core.results.ResultStore;
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
                "Rows match by track, kernel, backend, parameters (threads included) and workload. Measured rows are compared",
                "on their per-iteration samples with a two-sided Mann-Whitney U test; a change counts only when it is",
                "significant at --alpha AND the median time changed by at least --threshold. Verdicts:",
                "  SAME     not significant and below the threshold",
                "  FASTER   significant and at least the threshold faster",
                "  SLOWER   significant and at least the threshold slower (fails the gate)",
                "  UNSURE   significant but small, large but not significant, or too few samples to ever be significant",
                "           (with the quick profile's 5 samples only a complete separation reaches alpha 0.01)",
                "  MISSING  measured in BASE, absent or skipped in CUR",
                "  NEW      measured in CUR only",
                "  INVALID  CUR failed its correctness check or failed to run (fails the gate)",
                "Differences in CPU model, cores, JDK, vector size, threads, profile and backend versions are warned about.",
                "How noisy is this machine? 'bench run --repeat 2' gives an A/A pair to compare.", "",
                "Examples:", "  bench compare results/main.json results/pr.json",
                "  bench compare base.json cur.json --threshold 10 --markdown comment.md --junit TEST-bench.xml", ""},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  no row SLOWER or INVALID", "  2  bad usage, a file that is not a readable results file, or a CUR that",
                "     did not complete, holds no rows, is of another track or lacks rows BASE measured (see --allow-missing)",
                "  4  at least one row SLOWER or INVALID"})
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "BASE", description = "Results file of the reference run (e.g. the main branch).")
    Path base;

    @Parameters(index = "1", paramLabel = "CUR", description = "Results file of the run under test.")
    Path cur;

    @Option(names = "--threshold", paramLabel = "PERCENT", defaultValue = "5",
            description = "Smallest change of the median time that counts, in percent (default 5; '5%%' also works).")
    String threshold;

    @Option(names = "--alpha", paramLabel = "P", defaultValue = "0.01",
            description = "Significance level of the Mann-Whitney U test (default 0.01).")
    double alpha;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the comparison as Markdown (a pull-request comment).")
    Path markdown;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML, one test case per row (SLOWER and INVALID fail).")
    Path junit;

    @Option(names = "--allow-missing",
            description = "Compare even when CUR did not complete, holds no rows, is of another track, or lacks rows BASE measured"
                    + " (they show as MISSING); without it such a CUR is refused with exit 2.")
    boolean allowMissing;

    @Mixin
    FormatOption output;

    @Override
    public Integer call() throws Exception {
        CompareSettings settings = settings(threshold, alpha);
        RunFile baseRun = RunFile.read(base);
        RunFile curRun = RunFile.read(cur);
        if (!allowMissing) {
            ComparePreconditions.problem(baseRun, curRun).ifPresent(p -> {
                throw new UsageError(p + " (give --allow-missing to compare anyway)");
            });
        }
        Comparison c = Comparer.compare(baseRun, curRun, settings);
        PrintWriter out = spec.commandLine().getOut();
        if (markdown != null) {
            Workspace.writeText(markdown, ComparisonMarkdown.render(c));
        }
        if (junit != null) {
            Workspace.writeText(junit, ComparisonJunit.render(c));
        }
        if (output.json()) {
            out.println(ResultStore.toJson(c));
        } else {
            print(c, out);
        }
        out.flush();
        return c.failsGate() ? BenchCli.REGRESSION : BenchCli.OK;
    }

    /** Parses {@code --threshold} (a percentage) and {@code --alpha}; usage errors name the option. */
    static CompareSettings settings(String thresholdPercent, double alpha) {
        String t = thresholdPercent.trim();
        double pct;
        try {
            pct = Double.parseDouble(t.endsWith("%") ? t.substring(0, t.length() - 1) : t);
        } catch (NumberFormatException e) {
            throw new UsageError("--threshold: expected a percentage such as 5 or 5%, got '" + thresholdPercent + "'");
        }
        if (!(pct >= 0 && pct < 1000)) {
            throw new UsageError("--threshold: expected a percentage from 0 to 1000, got " + thresholdPercent);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new UsageError("--alpha: expected a probability between 0 and 1 (exclusive), got " + alpha);
        }
        return new CompareSettings(pct / 100, alpha);
    }

    static void print(Comparison c, PrintWriter out) {
        boolean manyTracks = c.rows().stream().map(r -> r.key().track()).distinct().count() > 1;
        List<String> headers = new ArrayList<>(List.of("VERDICT"));
        if (manyTracks) {
            headers.add("TRACK");
        }
        headers.addAll(List.of("KERNEL", "BACKEND", "SHAPE", "PARAMS", "BASE", "CUR", "CHANGE", "P"));
        boolean[] right = new boolean[headers.size()];
        for (int i = headers.size() - 4; i < headers.size(); i++) {
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
                    Formats.duration(r.curMedianNs()), Formats.change(r.change()), Formats.pValue(r.pValue())));
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
        out.println(c.summary() + (c.failsGate() ? ": regression found (exit 4)" : ": no regression") + "; threshold "
                + Formats.change(c.settings().threshold()).substring(1) + ", alpha " + c.settings().alpha());
    }
}
