package dev.mlbench.kernels.cpu.checkpoint;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.tracks.checkpointing.CheckpointStore;
import dev.mlbench.tracks.checkpointing.CheckpointWorkload;
import dev.mlbench.tracks.checkpointing.StateBuffers;

import java.lang.foreign.Arena;
import java.util.concurrent.ExecutorService;

/**
 * {@code sharded}: one writer thread per rank, each writing and fsyncing its own file at once, as the ranks of
 * a data-parallel job do; the loop waits for all of them and the publication. Loads read the rank files in
 * parallel, one thread per file, resharding into the load ranks on the way.
 */
public final class ShardedCheckpointKernel extends NioCheckpointKernel {

    @Override
    public String name() {
        return "sharded";
    }

    @Override
    public String description() {
        return "one writer (and reader) thread per rank file, in parallel; the loop waits for all";
    }

    @Override
    SaveStrategy saver(CheckpointWorkload w, CheckpointStore store, StateBuffers state, Arena arena, KernelConfig config) {
        return blocking(w, store, state, ioPool(w.ranks(), "writer"));
    }

    @Override
    ExecutorService loadPool(CheckpointWorkload w) {
        return ioPool(w.ranks(), "reader");
    }
}
