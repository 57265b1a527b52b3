package dev.mlbench.kernels.cpu;

import dev.mlbench.core.spi.PeakFlopsProbe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures FP32 FMA peak with the Vector API: each thread runs {@link FmaLoop}, whose twelve independent
 * accumulators hide FMA latency on two FMA pipes. All threads start together and the rate is summed.
 */
public final class VectorPeakFlopsProbe implements PeakFlopsProbe {

    private static final long WARM_UP_NANOS = 500_000_000L;

    @Override
    public String method(int threads) {
        return "Vector API FMA loop, " + VectorInfo.preferredBitSize() + "-bit, 12 accumulators, " + threads + " thread(s), best of 5";
    }

    @Override
    public double measureFlops(int threads, long millis) throws InterruptedException {
        if (!VectorBackend.usable()) {
            throw new IllegalStateException("the Vector API is unavailable: " + new VectorBackend().probe().reason());
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // Warm up with the timed loop itself on every thread, long enough for C2 to compile it as it is timed (short
            // calls give a profile that is recompiled once real calls come, and the first rounds then run slow code).
            List<Callable<double[]>> warmUp = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                warmUp.add(() -> FmaLoop.timed(WARM_UP_NANOS));
            }
            for (Future<double[]> f : pool.invokeAll(warmUp)) {
                f.get();
            }
            double best = 0;
            for (int round = 0; round < 5; round++) {
                List<Callable<double[]>> work = new ArrayList<>();
                long deadline = millis * 1_000_000L / 5;
                for (int t = 0; t < threads; t++) {
                    work.add(() -> FmaLoop.timed(deadline));
                }
                double total = 0;
                for (Future<double[]> f : pool.invokeAll(work)) {
                    double[] flopsAndNs = f.get();
                    total += flopsAndNs[0] / (flopsAndNs[1] / 1e9);
                }
                best = Math.max(best, total);
            }
            return best;
        } catch (ExecutionException e) {
            throw new IllegalStateException("FMA peak loop failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
