package dev.mlbench.kernels.cpu.softmax;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Three passes, exp computed once: the row maximum; y = exp(x - max) stored while it is summed; then
 * y *= 1 / sum, reloading the stored values. Reads x twice, writes y twice and reads it once.
 */
final class ThreePassReload extends ThreePassSoftmax {

    ThreePassReload(boolean poly) {
        super(poly);
    }

    /** y = exp(x - max) over {@code [from, to)}, returning their sum (fp32 lanes per block, double across blocks). */
    @Override
    double sumPass(float[] x, float[] y, int from, int to, float max) {
        FloatVector m = FloatVector.broadcast(S, max);
        double sum = 0;
        for (int block = from; block < to; block += BLOCK) {
            int end = Math.min(to, block + BLOCK);
            FloatVector acc = FloatVector.zero(S);
            for (int i = block; i < end; i += L) {
                VectorMask<Float> inRange = S.indexInRange(i, end);
                FloatVector e = exp(load(x, i, inRange).sub(m));
                e.intoArray(y, i, inRange);
                acc = acc.add(e);
            }
            sum += sumLanes(acc);
        }
        return sum;
    }

    /** y *= scale over {@code [from, to)}, reloading the stored exps; x is not read. */
    @Override
    void writePass(float[] x, float[] y, int from, int to, float max, float scale) {
        FloatVector s = FloatVector.broadcast(S, scale);
        int i = from;
        for (; i <= to - L; i += L) {
            FloatVector.fromArray(S, y, i).mul(s).intoArray(y, i);
        }
        if (i < to) {
            var inRange = S.indexInRange(i, to);
            FloatVector.fromArray(S, y, i, inRange).mul(s).intoArray(y, i, inRange);
        }
    }
}
