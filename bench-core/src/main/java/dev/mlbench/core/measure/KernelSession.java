package dev.mlbench.core.measure;

import dev.mlbench.core.spi.Kernel;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Prepared;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * A kernel prepared on one workload's inputs together with the thread pool it runs on. The same code path
 * serves the correctness check and the JMH benchmark, so what is checked is what is timed.
 */
public final class KernelSession implements AutoCloseable {

    private final ExecutorService pool;
    /** The copies the timed calls rotate through ({@link ColdRotation}); one for a warm row and for checks. */
    private final List<Prepared<Object>> copies;
    private Prepared<Object> prepared;
    private int next;

    private KernelSession(ExecutorService pool, List<Prepared<Object>> copies) {
        this.pool = pool;
        this.copies = copies;
        this.prepared = copies.get(0);
    }

    /** Creates the pool and prepares {@code kernel}; on failure nothing is left open. */
    public static KernelSession open(Kernel<?, ?, ?> kernel, Object workload, Object inputs, ParamValues params, int threads) throws Exception {
        return open(kernel, workload, () -> inputs, metrics -> 1, params, threads);
    }

    /**
     * Creates the pool and prepares {@code kernel} on sets of inputs, each from {@code inputs}, which {@link #run()}
     * rotates through: as many as {@code copies} gives for the metrics of the first one prepared (a kernel's own
     * storage can decide how many copies keep it out of cache); on failure nothing is left open.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static KernelSession open(Kernel kernel, Object workload, Supplier<Object> inputs, ToIntFunction<Map<String, Double>> copies,
                                     ParamValues params, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads, new WorkerFactory());
        List<Prepared<Object>> prepared = new ArrayList<>();
        try {
            prepared.add(prepare(kernel, workload, inputs, params, threads, pool));
            int wanted = Math.max(1, copies.applyAsInt(prepared.get(0).metrics()));
            while (prepared.size() < wanted) {
                prepared.add(prepare(kernel, workload, inputs, params, threads, pool));
            }
            return new KernelSession(pool, List.copyOf(prepared));
        } catch (Exception | Error e) {
            for (Prepared<Object> p : prepared) {
                try {
                    p.close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
            }
            pool.shutdownNow();
            throw e;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Prepared<Object> prepare(Kernel kernel, Object workload, Supplier<Object> inputs, ParamValues params, int threads,
                                            ExecutorService pool) throws Exception {
        Prepared<Object> p = kernel.prepare(workload, inputs.get(), new KernelConfig(params, threads, pool));
        if (p == null) {
            throw new IllegalStateException("kernel " + kernel.name() + " returned no prepared operation");
        }
        return p;
    }

    /** The copies of the operands the timed calls rotate through. */
    public int copies() {
        return copies.size();
    }

    /** Runs the timed operation once, on the next copy of the operands. */
    public void run() throws Exception {
        prepared = copies.get(next);
        next = next + 1 == copies.size() ? 0 : next + 1;
        prepared.run();
    }

    /** What the kernel reports about itself after a run ({@link Prepared#metrics()}). */
    public Map<String, Double> metrics() {
        return prepared.metrics();
    }

    /** Per-operation figures since the previous call ({@link Prepared#iterationCounters()}), averaged over the copies. */
    public Map<String, Double> iterationCounters() {
        if (copies.size() == 1) {
            return prepared.iterationCounters();
        }
        Map<String, Double> sum = new TreeMap<>();
        for (Prepared<Object> p : copies) {
            p.iterationCounters().forEach((k, v) -> sum.merge(k, v, Double::sum));
        }
        sum.replaceAll((k, v) -> v / copies.size());
        return sum;
    }

    /** The output of the last run. */
    public Object output() throws Exception {
        return prepared.output();
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (Prepared<Object> p : copies) {
            try {
                p.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        pool.shutdownNow();
        if (first != null) {
            throw first;
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
