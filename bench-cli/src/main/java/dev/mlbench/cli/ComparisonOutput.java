package dev.mlbench.cli;

import dev.mlbench.core.compare.Comparison;
import dev.mlbench.core.compare.ComparisonJunit;
import dev.mlbench.core.compare.ComparisonMarkdown;
import dev.mlbench.core.results.ResultStore;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Where a comparison goes: the table or JSON on stdout, and optionally Markdown and JUnit files. */
final class ComparisonOutput {

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the comparison as Markdown (a pull-request comment).")
    Path markdown;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML, one test case per row (SLOWER and INVALID fail).")
    Path junit;

    @Mixin
    FormatOption output;

    /** Writes the files asked for, then prints {@code c} as a table or as JSON. */
    void emit(Comparison c, PrintWriter out) throws IOException {
        if (markdown != null) {
            Workspace.writeText(markdown, ComparisonMarkdown.render(c));
        }
        if (junit != null) {
            Workspace.writeText(junit, ComparisonJunit.render(c));
        }
        if (output.json()) {
            out.println(ResultStore.toJson(c));
        } else {
            CompareCommand.print(c, out);
        }
    }

    /** Whether the output is JSON (for programs). */
    boolean json() {
        return output.json();
    }
}
