package dev.mlbench.kernels.cpu.softmax;

/**
 * The algorithms that need no separate maximum pass: one pass reduces the row to a pair (level, sum) with
 * Σ exp(x) = sum · b^level for a base b of the algorithm (a running maximum for the online algorithm, a
 * power-of-two exponent for the two-pass one); a second pass writes y = exp(x) / b^level / sum. Pairs of blocks
 * and chunks merge by rescaling to the larger level.
 */
abstract sealed class TwoPassFamily extends SoftmaxAlgorithm permits OnlineSoftmax, TwoPassSoftmax {

    TwoPassFamily(boolean poly) {
        super(poly);
    }

    @Override
    final int passes() {
        return 2;
    }

    /**
     * The first pass: reduces {@code x[from, to)} to (level, sum), written to {@code out[slot]} and
     * {@code out[slot + 1]}; {@code lanes} holds each block's lane state for {@link #mergeLanes}.
     */
    abstract void accumulate(float[] x, int from, int to, double[] out, int slot, float[] lanes);

    /** Merges one block's lane pairs, levels in {@code lanes[0, L)} and sums in {@code lanes[L, 2L)}, into the pair at {@code out[slot]}. */
    abstract void mergeLanes(float[] lanes, double[] out, int slot);

    /** The second pass over {@code [from, to)}: y = exp(x) / b^level · scale. */
    abstract void writePass(float[] x, float[] y, int from, int to, float level, float scale);

    /** {@code sum} rescaled from {@code level} to the higher {@code newLevel}: sum · b^(level - newLevel). */
    abstract double rescale(double sum, double level, double newLevel);

    /**
     * Merges the pair (level, sum) into {@code acc[slot]}, {@code acc[slot + 1]}. A zero sum (an empty chunk, or
     * a block of -inf) adds nothing and is skipped: its level may be -inf, and rescaling 0 from -inf to -inf is NaN.
     */
    final void merge(double[] acc, int slot, double level, double sum) {
        if (sum == 0) {
            return;
        }
        double accLevel = acc[slot];
        if (level > accLevel) {
            acc[slot + 1] = rescale(acc[slot + 1], accLevel, level) + sum;
            acc[slot] = level;
        } else {
            acc[slot + 1] += rescale(sum, level, accLevel);
        }
    }

    @Override
    final void row(float[] x, float[] y, int from, int to, Scratch scratch) {
        double[] pair = scratch.pair;
        accumulate(x, from, to, pair, 0, scratch.lanes);
        writePass(x, y, from, to, (float) pair[0], (float) (1 / pair[1]));
    }

    @Override
    final void rowInChunks(float[] x, float[] y, int from, int to, RowChunks chunks) throws Exception {
        double[] partial = chunks.partial();
        chunks.run(from, to, (c, lo, hi) -> accumulate(x, lo, hi, partial, 2 * c, chunks.lanes(c)));
        double[] total = {Double.NEGATIVE_INFINITY, 0};
        for (int c = 0; c < chunks.count(); c++) {
            merge(total, 0, partial[2 * c], partial[2 * c + 1]);
        }
        float level = (float) total[0];
        float scale = (float) (1 / total[1]);
        chunks.run(from, to, (c, lo, hi) -> writePass(x, y, lo, hi, level, scale));
    }
}
