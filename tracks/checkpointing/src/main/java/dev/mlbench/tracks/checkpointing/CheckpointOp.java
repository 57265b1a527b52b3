package dev.mlbench.tracks.checkpointing;

/** What one timed operation of the track is. */
public enum CheckpointOp {
    /** Save the state as a checkpoint written by {@code ranks} ranks. */
    SAVE("save"),
    /** Load a checkpoint written by {@code ranks} ranks into as many ranks. */
    LOAD("load"),
    /** Load a checkpoint written by {@code ranks} ranks into {@code load_ranks} ranks. */
    RESHARD_LOAD("reshard-load");

    private final String label;

    CheckpointOp(String label) {
        this.label = label;
    }

    /** The name definitions use. */
    public String label() {
        return label;
    }

    /** The op a definition names. */
    public static CheckpointOp parse(String name) {
        for (CheckpointOp op : values()) {
            if (op.label.equals(name)) {
                return op;
            }
        }
        throw new IllegalArgumentException("op must be save, load or reshard-load, got '" + name + "'");
    }
}
