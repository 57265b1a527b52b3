package dev.mlbench.core.measure;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.function.IntToLongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Settling a fork: the rule over batches, and the loop driven by a fake clock in which call i takes a chosen time, so
 * a kernel that is interpreted, then compiled by C1, then by C2 can be played back exactly.
 */
class SteadyStateTest {

    private static final long MS = 1_000_000;

    /** A clock that a call advances by {@code cost(i)} for its i-th call (0-based), and a JIT counter the test moves. */
    private static final class Fake {
        final IntToLongFunction cost;
        long now;
        long compiled;
        int calls;

        Fake(IntToLongFunction cost) {
            this.cost = cost;
        }

        void call() {
            now += cost.applyAsLong(calls++);
        }

        SteadyState settler() {
            return new SteadyState(() -> now, () -> compiled);
        }
    }

    /** Batches of 20 ms each, back to back from 0, with the given times per call and nothing compiled. */
    private static List<SteadyState.Batch> batches(double... perCall) {
        List<SteadyState.Batch> out = new ArrayList<>();
        for (double t : perCall) {
            out.add(new SteadyState.Batch(out.size() * 20 * MS, t, 0));
        }
        return out;
    }

    private static boolean settled(List<SteadyState.Batch> batches) {
        return SteadyState.settled(batches, batches.size() * 20 * MS, 0);
    }

    @Test
    void steadyBatchesWithNothingCompiledSettleOnceAWindowHasABatchBeforeIt() {
        assertFalse(settled(batches(1, 1, 1)), "three batches are all window, nothing before it");
        assertTrue(settled(batches(1, 1, 1, 1)));
        assertTrue(settled(batches(1.0, 1.04, 1.02, 1.03)), "4% slower than the best before: noise, not gain");
    }

    @Test
    void aWindowFasterThanEverythingBeforeItIsStillWarmingUp() {
        assertFalse(settled(batches(100, 40, 0.5, 0.5)), "interpreted, C1, then C2: the drop is in the window");
        assertFalse(settled(batches(1, 1, 1, 0.9)), "10% faster than the best before it");
    }

    @Test
    void theWindowIsHalfTheBatchesSoADropAfterALongPlateauTakesAsLongAgainToSettle() {
        // ten batches at one speed pass; one faster batch after them puts a drop in the window of five
        double[] perCall = new double[21];
        Arrays.fill(perCall, 0, 10, 100.0);
        Arrays.fill(perCall, 10, 21, 1.0);
        assertTrue(settled(batches(Arrays.copyOf(perCall, 10))));
        assertFalse(settled(batches(Arrays.copyOf(perCall, 11))));
        assertFalse(settled(batches(Arrays.copyOf(perCall, 20))), "ten fast batches are the whole window: none before it");
        assertTrue(settled(batches(perCall)), "the window of 10 is fast, and so is a batch before it");
    }

    @Test
    void compilingForMoreThanATenthOfTheWindowKeepsItGoingWhateverTheTimes() {
        // the window is the last three batches: 60 ms, of which a tenth is 6 ms
        List<SteadyState.Batch> steady = batches(1, 1, 1, 1);
        assertFalse(SteadyState.settled(steady, 80 * MS, 7), "7 ms of compiling in a 60 ms window");
        assertTrue(SteadyState.settled(steady, 80 * MS, 6), "6 ms: the background trickle of a settled JVM");
        List<SteadyState.Batch> compiledBefore = new ArrayList<>();
        for (SteadyState.Batch b : steady) {
            compiledBefore.add(new SteadyState.Batch(b.startNanos(), b.perCallNanos(), compiledBefore.isEmpty() ? 0 : 50));
        }
        assertTrue(SteadyState.settled(compiledBefore, 80 * MS, 50), "50 ms compiled before the window: it is over");
    }

    @Test
    void aKernelThatIsCompiledAfterAFewCallsSettlesOnItsCompiledSpeed() throws Exception {
        // 3 calls of 60 ms (interpreted), 20 of 4 ms (C1), then 0.5 ms (C2); compilation ends with the last drop
        Fake fake = new Fake(i -> i < 3 ? 60 * MS : i < 23 ? 4 * MS : MS / 2);
        SteadyState.Outcome o = fake.settler().await(() -> {
            fake.call();
            fake.compiled = fake.calls < 23 ? fake.calls : 23;
        }, 5_000 * MS);
        assertTrue(o.settled(), o.toString());
        assertTrue(fake.calls > 23 + 3 * SteadyState.BATCH_NS / (MS / 2), "at least a window of batches at the compiled speed: " + fake.calls);
        assertTrue(o.nanos() < 1_000 * MS, "no longer than it needs: " + o);
    }

    @Test
    void theLimitEndsAKernelThatKeepsGettingFaster() throws Exception {
        // every call 2% faster than the one before, never steady
        double[] cost = {10 * MS};
        Fake fake = new Fake(i -> (long) (cost[0] *= 0.98) + 1);
        SteadyState.Outcome o = fake.settler().await(fake::call, 300 * MS);
        assertFalse(o.settled());
        assertTrue(o.nanos() >= 300 * MS && o.nanos() < 300 * MS + SteadyState.BATCH_NS + 10 * MS, "stops within a batch of the limit: " + o);
    }

    @Test
    void theLimitEndsAKernelWhileTheJitKeepsCompiling() throws Exception {
        Fake fake = new Fake(i -> MS);
        SteadyState.Outcome o = fake.settler().await(() -> {
            fake.call();
            fake.compiled++;
        }, 200 * MS);
        assertFalse(o.settled());
        assertEquals(200 / 20, o.batches(), "batches of 20 ms until 200 ms: " + o);
    }

    @Test
    void aSlowCallIsABatchOfItsOwn() throws Exception {
        Fake fake = new Fake(i -> 100 * MS);
        SteadyState.Outcome o = fake.settler().await(fake::call, 5_000 * MS);
        assertTrue(o.settled());
        assertEquals(4, o.batches());
        assertEquals(4, fake.calls, "one call per batch when a call outlasts the batch");
    }

    @Test
    void aLimitOfZeroRunsNothing() throws Exception {
        Fake fake = new Fake(i -> MS);
        SteadyState.Outcome o = fake.settler().await(fake::call, 0);
        assertEquals(new SteadyState.Outcome(0, 0, false), o);
        assertEquals(0, fake.calls);
    }
}
