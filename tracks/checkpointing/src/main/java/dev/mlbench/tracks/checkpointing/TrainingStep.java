package dev.mlbench.tracks.checkpointing;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * The simulated training step that runs while an asynchronous checkpoint is written. Its forward and
 * backward pass would run on an accelerator and only read the weights: here it is a wait of the given
 * length that leaves the CPU to the checkpoint. Its optimizer update then changes every tensor, in
 * checkpoint order: one element in every 4 KiB page and the last element, so every page of host memory
 * the checkpoint reads is written to, at a CPU cost that does not compete with the writer on a small
 * machine (on a real node the update runs on the accelerator too). With a {@link FlushTracker} the update
 * waits for each tensor's flush, and {@link FlushTracker#requireFlushed} refuses to change a tensor the
 * checkpoint still reads.
 */
public final class TrainingStep {

    /** The decay the update applies to the elements it changes. */
    static final float DECAY = 1 - 1e-4f;
    /** Bytes between changed elements: one per page. */
    static final long UPDATE_STRIDE = 4096;

    private TrainingStep() {
    }

    /**
     * Runs one step on {@code state} (whole tensors) and returns the nanoseconds its update waited for
     * flushes.
     *
     * @param flushes      the checkpoint in flight, or null when the state may be changed freely
     * @param computeNanos how long the forward and backward pass take
     */
    public static long run(StateBuffers state, FlushTracker flushes, long computeNanos) throws InterruptedException, IOException {
        if (computeNanos > 0) {
            Thread.sleep(computeNanos / 1_000_000, (int) (computeNanos % 1_000_000));
        }
        ModelLayout layout = state.layout();
        long waited = 0;
        for (int t = 0; t < layout.size(); t++) {
            if (flushes != null) {
                long t0 = System.nanoTime();
                flushes.awaitFlushed(t);
                waited += System.nanoTime() - t0;
                flushes.requireFlushed(t);
            }
            update(state.fragment(0, t), layout.tensor(t).dtype());
        }
        return waited;
    }

    private static void update(MemorySegment w, Dtype dtype) {
        long size = w.byteSize();
        if (size == 0) {
            return;
        }
        int element = dtype.size();
        for (long i = 0; i < size; i += UPDATE_STRIDE) {
            decay(w, i, dtype);
        }
        decay(w, size - element, dtype);
    }

    private static void decay(MemorySegment w, long offset, Dtype dtype) {
        if (dtype == Dtype.F32) {
            w.set(StateGenerator.F32_LE, offset, w.get(StateGenerator.F32_LE, offset) * DECAY);
        } else {
            float v = Float.intBitsToFloat(w.get(StateGenerator.I16_LE, offset) << 16) * DECAY;
            w.set(StateGenerator.I16_LE, offset, (short) (Float.floatToRawIntBits(v) >>> 16));
        }
    }
}
