package dev.mlbench.kernels.cpu.softmax;

import jdk.incubator.vector.FloatVector;
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
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            int i = block;
            for (; i <= end - 2 * L; i += 2 * L) {
                FloatVector e0 = exp(FloatVector.fromArray(S, x, i).sub(m));
                FloatVector e1 = exp(FloatVector.fromArray(S, x, i + L).sub(m));
                e0.intoArray(y, i);
                e1.intoArray(y, i + L);
                a0 = a0.add(e0);
                a1 = a1.add(e1);
            }
            for (; i <= end - L; i += L) {
                FloatVector e = exp(FloatVector.fromArray(S, x, i).sub(m));
                e.intoArray(y, i);
                a0 = a0.add(e);
            }
            if (i < end) {
                FloatVector e = exp(tail(x, i, end).sub(m));
                e.intoArray(y, i, S.indexInRange(i, end));
                a1 = a1.add(e);
            }
            sum += a0.add(a1).reduceLanes(VectorOperators.ADD);
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
