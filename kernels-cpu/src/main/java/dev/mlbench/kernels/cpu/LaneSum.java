package dev.mlbench.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sum of a vector's lanes by one fixed pairwise tree: lane i is added to lane i xor L/2, then i xor L/4, ... down
 * to i xor 1. {@code reduceLanes(ADD)} leaves the order open, and the interpreter's order differs from C2's, so a kernel
 * summing with it gives outputs a rounding apart before and after it is compiled; the harness requires a kernel to
 * repeat its output exactly.
 */
public final class LaneSum {

    /** The sum for the Vector API's preferred species ({@link VectorExp#SPECIES}). */
    public static final LaneSum PREFERRED = new LaneSum(VectorExp.SPECIES);

    /**
     * The shuffle of each step, pairing lane i with lane i xor step; null where the species has no more than
     * {@code step} lanes. Fields and straight-line code rather than a loop over an array: C2 may leave
     * {@link #of} out of line where it is called rarely, and the loop's form then ran the Vector API's unintrinsified
     * fallback, allocating two vectors a step.
     */
    private final VectorShuffle<Float> s32, s16, s8, s4, s2, s1;

    /** The sum for vectors of {@code species} (at most 64 lanes: the Vector API's largest float species). */
    public LaneSum(VectorSpecies<Float> species) {
        if (species.length() > 64) {
            throw new IllegalArgumentException("at most 64 lanes, not " + species.length());
        }
        s32 = pair(species, 32);
        s16 = pair(species, 16);
        s8 = pair(species, 8);
        s4 = pair(species, 4);
        s2 = pair(species, 2);
        s1 = pair(species, 1);
    }

    private static VectorShuffle<Float> pair(VectorSpecies<Float> species, int step) {
        return species.length() > step ? VectorShuffle.fromOp(species, i -> i ^ step) : null;
    }

    /** The sum of {@code v}'s lanes. */
    public float of(FloatVector v) {
        v = s32 == null ? v : v.add(v.rearrange(s32));
        v = s16 == null ? v : v.add(v.rearrange(s16));
        v = s8 == null ? v : v.add(v.rearrange(s8));
        v = s4 == null ? v : v.add(v.rearrange(s4));
        v = s2 == null ? v : v.add(v.rearrange(s2));
        v = s1 == null ? v : v.add(v.rearrange(s1));
        return v.lane(0);
    }
}
