package dev.mlbench.core.spi;

import java.util.Map;

/**
 * A kernel bound to one workload's inputs, ready to run. {@link #run()} is the timed operation; it must
 * leave its result where {@link #output()} can read it. Resources are released by {@link #close()}.
 *
 * @param <O> the track's output type
 */
public interface Prepared<O> extends AutoCloseable {

    /**
     * The {@link #metrics()} name under which a kernel reports the bytes one call moves at least, when its storage
     * differs from what its track's {@link Work#bytesMoved()} counts: a quantized GEMV reads its int8 codes, not the
     * fp32 weights the track's work is stated in. Where present (finite and positive), the row's {@code bytes}, GB/s,
     * share of bandwidth and cold rotation use it; the work's FLOPs stay as the track counts them.
     */
    String BYTES_MOVED = "bytes_moved";

    /** The timed operation. Called many times; each call recomputes the full output. */
    void run() throws Exception;

    /** The output of the last {@link #run()}, copied to host memory if needed (not timed). */
    O output() throws Exception;

    /**
     * Figures the kernel reports about itself (bytes of packed weights, passes over memory, outlier
     * fraction...), read once in the harness JVM after the correctness run and never timed. Recorded in
     * the row's {@code metrics.extra}; names are snake_case with their unit in the name ({@code weight_bytes}).
     */
    default Map<String, Double> metrics() {
        return Map.of();
    }

    /**
     * Per-operation figures measured inside the timed operation (e.g. {@code stall_ns}, the part of a
     * checkpoint save the caller waits for), read in the benchmark JVM after every measured iteration:
     * each value is the mean per operation since the previous call, after which the kernel resets them.
     * Their mean over iterations is recorded in the row's {@code metrics.extra}.
     */
    default Map<String, Double> iterationCounters() {
        return Map.of();
    }

    @Override
    default void close() throws Exception {
    }
}
