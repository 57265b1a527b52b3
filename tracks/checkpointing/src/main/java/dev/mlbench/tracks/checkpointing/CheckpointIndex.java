package dev.mlbench.tracks.checkpointing;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The index of a sharded checkpoint, {@code index.json} beside the rank files (the Universal Checkpointing
 * idea): for every parameter, its full dtype and shape and where each of its fragments lies: which rank
 * wrote it, in which file, which elements of the flattened tensor it holds, and at which data offsets of
 * that file. A loader with any number of ranks finds its slice of every tensor from this alone.
 *
 * @param format  {@value #FORMAT}
 * @param ranks   how many ranks wrote the checkpoint (one file each)
 * @param tensors every tensor, in the order they were written
 */
public record CheckpointIndex(String format, int ranks, List<Tensor> tensors) {

    /** The format tag of this index version. */
    public static final String FORMAT = "bench-checkpoint/1";
    /** The index's file name in a checkpoint directory. */
    public static final String FILE = "index.json";

    /**
     * One parameter.
     *
     * @param name      its name (also its key in every rank file holding a fragment of it)
     * @param dtype     safetensors dtype name
     * @param shape     the full tensor's dimensions
     * @param fragments its non-empty fragments, in element order
     */
    public record Tensor(String name, String dtype, List<Long> shape, List<Fragment> fragments) {
    }

    /**
     * A contiguous part of a flattened parameter.
     *
     * @param rank        the rank that wrote it
     * @param file        the rank's safetensors file, relative to the checkpoint directory
     * @param begin       first element of the flattened tensor it holds
     * @param end         one past its last element
     * @param dataOffsets its {@code data_offsets} in that file (relative to the file's data)
     */
    public record Fragment(int rank, String file, long begin, long end, @JsonProperty("data_offsets") List<Long> dataOffsets) {
    }

    /** The file name of rank {@code rank} of {@code ranks}, e.g. {@code rank-00001-of-00004.safetensors}. */
    public static String rankFile(int rank, int ranks) {
        return String.format("rank-%05d-of-%05d.safetensors", rank, ranks);
    }
}
