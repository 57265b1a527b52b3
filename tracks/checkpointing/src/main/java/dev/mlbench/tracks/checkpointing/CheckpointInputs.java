package dev.mlbench.tracks.checkpointing;

import java.nio.file.Path;

/**
 * What a checkpointing kernel starts from: the generator of the model state (kernels materialize the state
 * themselves, in native memory) and the folder their checkpoints go to.
 *
 * @param generator the seeded state
 * @param directory the folder under which each kernel makes its own checkpoint folder
 */
public record CheckpointInputs(StateGenerator generator, Path directory) {
}
