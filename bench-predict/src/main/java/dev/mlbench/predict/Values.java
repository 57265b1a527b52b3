package dev.mlbench.predict;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Workload and parameter values as one model compares them: JSON gives 256 as an Integer or a Long and the command
 * line gives a String, so every whole number becomes a Long and every other number a Double.
 */
final class Values {

    private Values() {
    }

    /** {@code value} with its number type made canonical. */
    static Object normalize(Object value) {
        if (value instanceof Number n) {
            double d = n.doubleValue();
            boolean whole = n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
            return whole ? (Object) n.longValue() : (Object) d;
        }
        return value;
    }

    /** A copy of {@code values} in their order, normalised, unmodifiable. */
    static Map<String, Object> normalize(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, normalize(v)));
        return Collections.unmodifiableMap(out);
    }

    /** Reads a command-line value: a whole number, another number, or the text itself. */
    static Object parse(String text) {
        String t = text.trim();
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException notWhole) {
            try {
                double d = Double.parseDouble(t);
                return Double.isFinite(d) ? d : t;
            } catch (NumberFormatException notNumber) {
                return t;
            }
        }
    }
}
