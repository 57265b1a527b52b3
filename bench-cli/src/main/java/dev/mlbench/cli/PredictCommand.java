package dev.mlbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bench predict}: learns runtime (or energy) from results files and estimates shapes it never measured. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Learns a kernel's time (or energy) from results files and estimates shapes that were never run.", "",
                "'train' fits a random forest over the workload, its work and roofline, the kernel and its parameters and the host, "
                        + "'estimate' predicts a shape with the trees' spread and ranks the settings the model knows, 'evaluate' scores "
                        + "the method on shapes held out of training against the roofline. See docs/predict.md.", ""},
        subcommands = {PredictTrainCommand.class, PredictEstimateCommand.class, PredictEvaluateCommand.class})
final class PredictCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a predict command is required: train, estimate or evaluate");
    }
}
