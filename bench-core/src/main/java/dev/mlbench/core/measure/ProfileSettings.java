package dev.mlbench.core.measure;

import java.util.function.ToIntFunction;

/**
 * JMH settings of one profile. {@link ProfileSetting} names each component, with its bounds.
 *
 * @param forks             JVM forks per trial
 * @param warmupIterations  warm-up iterations per fork
 * @param warmupMillis      length of one warm-up iteration
 * @param iterations        measured iterations per fork; each gives one sample
 * @param iterationMillis   length of one measured iteration (at least one operation always runs)
 * @param timeoutSeconds    an iteration running longer than this is interrupted and the trial fails
 * @param settleMillis      the longest a fork runs the kernel before its warm-up iterations, waiting for a steady time
 *                          per call ({@link SteadyState}); 0: not at all
 */
public record ProfileSettings(int forks, int warmupIterations, int warmupMillis, int iterations,
                              int iterationMillis, int timeoutSeconds, int settleMillis) {

    /** Settings holding {@code value} of each setting: the one place that maps the table onto the components. */
    public static ProfileSettings of(ToIntFunction<ProfileSetting> value) {
        return new ProfileSettings(value.applyAsInt(ProfileSetting.FORKS), value.applyAsInt(ProfileSetting.WARMUP_ITERATIONS),
                value.applyAsInt(ProfileSetting.WARMUP_MS), value.applyAsInt(ProfileSetting.ITERATIONS),
                value.applyAsInt(ProfileSetting.ITERATION_MS), value.applyAsInt(ProfileSetting.TIMEOUT_S),
                value.applyAsInt(ProfileSetting.SETTLE_MS));
    }

    /** The same settings with {@code setting} set to {@code value}. */
    public ProfileSettings with(ProfileSetting setting, int value) {
        return of(s -> s == setting ? value : s.of(this));
    }
}
