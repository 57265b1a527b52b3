package dev.mlbench.tracks.checkpointing;

import java.util.List;
import java.util.Objects;

/**
 * One named tensor of the model state: its element type and shape (row-major, little-endian bytes).
 *
 * @param name  unique name, e.g. {@code layers.3.mlp.up.weight}
 * @param dtype element type
 * @param shape dimensions, outermost first; empty for a scalar
 */
public record TensorSpec(String name, Dtype dtype, List<Long> shape) {

    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = List.copyOf(shape);
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor " + name + " has a negative dimension: " + shape);
            }
        }
    }

    /** A tensor of the given dimensions. */
    public static TensorSpec of(String name, Dtype dtype, long... shape) {
        return new TensorSpec(name, dtype, java.util.Arrays.stream(shape).boxed().toList());
    }

    /** Number of elements (1 for a scalar). */
    public long elements() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Size of the tensor's data in bytes. */
    public long bytes() {
        return Math.multiplyExact(elements(), dtype.size());
    }
}
