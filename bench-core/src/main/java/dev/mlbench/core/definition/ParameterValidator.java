package dev.mlbench.core.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.util.Names;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.mlbench.core.definition.ProblemCollector.describe;

/**
 * Parameter values against their {@link ParamSpec}s, and sweeps expanded into them: what a workload group's
 * {@code shapes} and {@code sweep} and a kernel's {@code params} have in common.
 */
final class ParameterValidator {

    private final ProblemCollector problems;

    ParameterValidator(ProblemCollector problems) {
        this.problems = problems;
    }

    /** Cartesian product of a mapping whose values are scalars or lists, in key order. */
    List<Map<String, JsonNode>> expand(JsonNode sweep, String path) {
        List<Map<String, JsonNode>> result = new ArrayList<>();
        if (!sweep.isObject() || sweep.isEmpty()) {
            problems.report(path, "must be a mapping from parameter to a value or a list of values, got " + describe(sweep));
            return result;
        }
        result.add(new LinkedHashMap<>());
        Iterator<Map.Entry<String, JsonNode>> it = sweep.fields();
        long size = 1;
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode values = e.getValue();
            if (values.isArray() && values.isEmpty()) {
                problems.report(path + "." + e.getKey(), "an empty list sweeps nothing; give at least one value");
                return List.of();
            }
            int n = values.isArray() ? values.size() : 1;
            size *= n;
            if (size > DefinitionLoader.MAX_SWEEP_SIZE) {
                problems.report(path, "sweep expands to more than " + DefinitionLoader.MAX_SWEEP_SIZE + " combinations; split it into groups");
                return List.of();
            }
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> partial : result) {
                for (int i = 0; i < n; i++) {
                    Map<String, JsonNode> m = new LinkedHashMap<>(partial);
                    m.put(e.getKey(), values.isArray() ? values.get(i) : values);
                    next.add(m);
                }
            }
            result = next;
        }
        return result;
    }

    /**
     * Checks raw values against specs, filling in the defaults of those not given; null when any is wrong (the
     * problems are reported). {@code what} names a parameter in the messages, e.g. {@code parameter of kernel plain}.
     */
    ParamValues params(Map<String, JsonNode> raw, String path, List<ParamSpec> specs, String what) {
        Map<String, Object> values = new LinkedHashMap<>();
        boolean ok = true;
        List<String> specNames = specs.stream().map(ParamSpec::name).toList();
        for (String key : raw.keySet()) {
            if (!specNames.contains(key)) {
                problems.report(path + "." + key, "unknown " + what + " '" + key + "'" + Names.suggestion(key, specNames));
                ok = false;
            }
        }
        for (ParamSpec spec : specs) {
            JsonNode node = raw.get(spec.name());
            String p = path + "." + spec.name();
            if (node == null) {
                if (spec.required()) {
                    problems.report(path, "missing required " + what + " '" + spec.name() + "' (" + spec.description() + ")");
                    ok = false;
                } else {
                    values.put(spec.name(), spec.defaultValue());
                }
                continue;
            }
            Object value = convert(node, spec, p);
            if (value == null) {
                ok = false;
            } else {
                values.put(spec.name(), value);
            }
        }
        return ok ? new ParamValues(values) : null;
    }

    /** Each spec's default value. */
    static ParamValues defaults(List<ParamSpec> specs) {
        Map<String, Object> values = new LinkedHashMap<>();
        specs.forEach(s -> values.put(s.name(), s.defaultValue()));
        return new ParamValues(values);
    }

    private Object convert(JsonNode node, ParamSpec spec, String path) {
        switch (spec.type()) {
            case INT -> {
                if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                    problems.report(path, "must be an integer (" + spec.description() + "), got " + describe(node));
                    return null;
                }
                long v = node.asLong();
                if (v < spec.min() || v > spec.max()) {
                    problems.report(path, "must be from " + (long) spec.min() + " to " + (long) spec.max() + " (" + spec.description() + "), got " + v);
                    return null;
                }
                return v;
            }
            case DOUBLE -> {
                if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
                    problems.report(path, "must be a number (" + spec.description() + "), got " + describe(node));
                    return null;
                }
                double v = node.asDouble();
                if (v < spec.min() || v > spec.max()) {
                    problems.report(path, "must be from " + spec.min() + " to " + spec.max() + " (" + spec.description() + "), got " + v);
                    return null;
                }
                return v;
            }
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    problems.report(path, "must be true or false, got " + describe(node));
                    return null;
                }
                return node.asBoolean();
            }
            default -> {
                if (!node.isTextual()) {
                    problems.report(path, "must be a string, got " + describe(node));
                    return null;
                }
                return node.asText();
            }
        }
    }
}
