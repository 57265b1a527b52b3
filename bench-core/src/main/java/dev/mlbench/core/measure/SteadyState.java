package dev.mlbench.core.measure;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Runs a fork's operation before its warm-up iterations until the JIT has done with it: in batches of at least
 * {@link #BATCH_NS}, until the latest batches are no faster than the best before them and the JIT hardly compiled while
 * they ran, or until a time limit (the profile's {@code settle_ms}).
 * <p>
 * Why: a profile's warm-up is a fixed time, and a kernel whose hot loop C2 has not compiled yet runs many times slower
 * (Vector API code is not intrinsified before C2: every vector is an object). Measured on a 2-core machine with
 * 2 × 200 ms of warm-up, the Vector API GEMM on 35×189×528 ran its first measured iteration at 82 ms a call and the
 * next two at 0.29 and 0.21 ms (docs/performance.md). A fixed warm-up long enough for such kernels would cost
 * every other row the same time; this waits as long as each fork needs and no longer.
 * <p>
 * The rule, for batches of per-call times t<sub>0</sub> … t<sub>n-1</sub>: with the window W the last
 * max({@link #MIN_WINDOW}, n/2) batches (at least one batch before it), settled when min(W) ≥ (1 − {@link #GAIN}) ·
 * min(before W) and the JIT spent at most {@link #COMPILE_SHARE} of W's wall time compiling. The window grows with the
 * time spent, so a plateau has to outlast everything before it to pass as the end; and code that is still interpreted
 * or compiled by C1 while C2 works on it is caught by the compile time: measured on the Vector API GEMM above, the JIT
 * compiled for about as long as each batch ran while the kernel sat at 25 ms per call (before its drop to 0.2 ms), and
 * for 1–4% of the time once it had settled.
 */
final class SteadyState {

    /** Shortest batch: long enough to hold many calls of a fast kernel, short next to a profile's warm-up. */
    static final long BATCH_NS = 20_000_000;
    /** Fewest batches in the window of the rule. */
    static final int MIN_WINDOW = 3;
    /** A window faster than this share over the best before it means the code is still getting faster. */
    static final double GAIN = 0.05;
    /**
     * Compiling for more than this share of a window's wall time means the JIT is still at work on something hot. Not 0:
     * a JVM keeps compiling a little (1–4% measured, on two cores) long after a kernel's time per call has settled.
     */
    static final double COMPILE_SHARE = 0.10;

    /** One call of the operation. */
    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    /**
     * What settling a fork took.
     *
     * @param nanos   time spent running the operation
     * @param batches batches run
     * @param settled whether the rule was met before the limit
     */
    record Outcome(long nanos, int batches, boolean settled) {
    }

    /**
     * One batch of calls.
     *
     * @param startNanos      the clock when it began
     * @param perCallNanos    its time per call
     * @param compiledAtStart the JIT's total compilation time when it began, ms
     */
    record Batch(long startNanos, double perCallNanos, long compiledAtStart) {
    }

    private final LongSupplier clock;
    private final LongSupplier compileMillis;

    /**
     * @param clock         nanoseconds, monotonic
     * @param compileMillis the JIT's total compilation time so far, in ms; a constant when the JVM does not report it
     */
    SteadyState(LongSupplier clock, LongSupplier compileMillis) {
        this.clock = clock;
        this.compileMillis = compileMillis;
    }

    /** Settling on this JVM: its nanosecond clock and, where it reports one, its JIT's compilation time. */
    static SteadyState ofThisJvm() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        LongSupplier compile = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit::getTotalCompilationTime : () -> 0;
        return new SteadyState(System::nanoTime, compile);
    }

    /** Runs {@code call} until it is settled (see the class comment) or {@code limitNanos} have passed; 0: not at all. */
    Outcome await(Call call, long limitNanos) throws Exception {
        if (limitNanos <= 0) {
            return new Outcome(0, 0, false);
        }
        List<Batch> batches = new ArrayList<>();
        long start = clock.getAsLong();
        while (true) {
            long compiled = compileMillis.getAsLong();
            long batchStart = clock.getAsLong();
            long calls = 0;
            long now;
            do {
                call.run();
                calls++;
                now = clock.getAsLong();
            } while (now - batchStart < BATCH_NS);
            batches.add(new Batch(batchStart, (double) (now - batchStart) / calls, compiled));
            if (settled(batches, now, compileMillis.getAsLong())) {
                return new Outcome(now - start, batches.size(), true);
            }
            if (now - start >= limitNanos) {
                return new Outcome(now - start, batches.size(), false);
            }
        }
    }

    /**
     * The rule of the class comment, over the batches so far; {@code now} is the clock and {@code compiledNow} the JIT's
     * total after the last one.
     */
    static boolean settled(List<Batch> batches, long now, long compiledNow) {
        int n = batches.size();
        int window = Math.max(MIN_WINDOW, n / 2);
        if (n <= window) {
            return false;
        }
        Batch first = batches.get(n - window);
        double before = batches.subList(0, n - window).stream().mapToDouble(Batch::perCallNanos).min().orElseThrow();
        double latest = batches.subList(n - window, n).stream().mapToDouble(Batch::perCallNanos).min().orElseThrow();
        double compilingNanos = (compiledNow - first.compiledAtStart()) * 1e6;
        return latest >= (1 - GAIN) * before && compilingNanos <= COMPILE_SHARE * (now - first.startNanos());
    }
}
