package dev.mlbench.kernels.cpu.checkpoint;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.tracks.checkpointing.CheckpointStore;
import dev.mlbench.tracks.checkpointing.CheckpointWorkload;
import dev.mlbench.tracks.checkpointing.StateBuffers;

import java.lang.foreign.Arena;
import java.util.concurrent.ExecutorService;

/**
 * {@code sync}: the training loop serializes, writes and fsyncs every rank file itself, one after another,
 * and publishes the checkpoint before it resumes: the stall is the whole save. Loads read the rank files
 * one after another on the calling thread.
 */
public final class SyncCheckpointKernel extends NioCheckpointKernel {

    @Override
    public String name() {
        return "sync";
    }

    @Override
    public String description() {
        return "write and fsync on the training thread, rank files in turn; the loop is blocked throughout";
    }

    @Override
    SaveStrategy saver(CheckpointWorkload w, CheckpointStore store, StateBuffers state, Arena arena, KernelConfig config) {
        return blocking(w, store, state, null);
    }

    @Override
    ExecutorService loadPool(CheckpointWorkload w) {
        return null;
    }
}
