package dev.mlbench.core.results;

/** A results file that cannot be read: missing, not JSON, or written in a schema version this build does not read. */
public final class ResultFileException extends RuntimeException {

    /** With the message shown to the user. */
    public ResultFileException(String message) {
        super(message);
    }
}
