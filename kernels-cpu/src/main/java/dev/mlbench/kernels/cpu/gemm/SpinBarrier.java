package dev.mlbench.kernels.cpu.gemm;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reusable barrier for the threads of one GEMM call that waits by spinning ({@link GemmWorkers#pause}) rather
 * than parking: the waits are microseconds long, and waking a parked thread on a virtual machine costs tens of them.
 * A part that fails {@link #breakIt breaks} it, so the others stop waiting; {@link #reset} mends it between calls.
 */
final class SpinBarrier {

    private final int parties;
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile int phase;
    private volatile boolean broken;

    SpinBarrier(int parties) {
        this.parties = parties;
    }

    /** Waits until all parties have arrived; throws when a party broke the barrier instead. */
    void await() throws BrokenBarrierException {
        int p = phase;
        if (arrived.incrementAndGet() == parties) {
            arrived.set(0); // before the phase moves: a party that passes cannot arrive at the next phase early
            phase = p + 1;
            return;
        }
        long start = System.nanoTime();
        while (phase == p) {
            if (broken) {
                throw new BrokenBarrierException();
            }
            GemmWorkers.pause(start);
        }
    }

    /** Releases every waiting party with a {@link BrokenBarrierException}. */
    void breakIt() {
        broken = true;
    }

    /** Whether a party broke it since the last reset. */
    boolean isBroken() {
        return broken;
    }

    /** Mends it; only while no party waits (between calls). */
    void reset() {
        arrived.set(0);
        broken = false;
    }
}
