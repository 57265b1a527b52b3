package dev.mlbench.core.measure;

import java.util.List;

/** The outcome of timing one trial under JMH. */
public sealed interface Measurement {

    /** Per-iteration average nanoseconds per operation, every fork's measured iterations in order. */
    record Measured(List<Double> samplesNs) implements Measurement {
    }

    /** JMH could not measure the trial (an exception in the fork, a timeout, a crashed JVM). */
    record Failed(String reason) implements Measurement {
    }
}
