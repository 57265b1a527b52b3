package dev.mlbench.kernels.cpu.gemm;

import org.junit.jupiter.api.Test;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The spinning hand-off and barrier: every part once per call, failures rethrown, nothing left waiting. */
class GemmWorkersTest {

    @Test
    void everyPartRunsOncePerCallWhetherItsHelperSpunOrWasResubmitted() throws Exception {
        int threads = 3;
        int calls = 600;
        AtomicIntegerArray runs = new AtomicIntegerArray(calls * threads);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            GemmWorkers workers = new GemmWorkers(pool, threads);
            for (int call = 0; call < calls; call++) {
                int c = call;
                workers.run(t -> runs.incrementAndGet(c * threads + t));
                if (call % 50 == 0) {
                    Thread.sleep(1 + GemmWorkers.SPIN_NS / 1_000_000); // past the spin: the helpers give their threads back
                }
            }
        }
        for (int i = 0; i < runs.length(); i++) {
            assertEquals(1, runs.get(i), "call " + i / threads + " part " + i % threads);
        }
    }

    @Test
    void aHelpersFailureIsRethrownAndTheNextCallRuns() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            GemmWorkers workers = new GemmWorkers(pool, 2);
            IllegalStateException boom = new IllegalStateException("boom");
            assertSame(boom, assertThrows(IllegalStateException.class, () -> workers.run(t -> {
                if (t == 1) {
                    throw boom;
                }
            })));
            AtomicIntegerArray runs = new AtomicIntegerArray(2);
            workers.run(runs::incrementAndGet);
            assertEquals(1, runs.get(0));
            assertEquals(1, runs.get(1));
        }
    }

    @Test
    void aPartThatFailsReleasesTheOthersFromTheBarrierAndItsOwnFailureIsTheOneRethrown() throws Exception {
        SpinBarrier barrier = new SpinBarrier(2);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            GemmWorkers workers = new GemmWorkers(pool, 2);
            ArithmeticException cause = new ArithmeticException("part 1 failed");
            GemmWorkers.Body body = t -> {
                if (t == 1) {
                    barrier.breakIt();
                    throw cause;
                }
                barrier.await();
            };
            assertSame(cause, assertThrows(ArithmeticException.class, () -> workers.run(body)));
            assertEquals(true, barrier.isBroken());
            barrier.reset();
            AtomicIntegerArray passed = new AtomicIntegerArray(2);
            for (int i = 0; i < 1000; i++) {
                workers.run(t -> {
                    barrier.await();
                    passed.incrementAndGet(t);
                    barrier.await();
                });
            }
            assertEquals(1000, passed.get(0));
            assertEquals(1000, passed.get(1));
        }
    }

    @Test
    void aBrokenBarrierReleasesAPartyThatArrivesAfterTheBreak() {
        SpinBarrier barrier = new SpinBarrier(2);
        barrier.breakIt();
        assertThrows(BrokenBarrierException.class, barrier::await);
    }
}
