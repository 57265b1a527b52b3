package dev.mlbench.kernels.cpu.quant;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Splits an index range over the run's pool. */
final class Parallel {

    /** Work on the index range [from, to). */
    @FunctionalInterface
    interface Range {
        void run(int from, int to) throws Exception;
    }

    private Parallel() {
    }

    /**
     * Runs body on {@code parts} contiguous slices of [0, n), each aligned to {@code align}, on the pool (or
     * inline when there is one part), and waits for all of them.
     */
    static void forRange(ExecutorService pool, int parts, int n, int align, Range body) throws Exception {
        int units = (n + align - 1) / align;
        int p = Math.max(1, Math.min(parts, units));
        if (p == 1) {
            body.run(0, n);
            return;
        }
        List<Future<?>> running = new ArrayList<>(p);
        for (int t = 0; t < p; t++) {
            int from = Math.min(n, (int) ((long) units * t / p) * align);
            int to = t == p - 1 ? n : Math.min(n, (int) ((long) units * (t + 1) / p) * align);
            running.add(pool.submit(() -> {
                body.run(from, to);
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
    }
}
