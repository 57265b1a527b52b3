package dev.mlbench.core.measure;

import java.util.Locale;

/**
 * How hard a run measures: the JMH forks and iterations of each trial. These are the defaults in one
 * place; a track definition may override any of them per profile.
 */
public enum Profile {
    /** A first look: one fork, a few short iterations; for terminals and pull-request checks. */
    QUICK(new ProfileSettings(1, 2, 300, 5, 300, 120, 5_000)),
    /** The default for comparisons: two forks, ten one-second iterations. */
    STANDARD(new ProfileSettings(2, 5, 1000, 10, 1000, 600, 10_000)),
    /** Publication quality: three forks, twenty one-second iterations. */
    THOROUGH(new ProfileSettings(3, 10, 1000, 20, 1000, 1200, 20_000)),
    /**
     * For regression gates: the quick profile's workloads measured in many short forks rather than few long ones.
     * Forks are the independent units of a measurement ({@code bench compare} resamples them), so ten JVMs of three
     * iterations say more about a change than two JVMs of ten.
     */
    GATE(new ProfileSettings(10, 2, 300, 3, 200, 120, 5_000));

    private final ProfileSettings defaults;

    Profile(ProfileSettings defaults) {
        this.defaults = defaults;
    }

    /** The built-in settings of this profile. */
    public ProfileSettings defaults() {
        return defaults;
    }

    /**
     * The profile whose workloads this one runs: a definition's groups list the profiles they belong to, and a gate
     * checks what the quick profile shows.
     */
    public Profile workloads() {
        return this == GATE ? QUICK : this;
    }

    /** The name as written in definitions and on the command line. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "quick", "standard" or "thorough". */
    public static Profile parse(String key) {
        for (Profile p : values()) {
            if (p.key().equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + key + "' (valid: " + keys() + ")");
    }

    /** Every profile's name, comma-separated: {@code quick, standard, thorough, gate}. */
    public static String keys() {
        return String.join(", ", java.util.Arrays.stream(values()).map(Profile::key).toList());
    }
}
