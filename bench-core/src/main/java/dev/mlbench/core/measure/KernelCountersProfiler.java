package dev.mlbench.core.measure;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Carries a kernel's {@link dev.mlbench.core.spi.Prepared#iterationCounters() iteration counters} out of the
 * benchmark JVM as JMH secondary results named {@value #PREFIX}{@code <name>}, averaged over iterations, and what
 * settling the fork took ({@link SteadyState}) as {@value #SETTLE_MS} and {@value #SETTLED} (1 when it settled, else 0),
 * whose means over iterations are the means over forks.
 */
public final class KernelCountersProfiler implements InternalProfiler {

    /** Prefix of the secondary results this profiler produces. */
    public static final String PREFIX = "kernel.";
    /** Secondary result: milliseconds the fork ran the kernel before its warm-up, settling. */
    public static final String SETTLE_MS = "fork.settle_ms";
    /** Secondary result: 1 when the fork's time per call settled before the profile's limit, else 0. */
    public static final String SETTLED = "fork.settled";

    @Override
    public String getDescription() {
        return "per-operation counters reported by the kernel under test";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        KernelSession session = TrialBenchmark.current();
        if (session != null) {
            session.iterationCounters(); // counters start from this iteration: drop what set-up and warm-up left
        }
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        KernelSession session = TrialBenchmark.current();
        if (session == null || iterationParams.getType() != IterationType.MEASUREMENT) {
            return List.of();
        }
        List<Result> results = new ArrayList<>();
        for (Map.Entry<String, Double> e : session.iterationCounters().entrySet()) {
            results.add(new ScalarResult(PREFIX + e.getKey(), e.getValue(), "", AggregationPolicy.AVG));
        }
        SteadyState.Outcome settled = TrialBenchmark.settled();
        if (settled != null && settled.batches() > 0) {
            results.add(new ScalarResult(SETTLE_MS, settled.nanos() / 1e6, "ms", AggregationPolicy.AVG));
            results.add(new ScalarResult(SETTLED, settled.settled() ? 1 : 0, "", AggregationPolicy.AVG));
        }
        return results;
    }
}
