package dev.mlbench.kernels.cpu.checkpoint;

/** How a kernel saves one checkpoint, split where the training loop resumes. */
interface SaveStrategy extends AutoCloseable {

    /** Starts a checkpoint; returns when the training loop may resume (the stall ends). */
    void begin() throws Exception;

    /**
     * Runs what the training loop does while the checkpoint completes (the simulated next step, for strategies
     * that let it overlap), then waits until the checkpoint is durable and published. Returns the
     * {@link System#nanoTime()} at which it was published.
     */
    long finish() throws Exception;

    /** Nanoseconds the last step waited for tensors to be flushed (lazy strategies). */
    default long stepWaitNanos() {
        return 0;
    }

    @Override
    default void close() {
    }
}
