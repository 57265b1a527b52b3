package dev.mlbench.kernels.cpu.attention;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The attention kernels' task runner: every task exactly once, at most one worker per thread, failures rethrown. */
class AttentionWorkersTest {

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 2, 3})
    void runsEveryTaskExactlyOnce(int threads) throws Exception {
        AtomicIntegerArray runs = new AtomicIntegerArray(101);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            AttentionWorkers.run(pool, threads, runs.length(), () -> runs::incrementAndGet);
        }
        for (int t = 0; t < runs.length(); t++) {
            assertEquals(1, runs.get(t), "task " + t);
        }
    }

    @Test
    void makesNoMoreWorkersThanTasks() throws Exception {
        AtomicIntegerArray made = new AtomicIntegerArray(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            AttentionWorkers.run(pool, 4, 2, () -> {
                made.incrementAndGet(0);
                return t -> { };
            });
        }
        assertTrue(made.get(0) <= 2, made.get(0) + " workers for 2 tasks");
        assertEquals(2, AttentionWorkers.workers(4, 2));
        assertEquals(1, AttentionWorkers.workers(4, 0));
    }

    @Test
    void aFailingTaskFailsTheRun() {
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Exception e = assertThrows(Exception.class, () -> AttentionWorkers.run(pool, 2, 50, () -> t -> {
                if (t == 37) {
                    throw new IllegalStateException("task 37");
                }
            }));
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            assertEquals("task 37", cause.getMessage());
        }
    }
}
