package dev.mlbench.core.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Validated parameter values, in declaration order. Values are {@link Long}, {@link Double},
 * {@link String} or {@link Boolean}, as their {@link ParamSpec} says.
 */
public final class ParamValues {

    private final Map<String, Object> values;

    public ParamValues(Map<String, ?> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** No parameters. */
    public static ParamValues empty() {
        return new ParamValues(Map.of());
    }

    /** The integer value of {@code name}. */
    public long getLong(String name) {
        return ((Number) require(name)).longValue();
    }

    /** The integer value of {@code name}, which the spec bounds to the int range. */
    public int getInt(String name) {
        return Math.toIntExact(getLong(name));
    }

    /** The floating-point value of {@code name}. */
    public double getDouble(String name) {
        return ((Number) require(name)).doubleValue();
    }

    /** The string value of {@code name}. */
    public String getString(String name) {
        return (String) require(name);
    }

    /** The values as an ordered, unmodifiable map. */
    public Map<String, Object> asMap() {
        return values;
    }

    private Object require(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new NoSuchElementException("no parameter '" + name + "' in " + values.keySet());
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParamValues other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
