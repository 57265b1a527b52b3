package dev.mlbench.predict;

/**
 * Input the predictor cannot use: a model file that is truncated or not a model, results without the rows or the
 * calibration a model needs, a shape that does not fit the model's track. The message is one line that names the file,
 * row or field at fault; the command line shows it and exits 2.
 */
public final class PredictInputException extends RuntimeException {

    /** With the message shown to the user. */
    public PredictInputException(String message) {
        super(message);
    }
}
