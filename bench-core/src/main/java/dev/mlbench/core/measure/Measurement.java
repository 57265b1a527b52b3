package dev.mlbench.core.measure;

import java.util.List;
import java.util.Map;

/** The outcome of timing one trial under JMH. */
public sealed interface Measurement {

    /**
     * @param samplesNs per-iteration average nanoseconds per operation, every fork's measured iterations in order
     * @param secondary JMH secondary results averaged over iterations and forks: the GC profiler's
     *                  {@code gc.alloc.rate.norm} and the kernel's iteration counters, by name
     * @param sampleForks   the 0-based fork of each sample
     * @param forkStartedAt when each fork started (ISO-8601), by fork index
     */
    record Measured(List<Double> samplesNs, Map<String, Double> secondary, List<Integer> sampleForks, List<String> forkStartedAt)
            implements Measurement {

        /** Checks that every sample names a fork that has a start time. */
        public Measured {
            if (sampleForks.size() != samplesNs.size()) {
                throw new IllegalArgumentException(samplesNs.size() + " samples but " + sampleForks.size() + " fork indexes");
            }
            for (int f : sampleForks) {
                if (f < 0 || f >= forkStartedAt.size()) {
                    throw new IllegalArgumentException("fork index " + f + " outside the " + forkStartedAt.size() + " forks");
                }
            }
        }

        /** Samples that all come from one fork started now (measurements that have no forks of their own). */
        public Measured(List<Double> samplesNs, Map<String, Double> secondary) {
            this(samplesNs, secondary, java.util.Collections.nCopies(samplesNs.size(), 0), List.of(java.time.Instant.now().toString()));
        }
    }

    /** JMH could not measure the trial (an exception in the fork, a timeout, a crashed JVM). */
    record Failed(String reason) implements Measurement {
    }
}
