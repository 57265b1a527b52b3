package dev.mlbench.cli;

/** A mistake in how the command was called that parsing alone cannot catch; exits with code 2. */
final class UsageError extends RuntimeException {

    UsageError(String message) {
        super(message);
    }
}
