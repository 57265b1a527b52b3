package dev.mlbench.cli;

import dev.mlbench.predict.Target;
import dev.mlbench.predict.Trainer;
import dev.mlbench.predict.TrainingRows;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What {@code predict train} and {@code predict evaluate} learn from, and how. */
final class PredictDataOptions {

    @Parameters(arity = "1..*", paramLabel = "RESULTS", description = "Results files (schema 1, 2 or 3) of calibrated runs.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--track", paramLabel = "TRACK", description = "The track to learn (default: the only one the files measured).")
    String track;

    @Option(names = "--target", paramLabel = "time|energy", defaultValue = "time",
            description = "Learn the median time (default) or the energy per operation (rows with measured energy only).")
    String target;

    @Option(names = "--trees", paramLabel = "N", defaultValue = "" + Trainer.DEFAULT_TREES, description = "Trees in the forest (default ${DEFAULT-VALUE}).")
    int trees;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "" + Trainer.DEFAULT_FOLDS,
            description = "Folds by shape (default ${DEFAULT-VALUE}): train holds out one, evaluate each in turn.")
    int folds;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + Trainer.DEFAULT_SEED, description = "Seed of the split and the forest.")
    long seed;

    Target parsedTarget() {
        return Target.parse(target);
    }

    /** The usable rows of the files; a file that cannot be read or used stops the command with exit code 2. */
    TrainingRows rows() {
        if (trees < 1 || trees > 10_000) {
            throw new UsageError("--trees must be from 1 to 10000, got " + trees);
        }
        if (folds < 2 || folds > 100) {
            throw new UsageError("--folds must be from 2 to 100, got " + folds);
        }
        return TrainingRows.read(Workspace.readRuns(files), track, parsedTarget());
    }

    Trainer trainer() {
        return new Trainer(trees, seed, folds);
    }
}
