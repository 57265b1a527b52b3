package dev.mlbench.cli;

import dev.mlbench.core.results.ResultStore;
import dev.mlbench.predict.Evaluation;
import dev.mlbench.predict.ShapeSplit;
import dev.mlbench.predict.TrainingRow;
import dev.mlbench.predict.TrainingRows;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bench predict evaluate}: scores the method on shapes (and hosts) held out of training, fold by fold. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Scores the model on shapes it never saw, against the roofline alone.", "",
                "The shapes are dealt into K folds (seeded); each fold is held out in turn while a forest learns the others, never "
                        + "splitting one shape's rows. With several hosts a second split also holds out each host. Prints R² (on the log of "
                        + "the target) and MAPE of the model, of the roofline and of the roofline scaled per kernel; --best adds the regret "
                        + "of the setting the model ranks first.", "",
                "Example:", "  bench predict evaluate results/*.json --track gemm --best", ""})
final class PredictEvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;


    @Mixin
    PredictDataOptions data;

    @Option(names = "--best", description = "Also score the ranking: regret of the predicted best setting on each held-out shape.")
    boolean best;

    @Option(names = "--worst", paramLabel = "N", description = "List the N held-out rows the model missed most (default: ${DEFAULT-VALUE}; 0: none).")
    int worst = 5;

    @Mixin
    FormatOption output;

    @Override
    public Integer call() throws Exception {
        if (worst < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--worst must be 0 or more, got " + worst);
        }
        TrainingRows rows = data.rows();
        List<TrainingRow> all = rows.rows();
        List<Evaluation> evaluations = new ArrayList<>();
        evaluations.add(Evaluation.run("by shape", ShapeSplit.byShape(all, data.folds, data.seed), data.trees, data.seed, data.parsedTarget(),
                worst));
        if (all.stream().map(r -> r.host().id()).distinct().count() > 1) {
            evaluations.add(Evaluation.run("by shape and host", ShapeSplit.byShapeAndHost(all, data.folds, data.seed), data.trees, data.seed,
                    data.parsedTarget(), worst));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(ResultStore.toJson(evaluations));
        } else {
            out.println("track " + rows.track() + ", target " + data.parsedTarget().key() + ", " + all.size() + " rows");
            for (Evaluation e : evaluations) {
                PredictScoresTable.print(e, data.parsedTarget(), best, worst, out);
            }
        }
        out.flush();
        return BenchCli.OK;
    }
}
