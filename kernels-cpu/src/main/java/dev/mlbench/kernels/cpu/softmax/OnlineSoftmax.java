package dev.mlbench.kernels.cpu.softmax;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Online softmax (Milakov and Gimelshein, "Online normalizer calculation for softmax", 2018): one pass keeps a
 * running maximum m and a running sum s of exp(x - m), rescaling s by exp(m_old - m_new) whenever the maximum
 * grows; a second pass writes y = exp(x - m) / s. Reads the row twice, writes it once.
 *
 * <p>Each lane runs its own (m, s). Of exp(m - m_new) and exp(x - m_new) one is always 1, so each element
 * costs one exp, of -|m - x|: s = s·e + 1 when x raises the maximum, else s + e. Lanes are merged at the end
 * of each block, blocks and chunks in double. Lanes start at
 * m = -Float.MAX_VALUE rather than -inf, so a lane that has seen only -inf computes exp(-inf) = 0, never
 * exp(-inf + inf).
 */
final class OnlineSoftmax extends TwoPassFamily {

    OnlineSoftmax(boolean poly) {
        super(poly);
    }

    /** The running (max, sum of exp(x - max)) of {@code x[from, to)}, written to {@code out[slot]} and {@code out[slot + 1]}. */
    @Override
    void accumulate(float[] x, int from, int to, double[] out, int slot, float[] lanes) {
        out[slot] = Double.NEGATIVE_INFINITY;
        out[slot + 1] = 0;
        FloatVector lowest = FloatVector.broadcast(S, -Float.MAX_VALUE);
        for (int block = from; block < to; block += BLOCK) {
            int end = Math.min(to, block + BLOCK);
            FloatVector m = lowest;
            FloatVector s = FloatVector.zero(S);
            for (int i = block; i < end; i += L) {
                FloatVector v = load(x, i, S.indexInRange(i, end));
                // One of m - max(m, v) and v - max(m, v) is 0, so one exp serves both: e = exp(-|m - v|).
                FloatVector e = exp(m.sub(v).abs().neg());
                VectorMask<Float> grows = v.compare(VectorOperators.GT, m);
                s = s.mul(e.blend(1f, grows.not())).add(e.blend(1f, grows));
                m = m.max(v);
            }
            m.intoArray(lanes, 0);
            s.intoArray(lanes, L);
            mergeLanes(lanes, out, slot);
        }
    }

    /** The recurrence of {@link #accumulate} along each lane's row. */
    @Override
    void reduceAcrossLanes(float[] x, float[] y, int base, int n, int[] offsets, float[] state) {
        FloatVector m = FloatVector.broadcast(S, -Float.MAX_VALUE);
        FloatVector s = FloatVector.zero(S);
        for (int j = 0; j < n; j++) {
            FloatVector v = column(x, base, j, offsets);
            FloatVector e = exp(m.sub(v).abs().neg());
            VectorMask<Float> grows = v.compare(VectorOperators.GT, m);
            s = s.mul(e.blend(1f, grows.not())).add(e.blend(1f, grows));
            m = m.max(v);
        }
        m.intoArray(state, 0);
        FloatVector.broadcast(S, 1f).div(s).intoArray(state, L);
    }

    /** y = exp(x - max) / sum. */
    @Override
    void writeAcrossLanes(float[] x, float[] y, int base, int n, int[] offsets, float[] state) {
        expScaledAcrossLanes(x, y, base, n, offsets, state);
    }

    /** Merges the lanes' (max, sum) pairs of one block into {@code out[slot]}, {@code out[slot + 1]}. */
    @Override
    void mergeLanes(float[] lanes, double[] out, int slot) {
        FloatVector m = FloatVector.fromArray(S, lanes, 0);
        FloatVector s = FloatVector.fromArray(S, lanes, L);
        float blockMax = m.reduceLanes(VectorOperators.MAX);
        merge(out, slot, blockMax, sumLanes(s.mul(exp(m.sub(blockMax)))));
    }

    /** The level is the running maximum: rescaling multiplies by exp(level - newLevel). */
    @Override
    double rescale(double sum, double level, double newLevel) {
        return sum * Math.exp(level - newLevel);
    }

    /** y = exp(x - max) · scale. */
    @Override
    void writePass(float[] x, float[] y, int from, int to, float max, float scale) {
        expScaled(x, y, from, to, max, scale);
    }
}
