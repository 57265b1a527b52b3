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
 * benchmark JVM as JMH secondary results named {@value #PREFIX}{@code <name>}, averaged over iterations.
 */
public final class KernelCountersProfiler implements InternalProfiler {

    /** Prefix of the secondary results this profiler produces. */
    public static final String PREFIX = "kernel.";

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
        return results;
    }
}
