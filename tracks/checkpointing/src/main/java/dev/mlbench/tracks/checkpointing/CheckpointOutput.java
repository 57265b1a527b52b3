package dev.mlbench.tracks.checkpointing;

/** What a checkpointing kernel leaves to be checked. */
public sealed interface CheckpointOutput {

    /**
     * A saved checkpoint, the latest in {@code store}. The check reads it back and then calls
     * {@code cleanup}, which removes it from the disk.
     */
    record Saved(CheckpointStore store, Runnable cleanup) implements CheckpointOutput {
    }

    /** A loaded state, split over the workload's load ranks. */
    record Loaded(StateBuffers state) implements CheckpointOutput {
    }
}
