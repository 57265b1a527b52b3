package dev.mlbench.kernels.cpu.gemm;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs one body per thread on the run's pool and waits for all of them; with one thread the body runs on
 * the caller, which saves a hand-off per operation. Never the common pool.
 */
final class GemmWorkers {

    /** The work of thread {@code t} of {@code threads}. */
    @FunctionalInterface
    interface Body {
        void run(int t) throws Exception;
    }

    private final ExecutorService pool;
    private final int threads;
    private final Future<?>[] running;

    GemmWorkers(ExecutorService pool, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        this.pool = pool;
        this.threads = threads;
        this.running = new Future<?>[threads];
    }

    int threads() {
        return threads;
    }

    /** Runs {@code body} for t = 0 .. threads-1 concurrently and rethrows the first failure. */
    void run(Body body) throws Exception {
        if (threads == 1) {
            body.run(0);
            return;
        }
        for (int t = 0; t < threads; t++) {
            int part = t;
            running[t] = pool.submit(() -> {
                body.run(part);
                return null;
            });
        }
        Exception failure = null;
        for (int t = 0; t < threads; t++) {
            try {
                running[t].get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            running[t] = null;
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Start of part {@code t} when {@code units} are split evenly over the threads. */
    int from(int units, int t) {
        return (int) ((long) units * t / threads);
    }
}
