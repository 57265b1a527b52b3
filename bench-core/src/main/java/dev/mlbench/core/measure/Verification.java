package dev.mlbench.core.measure;

import dev.mlbench.core.spi.Correctness;

/** The outcome of checking a kernel against its track's reference, before any timing. */
public sealed interface Verification {

    /** The output is within tolerance: the trial may be measured. */
    record Passed(Correctness correctness) implements Verification {
    }

    /** The output disagrees with the reference: the row is invalid and never measured or ranked. */
    record Invalid(Correctness correctness) implements Verification {
    }

    /** The kernel threw or could not be prepared: the row is failed with this reason. */
    record Failed(String reason) implements Verification {
    }
}
