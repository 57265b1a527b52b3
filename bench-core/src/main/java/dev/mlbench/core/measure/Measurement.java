package dev.mlbench.core.measure;

import java.util.List;
import java.util.Map;

/** The outcome of timing one trial under JMH. */
public sealed interface Measurement {

    /**
     * @param samplesNs per-iteration average nanoseconds per operation, every fork's measured iterations in order
     * @param secondary JMH secondary results averaged over iterations and forks: the GC profiler's
     *                  {@code gc.alloc.rate.norm} and the kernel's iteration counters, by name
     */
    record Measured(List<Double> samplesNs, Map<String, Double> secondary) implements Measurement {
    }

    /** JMH could not measure the trial (an exception in the fork, a timeout, a crashed JVM). */
    record Failed(String reason) implements Measurement {
    }
}
