package dev.mlbench.tracks.checkpointing;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * The simulated training step that runs while an asynchronous checkpoint is written: a forward/backward pass
 * that only reads the weights, then an optimizer update that changes every tensor in checkpoint order. With
 * a {@link FlushTracker} the update waits for each tensor's flush, and {@link FlushTracker#requireFlushed}
 * refuses to change a tensor the checkpoint still reads.
 */
public final class TrainingStep {

    /** The decay the update applies to every element. */
    static final float DECAY = 1 - 1e-4f;

    private TrainingStep() {
    }

    /**
     * Runs one step on {@code state} (whole tensors). Returns nanoseconds spent waiting for flushes and the
     * forward pass's checksum, so the read is not optimized away.
     *
     * @param flushes the checkpoint in flight, or null when the state may be changed freely
     */
    public static long[] run(StateBuffers state, FlushTracker flushes) throws InterruptedException, IOException {
        ModelLayout layout = state.layout();
        float sum = 0;
        for (int t = 0; t < layout.size(); t++) {
            if (!layout.tensor(t).name().startsWith("optim.")) {
                sum += forward(state.fragment(0, t), layout.tensor(t).dtype());
            }
        }
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
        return new long[] {waited, Float.floatToRawIntBits(sum)};
    }

    private static float forward(MemorySegment w, Dtype dtype) {
        float acc = 0;
        if (dtype == Dtype.F32) {
            for (long i = 0; i < w.byteSize(); i += 4) {
                acc += w.get(StateGenerator.F32_LE, i);
            }
        } else {
            for (long i = 0; i < w.byteSize(); i += 2) {
                acc += Float.intBitsToFloat(w.get(StateGenerator.I16_LE, i) << 16);
            }
        }
        return acc;
    }

    private static void update(MemorySegment w, Dtype dtype) {
        if (dtype == Dtype.F32) {
            for (long i = 0; i < w.byteSize(); i += 4) {
                w.set(StateGenerator.F32_LE, i, w.get(StateGenerator.F32_LE, i) * DECAY);
            }
        } else {
            for (long i = 0; i < w.byteSize(); i += 2) {
                float v = Float.intBitsToFloat(w.get(StateGenerator.I16_LE, i) << 16) * DECAY;
                w.set(StateGenerator.I16_LE, i, (short) (Float.floatToRawIntBits(v) >>> 16));
            }
        }
    }
}
