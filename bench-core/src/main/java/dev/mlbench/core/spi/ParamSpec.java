package dev.mlbench.core.spi;

import java.util.Objects;

/**
 * Declares one parameter of a workload or a kernel: its name, type, allowed range and default.
 * The definition validator checks every value against its spec before anything runs.
 *
 * @param name         key as written in a definition
 * @param type         the value type
 * @param min          the smallest allowed value (numbers only)
 * @param max          the largest allowed value (numbers only); guards against absurd sizes
 * @param defaultValue the value used when none is given, or null when the parameter is required
 * @param description  one line for help and error messages
 */
public record ParamSpec(String name, Type type, double min, double max, Object defaultValue, String description) {

    /** Value types a parameter can have. */
    public enum Type { INT, DOUBLE, STRING, BOOLEAN }

    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }

    /** A required integer in [min, max]. */
    public static ParamSpec requiredInt(String name, long min, long max, String description) {
        return new ParamSpec(name, Type.INT, min, max, null, description);
    }

    /** An optional integer in [min, max] with a default. */
    public static ParamSpec optionalInt(String name, long min, long max, long defaultValue, String description) {
        return new ParamSpec(name, Type.INT, min, max, defaultValue, description);
    }

    /** Whether a definition must give this parameter. */
    public boolean required() {
        return defaultValue == null;
    }
}
