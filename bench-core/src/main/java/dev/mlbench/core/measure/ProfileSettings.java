package dev.mlbench.core.measure;

/**
 * JMH settings of one profile.
 *
 * @param forks             JVM forks per trial
 * @param warmupIterations  warm-up iterations per fork
 * @param warmupMillis      length of one warm-up iteration
 * @param iterations        measured iterations per fork; each gives one sample
 * @param iterationMillis   length of one measured iteration (at least one operation always runs)
 * @param timeoutSeconds    an iteration running longer than this is interrupted and the trial fails
 */
public record ProfileSettings(int forks, int warmupIterations, int warmupMillis, int iterations,
                              int iterationMillis, int timeoutSeconds) {

    /** The same settings with {@code n} forks. */
    public ProfileSettings withForks(int n) {
        return new ProfileSettings(n, warmupIterations, warmupMillis, iterations, iterationMillis, timeoutSeconds);
    }
}
