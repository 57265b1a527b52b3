package dev.mlbench.core.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What became of a trial. */
public enum Status {
    /** Timed, and its output passed the correctness check. */
    MEASURED,
    /** Not run: its backend or kernel is unavailable here; the reason says why. */
    SKIPPED,
    /** Its output disagreed with the reference; never timed, never ranked. */
    INVALID,
    /** It threw, timed out or crashed its JVM; the reason carries the message. */
    FAILED;

    /** How bad the outcome is, for pooling rows of one key: measured, then skipped, failed, invalid. */
    public int severity() {
        return switch (this) {
            case MEASURED -> 0;
            case SKIPPED -> 1;
            case FAILED -> 2;
            case INVALID -> 3;
        };
    }

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Status parse(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
