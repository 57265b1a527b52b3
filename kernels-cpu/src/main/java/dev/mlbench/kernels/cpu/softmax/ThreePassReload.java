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

    /** Each exp(x - max) stored in y while it is summed. */
    @Override
    void sumAcrossLanes(float[] x, float[] y, int base, int n, int[] offsets, float[] state) {
        FloatVector max = FloatVector.fromArray(S, state, 0);
        FloatVector sum = FloatVector.zero(S);
        for (int j = 0; j < n; j++) {
            FloatVector e = exp(column(x, base, j, offsets).sub(max));
            e.intoArray(y, base + j, offsets, 0);
            sum = sum.add(e);
        }
        FloatVector.broadcast(S, 1f).div(sum).intoArray(state, L);
    }

    /** y *= 1 / sum, reloading the stored exps. */
    @Override
    void writeAcrossLanes(float[] x, float[] y, int base, int n, int[] offsets, float[] state) {
        FloatVector scale = FloatVector.fromArray(S, state, L);
        for (int j = 0; j < n; j++) {
            column(y, base, j, offsets).mul(scale).intoArray(y, base + j, offsets, 0);
        }
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
