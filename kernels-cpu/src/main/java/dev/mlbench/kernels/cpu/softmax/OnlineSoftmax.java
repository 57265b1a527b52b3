package dev.mlbench.kernels.cpu.softmax;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Online softmax (Milakov and Gimelshein, "Online normalizer calculation for softmax", 2018): one pass keeps a
 * running maximum m and a running sum s of exp(x - m), rescaling s by exp(m_old - m_new) whenever the maximum
 * grows; a second pass writes y = exp(x - m) / s. Reads the row twice, writes it once.
 *
 * <p>Each lane runs its own (m, s), updated once per group of four vectors (one rescaling exp per four
 * element exps); lanes are merged at the end of each block, blocks and chunks in double. Lanes start at
 * m = -Float.MAX_VALUE rather than -inf, so a lane that has seen only -inf computes exp(-inf) = 0, never
 * exp(-inf + inf).
 */
final class OnlineSoftmax extends TwoPassFamily {

    OnlineSoftmax(boolean poly) {
        super(poly);
    }

    /** The running (max, sum of exp(x - max)) of {@code x[from, to)}, written to {@code out[slot]} and {@code out[slot + 1]}. */
    @Override
    void accumulate(float[] x, int from, int to, double[] out, int slot) {
        out[slot] = Double.NEGATIVE_INFINITY;
        out[slot + 1] = 0;
        FloatVector lowest = FloatVector.broadcast(S, -Float.MAX_VALUE);
        for (int block = from; block < to; block += BLOCK) {
            int end = Math.min(to, block + BLOCK);
            FloatVector m = lowest;
            FloatVector s = FloatVector.zero(S);
            int i = block;
            for (; i <= end - 4 * L; i += 4 * L) {
                FloatVector v0 = FloatVector.fromArray(S, x, i);
                FloatVector v1 = FloatVector.fromArray(S, x, i + L);
                FloatVector v2 = FloatVector.fromArray(S, x, i + 2 * L);
                FloatVector v3 = FloatVector.fromArray(S, x, i + 3 * L);
                FloatVector next = m.max(v0.max(v1).max(v2.max(v3)));
                FloatVector terms = exp(v0.sub(next)).add(exp(v1.sub(next))).add(exp(v2.sub(next)).add(exp(v3.sub(next))));
                s = s.fma(exp(m.sub(next)), terms);
                m = next;
            }
            for (; i <= end - L; i += L) {
                FloatVector v = FloatVector.fromArray(S, x, i);
                FloatVector next = m.max(v);
                s = s.fma(exp(m.sub(next)), exp(v.sub(next)));
                m = next;
            }
            if (i < end) {
                FloatVector v = tail(x, i, end);
                FloatVector next = m.max(v);
                s = s.fma(exp(m.sub(next)), exp(v.sub(next)));
                m = next;
            }
            float blockMax = m.reduceLanes(VectorOperators.MAX);
            double blockSum = s.mul(exp(m.sub(blockMax))).reduceLanes(VectorOperators.ADD);
            merge(out, slot, blockMax, blockSum);
        }
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
