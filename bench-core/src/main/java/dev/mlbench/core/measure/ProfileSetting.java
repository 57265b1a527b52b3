package dev.mlbench.core.measure;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The settings of a profile, each with the key a definition writes it under, the values it may take and its
 * component of {@link ProfileSettings}. Validating a definition's {@code profiles}, applying them and writing them
 * out all go through this one table, so a setting is added, renamed or re-bounded in one place.
 */
public enum ProfileSetting {
    /** JVM forks per trial. */
    FORKS("forks", 1, 100, ProfileSettings::forks),
    /** Warm-up iterations per fork; none is allowed (the first measured iteration then warms up unseen). */
    WARMUP_ITERATIONS("warmup_iterations", 0, 1000, ProfileSettings::warmupIterations),
    /** Length of one warm-up iteration, in milliseconds. */
    WARMUP_MS("warmup_ms", 1, 3_600_000, ProfileSettings::warmupMillis),
    /** Measured iterations per fork. */
    ITERATIONS("iterations", 1, 10_000, ProfileSettings::iterations),
    /** Length of one measured iteration, in milliseconds. */
    ITERATION_MS("iteration_ms", 1, 3_600_000, ProfileSettings::iterationMillis),
    /** How long an iteration may run before the trial fails, in seconds. */
    TIMEOUT_S("timeout_s", 1, 86_400, ProfileSettings::timeoutSeconds),
    /**
     * The longest a fork runs the kernel before its warm-up iterations, waiting until the JIT has compiled it and its
     * time per call is steady ({@link SteadyState}), in milliseconds; 0: not at all (the warm-up alone).
     */
    SETTLE_MS("settle_ms", 0, 3_600_000, ProfileSettings::settleMillis);

    private final String key;
    private final int min;
    private final int max;
    private final ToIntFunction<ProfileSettings> accessor;

    ProfileSetting(String key, int min, int max, ToIntFunction<ProfileSettings> accessor) {
        this.key = key;
        this.min = min;
        this.max = max;
        this.accessor = accessor;
    }

    /** The key in a definition's {@code profiles} section, e.g. {@code warmup_ms}. */
    public String key() {
        return key;
    }

    /** The smallest value allowed. */
    public int min() {
        return min;
    }

    /** The largest value allowed. */
    public int max() {
        return max;
    }

    /** Whether {@code value} lies within {@link #min()} and {@link #max()}. */
    public boolean allows(long value) {
        return value >= min && value <= max;
    }

    /** This setting's value in {@code settings}. */
    public int of(ProfileSettings settings) {
        return accessor.applyAsInt(settings);
    }

    /** Every key, in table order: the order in which definitions are checked and profiles written out. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(ProfileSetting::key).toList();
    }
}
