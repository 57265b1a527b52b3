package dev.mlbench.kernels.cpu.softmax;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

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
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            int i = block;
            for (; i <= end - 4 * L; i += 4 * L) {
                a0 = a0.add(exp(FloatVector.fromArray(S, x, i).sub(m)));
                a1 = a1.add(exp(FloatVector.fromArray(S, x, i + L).sub(m)));
                a2 = a2.add(exp(FloatVector.fromArray(S, x, i + 2 * L).sub(m)));
                a3 = a3.add(exp(FloatVector.fromArray(S, x, i + 3 * L).sub(m)));
            }
            for (; i <= end - L; i += L) {
                a0 = a0.add(exp(FloatVector.fromArray(S, x, i).sub(m)));
            }
            if (i < end) {
                a1 = a1.add(exp(tail(x, i, end).sub(m)));
            }
            sum += a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        }
        return sum;
    }

    /** y = exp(x - max) · scale, recomputing each exp. */
    @Override
    void writePass(float[] x, float[] y, int from, int to, float max, float scale) {
        expScaled(x, y, from, to, max, scale);
    }
}
