package dev.mlbench.cli;

import dev.mlbench.predict.ModelFile;
import dev.mlbench.predict.Predictor;
import dev.mlbench.predict.Target;
import dev.mlbench.predict.TrainingRow;
import dev.mlbench.predict.TrainingRows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code bench predict train}: fits a model to the measured rows of one track and saves it. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a runtime (or energy) model on the measured rows of one track and saves it as JSON.", "",
                "Only measured rows whose output passed the check are used; every file needs a calibration (the roofline is a feature). "
                        + "A quarter of the shapes (one fold) is held out of a first fit to score it; the saved forest then learns every row.", "",
                "Example:", "  bench predict train results/*.json --track gemm -o gemm-model.json", ""})
final class PredictTrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;


    @Mixin
    PredictDataOptions data;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", required = true, description = "Write the model here.")
    Path outFile;

    @Override
    public Integer call() throws Exception {
        TrainingRows rows = data.rows();
        Predictor model = data.trainer().train(rows, data.parsedTarget(), data.files.stream().map(Path::toString).toList());
        model.write(outFile);
        ModelFile f = model.file();
        PrintWriter out = spec.commandLine().getOut();
        List<TrainingRow> all = rows.rows();
        out.printf(Locale.ROOT, "Trained %s on %d rows of track %s: %d shapes, %d kernel settings, %d host(s); %d trees (%s %s)%n", f.target(), f.rows(),
                f.track(), all.stream().map(TrainingRow::shape).distinct().count(), f.settings().size(), f.hosts().size(), f.library().trees(),
                f.library().name(), f.library().version());
        PredictScoresTable.print(f.heldOut(), Target.parse(f.target()), true, PredictScoresTable.TRAIN_WORST, out);
        out.println("Model: " + outFile);
        out.flush();
        return BenchCli.OK;
    }
}
