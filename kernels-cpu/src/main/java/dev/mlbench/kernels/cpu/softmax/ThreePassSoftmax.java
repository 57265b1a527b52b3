package dev.mlbench.kernels.cpu.softmax;

import jdk.incubator.vector.FloatVector;

/**
 * The three-pass algorithms: the row maximum; a pass that sums exp(x - max); a pass that writes the output.
 * They differ in whether the second pass stores the exps for the third to reload.
 */
abstract sealed class ThreePassSoftmax extends SoftmaxAlgorithm permits ThreePassRecompute, ThreePassReload {

    ThreePassSoftmax(boolean poly) {
        super(poly);
    }

    @Override
    final int passes() {
        return 3;
    }

    /** The second pass over {@code [from, to)}: returns Σ exp(x - max), possibly storing the exps in y. */
    abstract double sumPass(float[] x, float[] y, int from, int to, float max);

    /** The third pass over {@code [from, to)}: writes y = exp(x - max) · scale. */
    abstract void writePass(float[] x, float[] y, int from, int to, float max, float scale);

    /** Each lane's row maximum into {@code state[0, L)}, then {@link #sumAcrossLanes}. */
    @Override
    final void reduceAcrossLanes(float[] x, float[] y, int base, int n, int[] offsets, float[] state) {
        FloatVector max = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int j = 0; j < n; j++) {
            max = max.max(column(x, base, j, offsets));
        }
        max.intoArray(state, 0);
        sumAcrossLanes(x, y, base, n, offsets, state);
    }

    /**
     * The second pass over a group of short rows: Σ exp(x - max) with each lane's maximum from {@code state[0, L)},
     * possibly storing the exps in y; stores 1 / sum in {@code state[L, 2L)}.
     */
    abstract void sumAcrossLanes(float[] x, float[] y, int base, int n, int[] offsets, float[] state);

    @Override
    final void row(float[] x, float[] y, int from, int to, Scratch scratch) {
        float max = max(x, from, to);
        writePass(x, y, from, to, max, (float) (1 / sumPass(x, y, from, to, max)));
    }

    @Override
    final void rowInChunks(float[] x, float[] y, int from, int to, RowChunks chunks) throws Exception {
        double[] partial = chunks.partial();
        chunks.run(from, to, (c, lo, hi) -> partial[c] = max(x, lo, hi));
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < chunks.count(); c++) {
            max = Math.max(max, partial[c]);
        }
        float rowMax = (float) max;
        chunks.run(from, to, (c, lo, hi) -> partial[c] = sumPass(x, y, lo, hi, rowMax));
        double sum = 0;
        for (int c = 0; c < chunks.count(); c++) {
            sum += partial[c];
        }
        float scale = (float) (1 / sum);
        chunks.run(from, to, (c, lo, hi) -> writePass(x, y, lo, hi, rowMax, scale));
    }
}
