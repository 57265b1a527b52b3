package dev.mlbench.core.spi;

import java.util.List;

/**
 * A benchmark track: an operation with its workloads, seeded inputs, reference and correctness rule.
 * Found through {@link java.util.ServiceLoader}; the harness knows no track by name.
 *
 * @param <W> the workload type (a record of shape and options)
 * @param <I> the input type produced by {@link #inputs}
 * @param <O> the output type kernels produce
 * @param <R> the reference type: the exact output and whatever the check needs beside it (error bounds)
 */
public interface Track<W, I, O, R> {

    /** Unique name, e.g. {@code gemm}; definitions are looked up as {@code configs/tracks/<name>.yaml}. */
    String name();

    /** One line saying what is measured. */
    String description();

    /** The parameters a workload has, with ranges that reject absurd sizes. */
    List<ParamSpec> workloadParams();

    /** Builds a workload from validated values; may still reject combinations (throw IllegalArgumentException). */
    W workload(ParamValues values);

    /** A short label for tables, e.g. {@code 512x4096x4096}. */
    String label(W workload);

    /** The tolerance used when a definition sets none. */
    Tolerance defaultTolerance();

    /** Generates the inputs for a workload; the same seed must give the same inputs in every JVM. */
    I inputs(W workload, long seed);

    /** Computes the reference, in higher precision where it matters. */
    R reference(W workload, I inputs);

    /** Compares a kernel's output with the reference. */
    Correctness check(W workload, O output, R reference, Tolerance tolerance);

    /** FLOPs and minimum bytes moved by one operation. */
    Work work(W workload);

    /** How operations are timed; {@link MeasureMode#AVERAGE_TIME} unless the track says otherwise. */
    default MeasureMode measureMode() {
        return MeasureMode.AVERAGE_TIME;
    }

    /**
     * Estimated bytes of heap one trial needs at its peak (inputs, output, reference and kernel
     * workspace); trials beyond the JVM heap are refused before anything is allocated.
     */
    long footprintBytes(W workload);
}
