package dev.mlbench.tracks.checkpointing;

import java.io.IOException;

/**
 * Which tensors a checkpoint in progress has finished reading from the live state. A tensor is flushed once
 * all its fragments have been handed to the file system; until then the training loop must not change it.
 * {@link #requireFlushed} enforces this where the training step mutates a tensor.
 */
public final class FlushTracker {

    private final ModelLayout layout;
    private final int[] fragments;
    private final int[] pending;
    private Throwable failure;

    /** Tracks a checkpoint of {@code layout} written by {@code ranks} ranks; every tensor starts flushed. */
    public FlushTracker(ModelLayout layout, int ranks) {
        this.layout = layout;
        this.fragments = new int[layout.size()];
        this.pending = new int[layout.size()];
        for (int t = 0; t < layout.size(); t++) {
            long n = layout.tensor(t).elements();
            for (int r = 0; r < ranks; r++) {
                if (ModelLayout.fragmentBegin(n, ranks, r + 1) > ModelLayout.fragmentBegin(n, ranks, r)) {
                    fragments[t]++;
                }
            }
        }
    }

    /** Marks every tensor not yet flushed: a checkpoint starts. */
    public synchronized void start() {
        System.arraycopy(fragments, 0, pending, 0, pending.length);
        failure = null;
    }

    /** One fragment of {@code tensor} has been written out of the live state. */
    public synchronized void fragmentFlushed(int tensor) {
        if (pending[tensor] > 0 && --pending[tensor] == 0) {
            notifyAll();
        }
    }

    /** The checkpoint failed: waiters are released with {@code cause}. */
    public synchronized void fail(Throwable cause) {
        failure = cause;
        notifyAll();
    }

    /** Whether {@code tensor} may be changed now. */
    public synchronized boolean isFlushed(int tensor) {
        return pending[tensor] == 0;
    }

    /** Blocks until {@code tensor} is flushed; throws if the checkpoint failed first. */
    public synchronized void awaitFlushed(int tensor) throws InterruptedException, IOException {
        while (pending[tensor] > 0 && failure == null) {
            wait();
        }
        if (pending[tensor] > 0) {
            throw new IOException("checkpoint failed before tensor " + layout.tensor(tensor).name() + " was written", failure);
        }
    }

    /** Throws {@link IllegalStateException} if {@code tensor} is still being checkpointed. */
    public void requireFlushed(int tensor) {
        if (!isFlushed(tensor)) {
            throw new IllegalStateException("tensor " + layout.tensor(tensor).name()
                    + " would change while a checkpoint still reads it; wait for its flush first");
        }
    }
}
