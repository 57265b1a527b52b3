package dev.mlbench.tracks.checkpointing;

/**
 * One checkpointing workload.
 *
 * @param stateMib  the training state's size in MiB (weights plus Adam moments)
 * @param weights   the weights' dtype, {@link Dtype#F32} or {@link Dtype#BF16}; the moments are always fp32
 * @param op        save, load or reshard-load
 * @param ranks     ranks (one file each) that write the checkpoint
 * @param loadRanks ranks that load it (equal to {@code ranks} unless resharding)
 * @param dir       the folder checkpoints go to; empty for the default (see {@link CheckpointTrack#targetDirectory})
 */
public record CheckpointWorkload(int stateMib, Dtype weights, CheckpointOp op, int ranks, int loadRanks, String dir) {

    public CheckpointWorkload {
        if (stateMib < 1) {
            throw new IllegalArgumentException("state_mib must be at least 1, got " + stateMib);
        }
        if (weights != Dtype.F32 && weights != Dtype.BF16) {
            throw new IllegalArgumentException("weights must be fp32 or bf16, got " + weights);
        }
        if (ranks < 1 || loadRanks < 1) {
            throw new IllegalArgumentException("ranks and load_ranks must be at least 1");
        }
        if (op != CheckpointOp.RESHARD_LOAD && loadRanks != ranks) {
            throw new IllegalArgumentException("load_ranks applies to op reshard-load only");
        }
    }

    /** The state's tensors. */
    public ModelLayout layout() {
        return ModelLayout.transformer((long) stateMib << 20, weights);
    }
}
