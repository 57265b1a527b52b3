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
 *
 * <p>Rows shorter than a vector ({@link #SHORT}) run one row per lane instead ({@link #acrossLanes}): a row per
 * vector would leave most lanes idle and pay the lane reductions and block merges once per row, which cost more
 * than the row's arithmetic (about 130 ns a row, 0.5 ms for 4096 rows of 7). Lane k of a group holds row k, its
 * elements gathered with stride n; the algorithm's own per-lane recurrence then runs along the row, so each
 * algorithm keeps its passes and its arithmetic, and nothing is reduced across lanes.
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

    /** Rows shorter than this run one row per lane. */
    static final int SHORT = L;

    /** Whether exp is the polynomial (else the Vector API's built-in EXP). */
    final boolean poly;

    SoftmaxAlgorithm(boolean poly) {
        this.poly = poly;
    }

    /** How many times the algorithm reads a row (the output written on the last). */
    abstract int passes();

    /** Softmax of {@code x[from, to)} into {@code y[from, to)} on the calling thread. */
    abstract void row(float[] x, float[] y, int from, int to, Scratch scratch);

    /** Softmax of {@code x[from, to)} into {@code y[from, to)}, each pass split over the chunks' threads. */
    abstract void rowInChunks(float[] x, float[] y, int from, int to, RowChunks chunks) throws Exception;

    /**
     * Softmax of rows {@code [firstRow, endRow)} of the row-major {@code x} with rows of {@code n} into {@code y}, on
     * the calling thread, with {@code scratch} made for rows of {@code n}.
     */
    final void rows(float[] x, float[] y, int firstRow, int endRow, int n, Scratch scratch) {
        if (n < SHORT) {
            for (int r = firstRow; r < endRow; r += L) {
                int[] offsets = scratch.offsets[Math.min(L, endRow - r)];
                reduceAcrossLanes(x, y, r * n, n, offsets, scratch.lanes);
                writeAcrossLanes(x, y, r * n, n, offsets, scratch.lanes);
            }
            return;
        }
        for (int r = firstRow; r < endRow; r++) {
            row(x, y, r * n, (r + 1) * n, scratch);
        }
    }

    /**
     * The gather offsets of a group of short rows of {@code n}, by the group's number of rows c (1 to L): lane k
     * reads row k ({@code k * n} elements on) for k below c, and row 0 in the lanes past the last row. Those lanes
     * compute row 0 again and store the same values where lane 0 does: a gather checks every lane's index, masked
     * or not, so they must point inside the array, and without a mask the loads and stores are plain.
     */
    static int[][] laneOffsets(int n) {
        int[][] offsets = new int[L + 1][L];
        for (int c = 1; c <= L; c++) {
            for (int k = 0; k < c; k++) {
                offsets[c][k] = k * n;
            }
        }
        return offsets;
    }

    /**
     * The passes but the last over L rows of {@code n} (below {@link #SHORT}) elements from {@code x[base]}, one row
     * per lane, lane k at {@code x[base + offsets[k]]} ({@link #laneOffsets}): stores each lane's level (its
     * maximum, or exponent) in {@code state[0, L)} and 1 / its sum in {@code state[L, 2L)}.
     */
    abstract void reduceAcrossLanes(float[] x, float[] y, int base, int n, int[] offsets, float[] state);

    /** The last pass over the rows of {@link #reduceAcrossLanes}: writes their softmax from its {@code state}. */
    abstract void writeAcrossLanes(float[] x, float[] y, int base, int n, int[] offsets, float[] state);


    /** Element {@code j} of the row of each lane of a group of short rows. */
    static FloatVector column(float[] a, int base, int j, int[] offsets) {
        return FloatVector.fromArray(S, a, base + j, offsets, 0);
    }

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

    /** y = exp(x - max) · (1 / sum) over a group of short rows, each lane's max and 1 / sum in {@code state}. */
    final void expScaledAcrossLanes(float[] x, float[] y, int base, int n, int[] offsets, float[] state) {
        FloatVector max = FloatVector.fromArray(S, state, 0);
        FloatVector scale = FloatVector.fromArray(S, state, L);
        for (int j = 0; j < n; j++) {
            exp(column(x, base, j, offsets).sub(max)).mul(scale).intoArray(y, base + j, offsets, 0);
        }
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
