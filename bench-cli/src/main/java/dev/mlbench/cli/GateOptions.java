package dev.mlbench.cli;

import dev.mlbench.core.compare.CompareSettings;
import picocli.CommandLine.Option;

/** The statistics options of {@code bench compare} and {@code bench gate}. */
final class GateOptions {

    @Option(names = "--threshold", paramLabel = "PERCENT", defaultValue = "5",
            description = "The practical margin: the smallest change of the median time that counts, in percent (default 5; '5%%' also works).")
    String threshold;

    @Option(names = "--alpha", paramLabel = "P", defaultValue = "0.05",
            description = "Family-wise error rate: the most probability of any false SLOWER in one comparison (default 0.05).")
    double alpha;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + CompareSettings.DEFAULT_SEED,
            description = "Seed of the bootstrap (default ${DEFAULT-VALUE}): the same files always give the same verdicts.")
    long seed;

    /** The settings; usage errors name the option. */
    CompareSettings settings() {
        String t = threshold.trim();
        double pct;
        try {
            pct = Double.parseDouble(t.endsWith("%") ? t.substring(0, t.length() - 1) : t);
        } catch (NumberFormatException e) {
            throw new UsageError("--threshold: expected a percentage such as 5 or 5%, got '" + threshold + "'");
        }
        if (!(pct >= 0 && pct < 100)) {
            throw new UsageError("--threshold: expected a percentage from 0 up to 100, got " + threshold);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new UsageError("--alpha: expected a probability between 0 and 1 (exclusive), got " + alpha);
        }
        return new CompareSettings(pct / 100, alpha, dev.mlbench.core.stats.ChangeEstimate.DEFAULT_REPLICATES, seed);
    }
}
