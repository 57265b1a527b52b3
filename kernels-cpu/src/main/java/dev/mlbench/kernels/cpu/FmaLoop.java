package dev.mlbench.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** A compute-bound FMA loop for peak measurement. */
final class FmaLoop {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final long ITERATIONS_PER_CALL = 1 << 16;
    private static final int ACCUMULATORS = 12;

    private FmaLoop() {
    }

    /** Runs calls of the loop until {@code nanos} have passed; returns {flops, elapsed ns}. */
    static double[] timed(long nanos) {
        long calls = 0;
        float sink = 0;
        long t0 = System.nanoTime();
        long elapsed;
        do {
            sink += run(ITERATIONS_PER_CALL);
            calls++;
            elapsed = System.nanoTime() - t0;
        } while (elapsed < nanos);
        if (sink == 42.4242f) {
            System.out.print(""); // keeps the result alive; never true for these inputs
        }
        double flops = 2.0 * SPECIES.length() * ACCUMULATORS * ITERATIONS_PER_CALL * calls;
        return new double[] {flops, elapsed};
    }

    /** {@code iterations} rounds of 12 independent vector FMAs; returns a value that depends on all of them. */
    static float run(long iterations) {
        FloatVector x = FloatVector.broadcast(SPECIES, 0.999999f);
        FloatVector y = FloatVector.broadcast(SPECIES, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(SPECIES, 1f);
        FloatVector a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (long i = 0; i < iterations; i++) {
            a0 = a0.fma(x, y);
            a1 = a1.fma(x, y);
            a2 = a2.fma(x, y);
            a3 = a3.fma(x, y);
            a4 = a4.fma(x, y);
            a5 = a5.fma(x, y);
            a6 = a6.fma(x, y);
            a7 = a7.fma(x, y);
            a8 = a8.fma(x, y);
            a9 = a9.fma(x, y);
            a10 = a10.fma(x, y);
            a11 = a11.fma(x, y);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
