package dev.mlbench.tracks.checkpointing;

import dev.mlbench.core.spi.Kernel;

/**
 * The contract of a checkpointing kernel (a strategy): its timed operation is one checkpoint save, or one
 * load, of the workload's state, durable and published when it returns. Kernels report the training loop's
 * stall per operation as the iteration counter {@code stall_ns}.
 */
public abstract class CheckpointKernel implements Kernel<CheckpointWorkload, CheckpointInputs, CheckpointOutput> {

    @Override
    public final String track() {
        return CheckpointTrack.NAME;
    }
}
