package dev.mlbench.core.measure;

import dev.mlbench.core.spi.Correctness;

import java.util.Map;

/** The outcome of checking a kernel against its track's reference, before any timing. */
public sealed interface Verification {

    /**
     * The output is within tolerance: the trial may be measured.
     *
     * @param kernelMetrics what the kernel reported about itself after the run ({@code Prepared.metrics()})
     */
    record Passed(Correctness correctness, Map<String, Double> kernelMetrics) implements Verification {
    }

    /** The output disagrees with the reference: the row is invalid and never measured or ranked. */
    record Invalid(Correctness correctness, Map<String, Double> kernelMetrics) implements Verification {
    }

    /** The kernel threw or could not be prepared: the row is failed with this reason. */
    record Failed(String reason) implements Verification {
    }
}
