package dev.mlbench.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lane sum follows its documented tree exactly, on values whose sum depends on the order of the additions. */
class LaneSumTest {

    /** The tree of the class comment in scalar code: every lane adds lane i xor step, for step L/2 down to 1. */
    private static float tree(float[] lanes) {
        float[] v = lanes.clone();
        for (int step = v.length / 2; step >= 1; step /= 2) {
            float[] next = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                next[i] = v[i] + v[i ^ step];
            }
            v = next;
        }
        return v[0];
    }

    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {128, 256, 512})
    void sumsInTheDocumentedOrderWhateverTheValues(int bits) {
        VectorSpecies<Float> species = VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
        LaneSum sum = new LaneSum(species);
        Random random = new Random(bits);
        for (int trial = 0; trial < 200; trial++) {
            float[] lanes = new float[species.length()];
            for (int i = 0; i < lanes.length; i++) {
                // huge and tiny values of both signs: a different order rounds differently
                lanes[i] = (float) ((random.nextBoolean() ? 1e8 : 1e-3) * (random.nextDouble() - 0.5));
            }
            float expected = tree(lanes);
            float got = sum.of(FloatVector.fromArray(species, lanes, 0));
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(got), () -> expected + " against " + got);
        }
    }
}
