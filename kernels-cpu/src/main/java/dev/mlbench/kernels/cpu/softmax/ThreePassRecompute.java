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
            FloatVector acc = FloatVector.zero(S);
            for (int i = block; i < end; i += L) {
                acc = acc.add(exp(load(x, i, S.indexInRange(i, end)).sub(m)));
            }
            sum += sumLanes(acc);
        }
        return sum;
    }

    /** y = exp(x - max) · scale, recomputing each exp. */
    @Override
    void writePass(float[] x, float[] y, int from, int to, float max, float scale) {
        expScaled(x, y, from, to, max, scale);
    }
}
