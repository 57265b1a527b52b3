package dev.mlbench.cli;

import dev.mlbench.core.results.format.JsonFormat;
import dev.mlbench.core.results.format.ResultFormat;
import picocli.CommandLine.Option;

/** The {@code --format} option shared by commands that print either a table or JSON. */
final class FormatOption {

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default, for people) or json (for programs).")
    OutputFormat format;

    boolean json() {
        return format == OutputFormat.json;
    }

    /** The format of results files this option names: the console table or their JSON. */
    ResultFormat results() {
        return json() ? new JsonFormat() : new ResultsTable();
    }
}
