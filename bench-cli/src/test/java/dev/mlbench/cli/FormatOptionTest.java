package dev.mlbench.cli;

import dev.mlbench.core.results.format.JsonFormat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Which format of results files {@code --format} names for {@code bench run} and {@code bench show}. */
class FormatOptionTest {

    private static FormatOption option(OutputFormat format) {
        FormatOption o = new FormatOption();
        o.format = format;
        return o;
    }

    @Test
    void tableIsTheConsoleTableAndJsonTheResultsJson() {
        assertInstanceOf(ResultsTable.class, option(OutputFormat.table).results());
        assertInstanceOf(JsonFormat.class, option(OutputFormat.json).results());
    }
}
