package dev.mlbench.cli;

import dev.mlbench.core.plan.Trial;
import dev.mlbench.core.results.Metrics;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.results.TrialResult;
import dev.mlbench.core.run.RunListener;
import dev.mlbench.core.spi.Backend;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows a run's progress on stderr. On a terminal one line is rewritten in place as iterations go by;
 * elsewhere (CI logs, pipes) each finished trial prints one line, so logs stay readable.
 */
final class ProgressLine implements RunListener {

    private final PrintWriter err;
    private final boolean terminal;
    private int lastWidth;
    /** Backends whose warning was printed already: once per run is enough, the rows carry it. */
    private final java.util.Set<String> warned = new java.util.HashSet<>();

    ProgressLine(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void phase(int index, int total, Trial trial, String phase) {
        if (terminal) {
            show(prefix(index, total, trial) + phase);
        }
    }

    @Override
    public void iteration(int index, int total, Trial trial, int fork, int forks, boolean warmup, int iteration, int iterations) {
        if (terminal) {
            show(String.format(Locale.ROOT, "%sfork %d/%d, %s %d/%d", prefix(index, total, trial), fork, forks,
                    warmup ? "warm-up" : "iteration", iteration, iterations));
        }
    }

    /** A measured row's rate: its throughput, or for rows that count no operations (I/O), its bandwidth, as the table. */
    static String rate(Metrics m) {
        return m.ops() > 0 ? Units.throughput(m) : Units.rate(m.gbps()) + " GB/s";
    }

    @Override
    public void finished(int index, int total, TrialResult r) {
        String outcome = switch (r.status()) {
            case MEASURED -> Units.duration(r.stats().medianNs()) + ", " + rate(r.metrics());
            case SKIPPED -> "skipped: " + r.reason();
            case INVALID -> "INVALID: " + r.reason();
            case FAILED -> "FAILED: " + firstLine(r.reason());
        };
        String line = String.format(Locale.ROOT, "[%d/%d] %s %s %s: %s", index, total, r.track(), r.kernel(), r.label(), outcome);
        if (terminal) {
            show("");
            err.print("\r");
        }
        if (!terminal || r.status() != Status.SKIPPED || index == total) {
            err.println(line);
        }
        Object warning = r.backendDetails() == null ? null : r.backendDetails().get(Backend.WARNING);
        if (warning != null && warned.add(r.backend())) {
            err.println("warning: " + r.backend() + ": " + warning);
        }
        err.flush();
    }

    @Override
    public void notice(String message) {
        if (terminal) {
            show("");
            err.print("\r");
        }
        err.println("warning: " + message);
        err.flush();
    }

    private static String prefix(int index, int total, Trial t) {
        String shape = t.workload().asMap().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(" "));
        return String.format(Locale.ROOT, "[%d/%d] %s %s %s: ", index, total, t.track(), t.kernel(), shape);
    }

    private void show(String text) {
        err.print("\r" + text + " ".repeat(Math.max(0, lastWidth - text.length())));
        lastWidth = text.length();
        err.flush();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
