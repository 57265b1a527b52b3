package dev.mlbench.tracks.checkpointing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Runs a checkpoint's per-file I/O tasks on a pool, or one after another on the calling thread. */
final class IoTasks {

    /** One file's work. */
    interface Task {
        void run() throws IOException;
    }

    private IoTasks() {
    }

    /**
     * Runs every task on {@code pool} (or here, in order, when null) and waits for all; the first failure is
     * thrown with the others suppressed into it.
     */
    static void runAll(List<Task> tasks, ExecutorService pool) throws IOException, InterruptedException {
        if (pool == null) {
            for (Task t : tasks) {
                t.run();
            }
            return;
        }
        List<Future<?>> jobs = new ArrayList<>();
        for (Task t : tasks) {
            jobs.add(pool.submit(() -> {
                t.run();
                return null;
            }));
        }
        IOException first = null;
        for (Future<?> f : jobs) {
            try {
                f.get();
            } catch (ExecutionException e) {
                IOException io = e.getCause() instanceof IOException x ? x : new IOException(e.getCause());
                if (first == null) {
                    first = io;
                } else {
                    first.addSuppressed(io);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
