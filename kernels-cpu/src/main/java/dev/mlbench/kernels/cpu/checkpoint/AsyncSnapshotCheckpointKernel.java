package dev.mlbench.kernels.cpu.checkpoint;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.tracks.checkpointing.CheckpointStore;
import dev.mlbench.tracks.checkpointing.CheckpointWorkload;
import dev.mlbench.tracks.checkpointing.StateBuffers;
import dev.mlbench.tracks.checkpointing.TrainingStep;

import java.lang.foreign.Arena;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * {@code async-snapshot} (PyTorch's async save): the loop copies the state to a staging buffer allocated once
 * in prepare, tensors spread over the run's threads, then resumes; a background thread writes, fsyncs and
 * publishes the staged copy while the next training step changes the live state freely. The stall is the
 * copy.
 */
public final class AsyncSnapshotCheckpointKernel extends NioCheckpointKernel {

    @Override
    public String name() {
        return "async-snapshot";
    }

    @Override
    public String description() {
        return "copy to a staging buffer, resume; a background thread writes and fsyncs the copy";
    }

    @Override
    public List<ParamSpec> tunables() {
        return List.of(STEP_MS);
    }

    @Override
    SaveStrategy saver(CheckpointWorkload w, CheckpointStore store, StateBuffers state, Arena arena, KernelConfig config) {
        StateBuffers staging = StateBuffers.allocate(state.layout(), 1, arena);
        ExecutorService writer = ioPool(1, "writer");
        long step = stepNanos(config);
        return new SaveStrategy() {
            private Future<Long> save;

            @Override
            public void begin() throws Exception {
                staging.copyFrom(state, config.pool());
                save = writer.submit(() -> {
                    store.save(staging, w.ranks(), null, null);
                    return System.nanoTime();
                });
            }

            @Override
            public long finish() throws Exception {
                return overlap(() -> TrainingStep.run(state, null, step), save);
            }

            @Override
            public void close() {
                writer.shutdownNow();
            }
        };
    }

    @Override
    ExecutorService loadPool(CheckpointWorkload w) {
        throw new IllegalArgumentException("async-snapshot only saves; loads are measured by sync and sharded");
    }
}
