package dev.mlbench.core.measure;

import dev.mlbench.core.spi.Kernel;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Prepared;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A kernel prepared on one workload's inputs together with the thread pool it runs on. The same code path
 * serves the correctness check and the JMH benchmark, so what is checked is what is timed.
 */
public final class KernelSession implements AutoCloseable {

    private final ExecutorService pool;
    private final Prepared<Object> prepared;

    private KernelSession(ExecutorService pool, Prepared<Object> prepared) {
        this.pool = pool;
        this.prepared = prepared;
    }

    /** Creates the pool and prepares {@code kernel}; on failure nothing is left open. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static KernelSession open(Kernel kernel, Object workload, Object inputs, ParamValues params, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads, new WorkerFactory());
        try {
            Prepared<Object> prepared = kernel.prepare(workload, inputs, new KernelConfig(params, threads, pool));
            if (prepared == null) {
                throw new IllegalStateException("kernel " + kernel.name() + " returned no prepared operation");
            }
            return new KernelSession(pool, prepared);
        } catch (Exception | Error e) {
            pool.shutdownNow();
            throw e;
        }
    }

    /** Runs the timed operation once. */
    public void run() throws Exception {
        prepared.run();
    }

    /** What the kernel reports about itself after a run ({@link Prepared#metrics()}). */
    public Map<String, Double> metrics() {
        return prepared.metrics();
    }

    /** Per-operation figures since the previous call ({@link Prepared#iterationCounters()}). */
    public Map<String, Double> iterationCounters() {
        return prepared.iterationCounters();
    }

    /** The output of the last run. */
    public Object output() throws Exception {
        return prepared.output();
    }

    @Override
    public void close() throws Exception {
        try {
            prepared.close();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Daemon worker threads named for thread dumps. */
    private static final class WorkerFactory implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "bench-worker-" + next.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
