package dev.mlbench.tracks.checkpointing;

/**
 * The element types of the safetensors format, named exactly as the format's header spells them, with
 * their size in bytes. Checkpoints of this track use {@link #F32} and {@link #BF16}; the others are read.
 */
public enum Dtype {
    BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1),
    I16(2), U16(2), F16(2), BF16(2),
    I32(4), U32(4), F32(4),
    I64(8), U64(8), F64(8);

    private final int size;

    Dtype(int size) {
        this.size = size;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** The dtype a header names; throws with the list of known names otherwise. */
    public static Dtype parse(String name) {
        for (Dtype d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown safetensors dtype '" + name + "'");
    }
}
