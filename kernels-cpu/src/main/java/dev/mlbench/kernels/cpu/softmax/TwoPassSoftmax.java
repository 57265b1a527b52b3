package dev.mlbench.kernels.cpu.softmax;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Two-pass softmax (Dukhan and Ablavatski, "The Two-Pass Softmax Algorithm", 2020; XNNPACK's raddextexp):
 * each exp(x) is kept as a pair (m, n) with exp(x) = m · 2^n, m in [0.70, 1.42], so nothing overflows and no
 * maximum pass is needed. The first pass sums the pairs, rescaling to the largest exponent seen; the second
 * writes y = m · 2^(n - N) / S. Reads the row twice, writes it once.
 *
 * <p>Each lane keeps its own (S, N), merged at the end of each block, blocks and chunks in double. Logits below
 * {@link VectorExp#SPLIT_MIN} (-2e6) count as -2e6: exact for any row with one logit above -1.9e6, and -inf
 * contributes zero.
 */
final class TwoPassSoftmax extends TwoPassFamily {

    TwoPassSoftmax(boolean poly) {
        super(poly);
    }

    /**
     * Σ exp(x) over {@code x[from, to)} as a (exponent N, mantissa sum S) pair, Σ exp(x) = S · 2^N with N the
     * largest exponent of any term, written to {@code out[slot]} (N) and {@code out[slot + 1]} (S).
     */
    @Override
    void accumulate(float[] x, int from, int to, double[] out, int slot) {
        out[slot] = Double.NEGATIVE_INFINITY;
        out[slot + 1] = 0;
        FloatVector lowest = FloatVector.broadcast(S, -Float.MAX_VALUE);
        for (int block = from; block < to; block += BLOCK) {
            int end = Math.min(to, block + BLOCK);
            FloatVector accE = lowest;
            FloatVector accM = FloatVector.zero(S);
            int i = block;
            for (; i <= end - 4 * L; i += 4 * L) {
                FloatVector v0 = FloatVector.fromArray(S, x, i);
                FloatVector v1 = FloatVector.fromArray(S, x, i + L);
                FloatVector v2 = FloatVector.fromArray(S, x, i + 2 * L);
                FloatVector v3 = FloatVector.fromArray(S, x, i + 3 * L);
                FloatVector n0 = VectorExp.splitExponent(v0);
                FloatVector n1 = VectorExp.splitExponent(v1);
                FloatVector n2 = VectorExp.splitExponent(v2);
                FloatVector n3 = VectorExp.splitExponent(v3);
                FloatVector next = accE.max(n0.max(n1).max(n2.max(n3)));
                FloatVector terms = scaled(v0, n0, next).add(scaled(v1, n1, next)).add(scaled(v2, n2, next).add(scaled(v3, n3, next)));
                accM = accM.fma(VectorExp.pow2(accE.sub(next)), terms);
                accE = next;
            }
            for (; i <= end - L; i += L) {
                FloatVector v = FloatVector.fromArray(S, x, i);
                FloatVector n = VectorExp.splitExponent(v);
                FloatVector next = accE.max(n);
                accM = accM.fma(VectorExp.pow2(accE.sub(next)), scaled(v, n, next));
                accE = next;
            }
            if (i < end) {
                FloatVector v = tail(x, i, end);
                FloatVector n = VectorExp.splitExponent(v);
                FloatVector next = accE.max(n);
                accM = accM.fma(VectorExp.pow2(accE.sub(next)), scaled(v, n, next));
                accE = next;
            }
            float blockExponent = accE.reduceLanes(VectorOperators.MAX);
            double blockSum = accM.mul(VectorExp.pow2(accE.sub(blockExponent))).reduceLanes(VectorOperators.ADD);
            merge(out, slot, blockExponent, blockSum);
        }
    }

    /** The level is a power-of-two exponent: rescaling multiplies by 2^(level - newLevel) (-inf gives 0). */
    @Override
    double rescale(double sum, double level, double newLevel) {
        return Math.scalb(sum, (int) (level - newLevel));
    }

    /** exp(v) / 2^e for v's exponent n: its mantissa times 2^(n - e). */
    private FloatVector scaled(FloatVector v, FloatVector n, FloatVector e) {
        return VectorExp.splitMantissa(v, n, poly).mul(VectorExp.pow2(n.sub(e)));
    }

    /** y = exp(x) / 2^exponent · scale over {@code [from, to)}. */
    @Override
    void writePass(float[] x, float[] y, int from, int to, float exponent, float scale) {
        FloatVector e = FloatVector.broadcast(S, exponent);
        FloatVector s = FloatVector.broadcast(S, scale);
        int i = from;
        for (; i <= to - L; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            scaled(v, VectorExp.splitExponent(v), e).mul(s).intoArray(y, i);
        }
        if (i < to) {
            FloatVector v = tail(x, i, to);
            scaled(v, VectorExp.splitExponent(v), e).mul(s).intoArray(y, i, S.indexInRange(i, to));
        }
    }
}
