package dev.mlbench.cli;

import picocli.CommandLine.Option;

/** The {@code --format} option shared by commands that print either a table or JSON. */
final class FormatOption {

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default, for people) or json (for programs).")
    OutputFormat format;

    boolean json() {
        return format == OutputFormat.json;
    }
}
