package dev.mlbench.core.spi;

/**
 * A kernel bound to one workload's inputs, ready to run. {@link #run()} is the timed operation; it must
 * leave its result where {@link #output()} can read it. Resources are released by {@link #close()}.
 *
 * @param <O> the track's output type
 */
public interface Prepared<O> extends AutoCloseable {

    /** The timed operation. Called many times; each call recomputes the full output. */
    void run() throws Exception;

    /** The output of the last {@link #run()}, copied to host memory if needed (not timed). */
    O output() throws Exception;

    @Override
    default void close() throws Exception {
    }
}
