package dev.mlbench.kernels.cpu.checkpoint;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.tracks.checkpointing.CheckpointStore;
import dev.mlbench.tracks.checkpointing.CheckpointWorkload;
import dev.mlbench.tracks.checkpointing.FlushTracker;
import dev.mlbench.tracks.checkpointing.StateBuffers;
import dev.mlbench.tracks.checkpointing.TrainingStep;

import java.lang.foreign.Arena;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * {@code lazy-async} (DataStates-LLM): no staging copy. The loop resumes at once while a background thread
 * writes the live tensors straight from their buffers; the next step's forward/backward pass only reads
 * them, and its optimizer update waits for each tensor's flush before changing it (enforced by a per-tensor
 * {@link FlushTracker}). The stall is only starting the writer.
 */
public final class LazyAsyncCheckpointKernel extends NioCheckpointKernel {

    @Override
    public String name() {
        return "lazy-async";
    }

    @Override
    public String description() {
        return "no copy: a background thread writes live tensors; the step's update waits per tensor for its flush";
    }

    @Override
    public List<ParamSpec> tunables() {
        return List.of(STEP_MS);
    }

    @Override
    SaveStrategy saver(CheckpointWorkload w, CheckpointStore store, StateBuffers state, Arena arena, KernelConfig config) {
        ExecutorService writer = ioPool(1, "writer");
        long step = stepNanos(config);
        FlushTracker flushes = new FlushTracker(state.layout(), w.ranks());
        return new SaveStrategy() {
            private Future<Long> save;
            private long waited;

            @Override
            public void begin() {
                flushes.start();
                save = writer.submit(() -> {
                    store.save(state, w.ranks(), null, flushes);
                    return System.nanoTime();
                });
            }

            @Override
            public long finish() throws Exception {
                return overlap(() -> waited = TrainingStep.run(state, flushes, step), save);
            }

            @Override
            public long stepWaitNanos() {
                return waited;
            }

            @Override
            public void close() {
                writer.shutdownNow();
            }
        };
    }

    @Override
    ExecutorService loadPool(CheckpointWorkload w) {
        throw new IllegalArgumentException("lazy-async only saves; loads are measured by sync and sharded");
    }
}
