package dev.mlbench.kernels.cpu.softmax;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * How a softmax kernel spreads rows × n over the run's threads, decided once when it is prepared: groups of
 * whole rows, one group per thread, when there are enough rows; each row split into chunks run in parallel when
 * there are fewer rows than threads and the rows are long; the calling thread alone when the tensor is too
 * small for handing work to the pool to pay.
 */
final class RowSchedule {

    private final SoftmaxAlgorithm algorithm;
    private final int rows;
    private final int n;
    private final ExecutorService pool;
    /** Row groups: {@code groupStart[g]} to {@code groupStart[g + 1]}; one group means the calling thread. */
    private final int[] groupStart;
    /** One scratch per row group. */
    private final Scratch[] scratch;
    /** Set when rows are split into chunks instead. */
    private final RowChunks chunks;

    /**
     * @param grain     the fewest elements worth a task of their own
     * @param splitRows whether a long row may be split over threads when there are fewer rows than threads
     */
    RowSchedule(SoftmaxAlgorithm algorithm, int rows, int n, int threads, ExecutorService pool, int grain, boolean splitRows) {
        this.algorithm = algorithm;
        this.rows = rows;
        this.n = n;
        this.pool = pool;
        int rowChunks = Math.min(threads, n / grain);
        if (splitRows && rows < threads && rowChunks >= 2) {
            chunks = new RowChunks(pool, rowChunks);
            groupStart = new int[] {0, rows};
        } else {
            chunks = null;
            long total = (long) rows * n;
            int groups = (int) Math.max(1, Math.min(Math.min(threads, rows), total / grain));
            groupStart = new int[groups + 1];
            for (int g = 0; g <= groups; g++) {
                groupStart[g] = (int) ((long) rows * g / groups);
            }
        }
        scratch = new Scratch[groupStart.length - 1];
        for (int g = 0; g < scratch.length; g++) {
            scratch[g] = new Scratch(n);
        }
    }

    /** How many tasks share one operation: row groups, or chunks of a row. */
    int tasks() {
        return chunks != null ? chunks.count() : groupStart.length - 1;
    }

    /** Whether rows are split into chunks. */
    boolean splitsRows() {
        return chunks != null;
    }

    /** Softmax of every row of {@code x} into {@code y}. */
    void run(float[] x, float[] y) throws Exception {
        if (chunks != null) {
            for (int i = 0; i < rows; i++) {
                algorithm.rowInChunks(x, y, i * n, (i + 1) * n, chunks);
            }
            return;
        }
        int groups = groupStart.length - 1;
        if (groups == 1) {
            rows(x, y, 0);
            return;
        }
        List<Future<?>> running = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            int group = g;
            running.add(pool.submit(() -> rows(x, y, group)));
        }
        for (Future<?> f : running) {
            f.get();
        }
    }

    private void rows(float[] x, float[] y, int group) {
        algorithm.rows(x, y, groupStart[group], groupStart[group + 1], n, scratch[group]);
    }
}
