package dev.mlbench.core.results.format;

import dev.mlbench.core.results.RunFile;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One way of writing results files out, in the manner of JMH's {@code ResultFormat}: the results JSON
 * ({@link JsonFormat}), the console table of {@code bench run} and {@code bench show}, the formats of other tools
 * that {@code bench export} writes (CSV, github-action-benchmark, Bencher), and the HTML report. A format reads only
 * what the runs recorded; it never measures anything.
 */
public interface ResultFormat {

    /** Writes {@code runs}, in the order given, to {@code out}. */
    void write(List<RunFile> runs, PrintWriter out) throws IOException;

    /** What {@link #write} writes, as a string. */
    default String render(List<RunFile> runs) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            write(runs, out);
        } catch (IOException e) {
            // nothing here writes to a device: only serializing the runs can fail
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
