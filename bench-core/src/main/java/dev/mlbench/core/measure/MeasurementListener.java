package dev.mlbench.core.measure;

/** Hears about progress inside one trial's measurement, for progress lines on long runs. */
public interface MeasurementListener {

    /** An iteration began; {@code warmup} tells warm-up from measurement. */
    void iteration(int fork, int forks, boolean warmup, int iteration, int iterations);

    /** A listener that ignores everything. */
    MeasurementListener NONE = (fork, forks, warmup, iteration, iterations) -> { };
}
