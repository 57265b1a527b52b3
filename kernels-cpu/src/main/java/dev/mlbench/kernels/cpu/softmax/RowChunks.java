package dev.mlbench.kernels.cpu.softmax;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Splits one row into a fixed number of chunks, each a whole number of vectors but the last, and runs one pass
 * over them on the run's pool, waiting for all. Holds the per-chunk partial results an algorithm merges between
 * passes.
 */
final class RowChunks {

    /** One pass over one chunk. */
    @FunctionalInterface
    interface Pass {
        void run(int chunk, int from, int to);
    }

    private final ExecutorService pool;
    private final int count;
    private final double[] partial;
    private final float[][] lanes;
    private final Future<?>[] running;

    RowChunks(ExecutorService pool, int count) {
        this.pool = pool;
        this.count = count;
        this.partial = new double[2 * count];
        this.lanes = new float[count][2 * SoftmaxAlgorithm.L];
        this.running = new Future<?>[count];
    }

    /** How many chunks a row is split into. */
    int count() {
        return count;
    }

    /** Two doubles per chunk for its partial results. */
    double[] partial() {
        return partial;
    }

    /** Chunk {@code c}'s two vectors of lane state ({@link Scratch#lanes}). */
    float[] lanes(int c) {
        return lanes[c];
    }

    /** Runs {@code pass} over every chunk of {@code [from, to)} in parallel and waits for all of them. */
    void run(int from, int to, Pass pass) throws Exception {
        int lanes = SoftmaxAlgorithm.L;
        int perChunk = ((to - from + count - 1) / count + lanes - 1) / lanes * lanes;
        for (int c = 0; c < count; c++) {
            int chunk = c;
            int lo = (int) Math.min(to, from + (long) c * perChunk);
            int hi = (int) Math.min(to, (long) lo + perChunk);
            running[c] = pool.submit(() -> pass.run(chunk, lo, hi));
        }
        for (Future<?> f : running) {
            f.get();
        }
    }
}
