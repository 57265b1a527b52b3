package dev.mlbench.kernels.cpu.softmax;

import dev.mlbench.kernels.cpu.LaneSum;
import dev.mlbench.kernels.cpu.VectorExp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One softmax algorithm in Vector API code: a whole row on the calling thread ({@link #row}), or one row split
 * into chunks that run in parallel, their partial reductions merged between passes ({@link #rowInChunks}).
 *
 * <p>Loops that compute exp run one masked vector at a time, the lanes past the range filled with -inf
 * (exp(-inf) = 0 adds nothing): one copy of the exp in the loop keeps the compiled method small enough for C2 to
 * inline every Vector API call (a second copy for a separate tail made it give up and box vectors on the heap).
 * With AVX-512 a masked load or store costs what a plain one does. Sums are accumulated in fp32 vectors over blocks of
 * {@link #BLOCK} elements and the block sums added in double: a float accumulator over a million-element row
 * would drift by about 1e-5.
 */
abstract sealed class SoftmaxAlgorithm permits ThreePassSoftmax, TwoPassFamily {

    static final VectorSpecies<Float> S = VectorExp.SPECIES;
    static final int L = VectorExp.LANES;
    /**
     * Elements summed in fp32 lanes before the block's sum joins the row's double total: 128 terms per lane. The
     * two-pass mantissas are not integers, and on an all-equal row every addition rounds the same way; 512
     * terms per lane already cost 3.6e-6 of the 1e-5 allowed.
     */
    static final int BLOCK = 2048;
    /** Scratch doubles {@link #row} needs. */
    static final int SCRATCH = 2;

    /** Whether exp is the polynomial (else the Vector API's built-in EXP). */
    final boolean poly;

    SoftmaxAlgorithm(boolean poly) {
        this.poly = poly;
    }

    /** How many times the algorithm reads a row (the output written on the last). */
    abstract int passes();

    /** Softmax of {@code x[from, to)} into {@code y[from, to)} on the calling thread; {@code scratch} has {@link #SCRATCH} doubles. */
    abstract void row(float[] x, float[] y, int from, int to, double[] scratch);

    /** Softmax of {@code x[from, to)} into {@code y[from, to)}, each pass split over the chunks' threads. */
    abstract void rowInChunks(float[] x, float[] y, int from, int to, RowChunks chunks) throws Exception;

    final FloatVector exp(FloatVector t) {
        return VectorExp.exp(t, poly);
    }

    /** The sum of the lanes in a fixed order ({@link LaneSum}). */
    static float sumLanes(FloatVector v) {
        return LaneSum.PREFERRED.of(v);
    }

    /** The lanes of {@code x} from {@code i} that {@code inRange} selects; -inf in the others. */
    static FloatVector load(float[] x, int i, VectorMask<Float> inRange) {
        return FloatVector.broadcast(S, Float.NEGATIVE_INFINITY).blend(FloatVector.fromArray(S, x, i, inRange), inRange);
    }

    /** The largest element of {@code x[from, to)} (-inf for an empty range). */
    static float max(float[] x, int from, int to) {
        FloatVector m0 = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        FloatVector m1 = m0;
        FloatVector m2 = m0;
        FloatVector m3 = m0;
        int i = from;
        for (; i <= to - 4 * L; i += 4 * L) {
            m0 = m0.max(FloatVector.fromArray(S, x, i));
            m1 = m1.max(FloatVector.fromArray(S, x, i + L));
            m2 = m2.max(FloatVector.fromArray(S, x, i + 2 * L));
            m3 = m3.max(FloatVector.fromArray(S, x, i + 3 * L));
        }
        for (; i <= to - L; i += L) {
            m0 = m0.max(FloatVector.fromArray(S, x, i));
        }
        if (i < to) {
            m1 = m1.max(load(x, i, S.indexInRange(i, to)));
        }
        return m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX);
    }

    /** y = exp(x - max) · scale over {@code [from, to)}. */
    final void expScaled(float[] x, float[] y, int from, int to, float max, float scale) {
        FloatVector m = FloatVector.broadcast(S, max);
        FloatVector s = FloatVector.broadcast(S, scale);
        for (int i = from; i < to; i += L) {
            VectorMask<Float> inRange = S.indexInRange(i, to);
            exp(load(x, i, inRange).sub(m)).mul(s).intoArray(y, i, inRange);
        }
    }
}
