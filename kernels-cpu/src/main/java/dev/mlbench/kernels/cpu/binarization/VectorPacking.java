package dev.mlbench.kernels.cpu.binarization;

import dev.mlbench.tracks.binarization.BitPacking;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Sign packing with the Vector API: one compare per vector of floats gives a lane mask, and
 * {@code VectorMask.toLong()} (a mask-register move on AVX-512) gives its bits, 64 / lanes masks per word.
 */
final class VectorPacking {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int FL = F.length();

    private VectorPacking() {
    }

    /** As {@link BinaryMath#pack}. */
    static void pack(float[] x, int len, float[] thresholds, int from, int to, long[] out, float[] absSums) {
        int words = BitPacking.words(len);
        int full = len & ~63;
        for (int r = from; r < to; r++) {
            int base = r * len;
            int o = r * words;
            FloatVector abs = FloatVector.zero(F);
            for (int p = 0; p < full; p += 64) {
                long word = 0;
                for (int q = 0; q < 64; q += FL) {
                    FloatVector v = FloatVector.fromArray(F, x, base + p + q);
                    VectorMask<Float> negative = thresholds == null
                            ? v.compare(VectorOperators.LT, 0f)
                            : v.compare(VectorOperators.LT, FloatVector.fromArray(F, thresholds, p + q));
                    word |= negative.toLong() << q;
                    abs = abs.add(v.abs());
                }
                out[o + (p >>> 6)] = word;
            }
            if (full < len) {
                long word = 0;
                for (int q = 0; full + q < len; q += FL) {
                    VectorMask<Float> in = F.indexInRange(full + q, len);
                    FloatVector v = FloatVector.fromArray(F, x, base + full + q, in);
                    // lanes past the row load as 0 (and so do their thresholds): 0 < 0 leaves their bits clear
                    VectorMask<Float> negative = thresholds == null
                            ? v.compare(VectorOperators.LT, 0f)
                            : v.compare(VectorOperators.LT, FloatVector.fromArray(F, thresholds, full + q, in));
                    word |= negative.toLong() << q;
                    abs = abs.add(v.abs());
                }
                out[o + (full >>> 6)] = word;
            }
            if (absSums != null) {
                absSums[r] = abs.reduceLanes(VectorOperators.ADD);
            }
        }
    }
}
