package dev.mlbench.tracks.checkpointing;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Deterministic synthetic tensor values: each element is a hash of (seed, tensor, element), so any slice
 * of any tensor can be generated, or compared with, on its own, in any JVM. Weights are uniform in
 * [-0.05, 0.05), Adam's first moments in [-1e-3, 1e-3), second moments in [0, 1e-6). BF16 tensors hold the
 * upper 16 bits of the fp32 value.
 *
 * @param layout the tensors
 * @param seed   the run's seed
 */
public record StateGenerator(ModelLayout layout, long seed) {

    /** Little-endian fp32, as safetensors stores it. */
    public static final ValueLayout.OfFloat F32_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Little-endian 16-bit, as safetensors stores BF16. */
    public static final ValueLayout.OfShort I16_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final long COMPARE_CHUNK = 1 << 20;

    /** Writes elements {@code [first, first + count)} of tensor {@code index} into {@code dst} (from byte 0). */
    public void fill(MemorySegment dst, int index, long first, long count) {
        TensorSpec t = layout.tensor(index);
        float scale;
        float offset;
        if (t.name().startsWith(ModelLayout.EXP_AVG_SQ)) {
            scale = 1e-6f;
            offset = 0f;
        } else if (t.name().startsWith(ModelLayout.EXP_AVG)) {
            scale = 2e-3f;
            offset = -1e-3f;
        } else {
            scale = 0.1f;
            offset = -0.05f;
        }
        long base = mix(seed ^ (0x9E3779B97F4A7C15L * (index + 1)));
        switch (t.dtype()) {
            case F32 -> {
                for (long i = 0; i < count; i++) {
                    dst.set(F32_LE, 4 * i, value(base, first + i, scale, offset));
                }
            }
            case BF16 -> {
                for (long i = 0; i < count; i++) {
                    dst.set(I16_LE, 2 * i, (short) (Float.floatToRawIntBits(value(base, first + i, scale, offset)) >>> 16));
                }
            }
            default -> throw new IllegalArgumentException("no generator for dtype " + t.dtype() + " of tensor " + t.name());
        }
    }

    /**
     * The first element of {@code actual} (holding elements {@code [first, first + count)} of tensor
     * {@code index}) that differs bitwise from the generated value, relative to {@code first}; -1 when all match.
     */
    public long firstMismatch(MemorySegment actual, int index, long first, long count, MemorySegment scratch) {
        int size = layout.tensor(index).dtype().size();
        long chunk = Math.min(COMPARE_CHUNK, scratch.byteSize() / size);
        for (long done = 0; done < count; done += chunk) {
            long n = Math.min(chunk, count - done);
            fill(scratch, index, first + done, n);
            long at = MemorySegment.mismatch(actual, done * size, (done + n) * size, scratch, 0, n * size);
            if (at >= 0) {
                return done + at / size;
            }
        }
        return -1;
    }

    /** A scratch buffer big enough for {@link #firstMismatch}'s chunks. */
    public static MemorySegment scratch(java.lang.foreign.Arena arena) {
        return arena.allocate(COMPARE_CHUNK * Long.BYTES, 64);
    }

    private static float value(long base, long element, float scale, float offset) {
        long h = mix(base + element * 0xBF58476D1CE4E5B9L);
        return (h >>> 40) * 0x1p-24f * scale + offset;
    }

    /** SplitMix64's finalizer. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
