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

    /** For each step of the tree, the shuffle pairing lane i with lane i xor step. */
    private final VectorShuffle<Float>[] pairs;

    /** The sum for vectors of {@code species}. */
    @SuppressWarnings("unchecked")
    public LaneSum(VectorSpecies<Float> species) {
        int lanes = species.length();
        int steps = Integer.numberOfTrailingZeros(lanes);
        pairs = new VectorShuffle[steps];
        for (int s = 0; s < steps; s++) {
            int step = lanes >> (s + 1);
            pairs[s] = VectorShuffle.fromOp(species, i -> i ^ step);
        }
    }

    /** The sum of {@code v}'s lanes. */
    public float of(FloatVector v) {
        for (VectorShuffle<Float> pair : pairs) {
            v = v.add(v.rearrange(pair));
        }
        return v.lane(0);
    }
}
