package dev.mlbench.tracks.checkpointing;

import java.io.IOException;

/** A checkpoint file that is malformed or whose data does not match its checksums; the message says where. */
public final class CorruptCheckpointException extends IOException {

    public CorruptCheckpointException(String message) {
        super(message);
    }
}
