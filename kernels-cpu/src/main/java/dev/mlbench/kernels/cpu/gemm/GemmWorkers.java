package dev.mlbench.kernels.cpu.gemm;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Runs one body per thread and waits for all of them. The caller runs part 0 itself; parts 1 and up run on helpers
 * taken from the run's pool (never the common pool). A helper that has finished its part spins for up to
 * {@value #SPIN_NS} ns waiting for the next call before it hands its thread back to the pool, so that calls in a row
 * (a benchmark's loop) pass work by a memory write rather than by waking a parked thread.
 * <p>
 * Why: a pool hand-off parks and unparks threads. On a virtual machine an idle vCPU halts, and waking it costs tens of
 * microseconds; measured on a 2-core KVM guest, two threads through {@code submit}/{@code Future.get} and a
 * {@code CyclicBarrier} took 100 µs or more longer than one thread on shapes of a few MFLOP (docs/performance.md).
 * OpenBLAS's threads spin between calls for the same reason.
 */
final class GemmWorkers {

    /** How long a helper waits, spinning, for the next call before it returns its thread to the pool. */
    static final long SPIN_NS = 200_000;

    /** The work of thread {@code t} of {@code threads}. */
    @FunctionalInterface
    interface Body {
        void run(int t) throws Exception;
    }

    private final ExecutorService pool;
    private final int threads;
    /** Per helper: whether a task of it is in the pool (running a part or spinning for the next). */
    private final AtomicBoolean[] alive;
    /** Per part: what it threw in the current call. */
    private final Throwable[] failures;
    /** Calls started; a helper runs its part once for each. */
    private final AtomicLong generation = new AtomicLong();
    /** Per part: the last call (generation) its helper ran. */
    private final AtomicLongArray lastRun;
    /** Helper parts of the current call not yet finished. */
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Body body;

    GemmWorkers(ExecutorService pool, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        this.pool = pool;
        this.threads = threads;
        this.alive = new AtomicBoolean[threads];
        for (int t = 0; t < threads; t++) {
            alive[t] = new AtomicBoolean();
        }
        this.failures = new Throwable[threads];
        this.lastRun = new AtomicLongArray(threads);
    }

    int threads() {
        return threads;
    }

    /**
     * Runs {@code body} for t = 0 .. threads-1 concurrently and rethrows the first failure (a part's own failure before
     * a {@link BrokenBarrierException} that only says another part failed). Not for concurrent callers.
     */
    void run(Body body) throws Exception {
        if (threads == 1) {
            body.run(0);
            return;
        }
        this.body = body;
        pending.set(threads - 1);
        generation.incrementAndGet(); // before any helper's alive is looked at: see helper()
        for (int t = 1; t < threads; t++) {
            if (alive[t].compareAndSet(false, true)) {
                int part = t;
                try {
                    pool.execute(() -> helper(part));
                } catch (RuntimeException e) { // a pool shut down or full: this part is not run
                    alive[t].set(false);
                    failures[t] = e;
                    pending.decrementAndGet();
                }
            }
        }
        try {
            body.run(0);
        } catch (Exception | Error e) {
            failures[0] = e;
        }
        long start = System.nanoTime();
        while (pending.get() > 0) {
            pause(start);
        }
        rethrow();
    }

    /**
     * Runs part {@code t} of every call it owns, until none comes within {@link #SPIN_NS}. A task owns part {@code t}
     * while it holds {@code alive[t]}; it records each call it ran in {@code lastRun[t]}. Giving up clears
     * {@code alive[t]} and then looks for a call not yet run: such a call is run either by this task (which takes
     * {@code alive} back) or by the task that call submitted (which took it first), never by neither or both; a task that
     * takes {@code alive} back after another owner ran every call spins again and gives up again.
     */
    private void helper(int t) {
        long start = System.nanoTime();
        while (true) {
            long g = generation.get();
            if (g == lastRun.get(t)) {
                if (System.nanoTime() - start > SPIN_NS) {
                    alive[t].set(false);
                    if (generation.get() == lastRun.get(t) || !alive[t].compareAndSet(false, true)) {
                        return;
                    }
                    start = System.nanoTime();
                }
                Thread.onSpinWait();
                continue;
            }
            lastRun.set(t, g);
            try {
                body.run(t);
            } catch (Throwable e) {
                failures[t] = e;
            }
            pending.decrementAndGet();
            start = System.nanoTime();
        }
    }

    private void rethrow() throws Exception {
        Throwable first = null;
        for (int t = 0; t < threads; t++) {
            Throwable f = failures[t];
            failures[t] = null;
            if (f != null && (first == null || first instanceof BrokenBarrierException && !(f instanceof BrokenBarrierException))) {
                first = f;
            }
        }
        if (first instanceof Exception e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
    }

    /** Waits a moment: spins at first, then yields the core, for waits that outlast a hand-off. */
    static void pause(long since) {
        if (System.nanoTime() - since < SPIN_NS) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    /** Start of part {@code t} when {@code units} are split evenly over the threads. */
    int from(int units, int t) {
        return (int) ((long) units * t / threads);
    }
}
