package dev.mlbench.kernels.cpu.softmax;

import jdk.incubator.vector.FloatVector;

/**
 * Three passes, nothing stored between them: the row maximum; the sum of exp(x - max); then
 * y = exp(x - max) / sum, computing every exp a second time. Reads the row three times, writes it once.
 */
final class ThreePassRecompute extends ThreePassSoftmax {

    ThreePassRecompute(boolean poly) {
        super(poly);
    }

    /** Σ exp(x - max) over {@code [from, to)}, in fp32 lanes per block and double across blocks; y untouched. */
    @Override
    double sumPass(float[] x, float[] y, int from, int to, float max) {
        FloatVector m = FloatVector.broadcast(S, max);
        double sum = 0;
        for (int block = from; block < to; block += BLOCK) {
            int end = Math.min(to, block + BLOCK);
            FloatVector acc = FloatVector.zero(S);
            for (int i = block; i < end; i += L) {
                acc = acc.add(exp(load(x, i, S.indexInRange(i, end)).sub(m)));
            }
            sum += sumLanes(acc);
        }
        return sum;
    }

    /** The sum of exp(x - max); y untouched. */
    @Override
    void sumAcrossLanes(float[] x, float[] y, int base, int n, int[] offsets, float[] state) {
        FloatVector max = FloatVector.fromArray(S, state, 0);
        FloatVector sum = FloatVector.zero(S);
        for (int j = 0; j < n; j++) {
            sum = sum.add(exp(column(x, base, j, offsets).sub(max)));
        }
        FloatVector.broadcast(S, 1f).div(sum).intoArray(state, L);
    }

    /** y = exp(x - max) / sum, computing each exp a second time. */
    @Override
    void writeAcrossLanes(float[] x, float[] y, int base, int n, int[] offsets, float[] state) {
        expScaledAcrossLanes(x, y, base, n, offsets, state);
    }

    /** y = exp(x - max) · scale, recomputing each exp. */
    @Override
    void writePass(float[] x, float[] y, int from, int to, float max, float scale) {
        expScaled(x, y, from, to, max, scale);
    }
}
