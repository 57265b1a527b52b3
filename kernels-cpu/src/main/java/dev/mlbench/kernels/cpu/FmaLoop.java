package dev.mlbench.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** A compute-bound FMA loop for peak measurement. */
final class FmaLoop {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int ITERATIONS_PER_CALL = 1 << 16;
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

    /**
     * {@code iterations} rounds of 12 independent vector FMAs; returns a value that depends on all of them. Written as
     * a GEMM micro-kernel writes it, accumulator last ({@code x.fma(y, acc)}, one {@code vfmadd231ps} each) with an
     * {@code int} counter: C2 makes a counted loop of that. The other spelling, {@code acc.fma(x, y)} with a
     * {@code long} counter, ran at 35 to 62 GFLOP/s on one Zen core that this loop drives at 100, below what OpenBLAS
     * measured there: a peak probe must never be the slowest code on the machine.
     */
    static float run(int iterations) {
        FloatVector x = FloatVector.broadcast(SPECIES, 0.999999f);
        FloatVector y = FloatVector.broadcast(SPECIES, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(SPECIES, 1f);
        FloatVector a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int i = 0; i < iterations; i++) {
            a0 = x.fma(y, a0);
            a1 = x.fma(y, a1);
            a2 = x.fma(y, a2);
            a3 = x.fma(y, a3);
            a4 = x.fma(y, a4);
            a5 = x.fma(y, a5);
            a6 = x.fma(y, a6);
            a7 = x.fma(y, a7);
            a8 = x.fma(y, a8);
            a9 = x.fma(y, a9);
            a10 = x.fma(y, a10);
            a11 = x.fma(y, a11);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
