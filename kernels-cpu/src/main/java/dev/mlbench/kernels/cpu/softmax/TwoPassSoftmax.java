package dev.mlbench.kernels.cpu.softmax;

import dev.mlbench.kernels.cpu.VectorExp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Two-pass softmax (Dukhan and Ablavatski, "The Two-Pass Softmax Algorithm", 2020; XNNPACK's raddextexp):
 * each exp(x) is kept as a pair (m, n) with exp(x) = m · 2^n, m in [0.70, 1.42], so nothing overflows and no
 * maximum pass is needed. The first pass sums the pairs, rescaling to the largest exponent seen; the second
 * writes y = m · 2^(n - N) / S. Reads the row twice, writes it once.
 *
 * <p>Each lane keeps its own (S, N): a term either raises N (S = S·2^(N - n) + m) or is scaled down to it
 * (S += m·2^(n - N)), one power of two per element. Lanes merge at the end of each block, blocks and chunks in
 * double. Logits below
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
    void accumulate(float[] x, int from, int to, double[] out, int slot, float[] lanes) {
        out[slot] = Double.NEGATIVE_INFINITY;
        out[slot + 1] = 0;
        FloatVector lowest = FloatVector.broadcast(S, -Float.MAX_VALUE);
        for (int block = from; block < to; block += BLOCK) {
            int end = Math.min(to, block + BLOCK);
            FloatVector accE = lowest;
            FloatVector accM = FloatVector.zero(S);
            for (int i = block; i < end; i += L) {
                FloatVector v = load(x, i, S.indexInRange(i, end));
                FloatVector n = VectorExp.splitExponent(v);
                FloatVector m = VectorExp.splitMantissa(v, n, poly);
                // One of the two rescalings is by 2^0, so one power of two serves both: p = 2^-|accE - n|.
                FloatVector p = VectorExp.pow2(accE.sub(n).abs().neg());
                VectorMask<Float> grows = n.compare(VectorOperators.GT, accE);
                accM = accM.mul(p.blend(1f, grows.not())).add(m.mul(p.blend(1f, grows)));
                accE = accE.max(n);
            }
            accE.intoArray(lanes, 0);
            accM.intoArray(lanes, L);
            mergeLanes(lanes, out, slot);
        }
    }

    /** The recurrence of {@link #accumulate} along each lane's row. */
    @Override
    void reduceAcrossLanes(float[] x, float[] y, int base, int n, int[] offsets, float[] state) {
        FloatVector accE = FloatVector.broadcast(S, -Float.MAX_VALUE);
        FloatVector accM = FloatVector.zero(S);
        for (int j = 0; j < n; j++) {
            FloatVector v = column(x, base, j, offsets);
            FloatVector e = VectorExp.splitExponent(v);
            FloatVector m = VectorExp.splitMantissa(v, e, poly);
            FloatVector p = VectorExp.pow2(accE.sub(e).abs().neg());
            VectorMask<Float> grows = e.compare(VectorOperators.GT, accE);
            accM = accM.mul(p.blend(1f, grows.not())).add(m.mul(p.blend(1f, grows)));
            accE = accE.max(e);
        }
        accE.intoArray(state, 0);
        FloatVector.broadcast(S, 1f).div(accM).intoArray(state, L);
    }

    /** y = m · 2^(n - N) / S. */
    @Override
    void writeAcrossLanes(float[] x, float[] y, int base, int n, int[] offsets, float[] state) {
        FloatVector accE = FloatVector.fromArray(S, state, 0);
        FloatVector scale = FloatVector.fromArray(S, state, L);
        for (int j = 0; j < n; j++) {
            FloatVector v = column(x, base, j, offsets);
            scaled(v, VectorExp.splitExponent(v), accE).mul(scale).intoArray(y, base + j, offsets, 0);
        }
    }

    /** Merges the lanes' (exponent, mantissa sum) pairs of one block into {@code out[slot]}, {@code out[slot + 1]}. */
    @Override
    void mergeLanes(float[] lanes, double[] out, int slot) {
        FloatVector accE = FloatVector.fromArray(S, lanes, 0);
        FloatVector accM = FloatVector.fromArray(S, lanes, L);
        float blockExponent = accE.reduceLanes(VectorOperators.MAX);
        merge(out, slot, blockExponent, sumLanes(accM.mul(VectorExp.pow2(accE.sub(blockExponent)))));
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
        for (int i = from; i < to; i += L) {
            VectorMask<Float> inRange = S.indexInRange(i, to);
            FloatVector v = load(x, i, inRange);
            scaled(v, VectorExp.splitExponent(v), e).mul(s).intoArray(y, i, inRange);
        }
    }
}
