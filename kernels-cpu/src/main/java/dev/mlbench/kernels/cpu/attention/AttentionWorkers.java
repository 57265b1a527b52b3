package dev.mlbench.kernels.cpu.attention;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/** Runs an attention kernel's independent tasks on the run's pool, each worker taking the next task as it frees up. */
final class AttentionWorkers {

    private AttentionWorkers() {
    }

    /**
     * Runs tasks 0 .. tasks−1 on min(threads, tasks) workers: the calling thread is one of them and the others run
     * on {@code pool}, so a run of N threads wakes N − 1 pool threads and the caller never sleeps while there is
     * work left (short decode steps would otherwise pay two thread wake-ups per operation). Each worker is made by {@code worker} (which allocates its scratch, so what a run allocates is
     * what it works in) and then takes task indices in increasing order from a shared counter. Rethrows the first
     * worker's failure.
     */
    static void run(ExecutorService pool, int threads, int tasks, Supplier<IntConsumer> worker) throws Exception {
        AtomicInteger next = new AtomicInteger();
        Runnable body = () -> {
            IntConsumer w = worker.get();
            for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                w.accept(t);
            }
        };
        int count = Math.min(threads, tasks);
        if (count <= 1) {
            body.run();
            return;
        }
        List<Future<?>> running = new ArrayList<>(count - 1);
        for (int i = 1; i < count; i++) {
            running.add(pool.submit(body));
        }
        try {
            body.run();
        } finally {
            // Never return while pool workers still write the output, even when the caller's share failed.
            for (Future<?> f : running) {
                f.get();
            }
        }
    }

    /** Workers a run uses for {@code tasks} tasks on {@code threads} threads. */
    static int workers(int threads, int tasks) {
        return Math.max(1, Math.min(threads, tasks));
    }
}
