package dev.mlbench.core.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlbench.core.registry.Registry;
import dev.mlbench.core.spi.Kernel;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Tolerance;
import dev.mlbench.core.spi.Track;
import dev.mlbench.core.util.Names;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static dev.mlbench.core.definition.ProblemCollector.describe;

/**
 * The {@code kernels} section: each kernel a name or a mapping with its {@code params} (swept like workloads, plus
 * the {@code threads} every kernel accepts), the workload groups it is limited to and its own {@code tolerance}.
 */
final class KernelsValidator {

    private static final List<String> KERNEL_KEYS = List.of("name", "params", "workloads", "tolerance");

    private final ProblemCollector problems;
    private final Registry registry;
    private final ParameterValidator parameters;
    private final ToleranceValidator tolerances;

    KernelsValidator(ProblemCollector problems, Registry registry, ParameterValidator parameters, ToleranceValidator tolerances) {
        this.problems = problems;
        this.registry = registry;
        this.parameters = parameters;
        this.tolerances = tolerances;
    }

    /**
     * The kernels of {@code node}, each with its settings; absent, every kernel of the track with its defaults.
     * Without a {@code track} (unknown), no kernel can be known, so none is reported unknown.
     */
    List<KernelSelection> validate(JsonNode node, Track<?, ?, ?, ?> track, List<WorkloadGroup> groups) {
        List<KernelSelection> selections = new ArrayList<>();
        Map<String, Kernel<?, ?, ?>> known = track == null ? Map.of() : registry.kernels(track.name());
        if (node == null) {
            if (track != null) {
                known.values().forEach(k -> selections.add(new KernelSelection(k.name(),
                        List.of(ParameterValidator.defaults(k.tunables())), Set.of(), Optional.empty())));
            }
            return selections;
        }
        if (!node.isArray() || node.isEmpty()) {
            problems.report("kernels", "must be a non-empty list of kernel names or mappings with 'name', got " + describe(node));
            return selections;
        }
        Set<String> groupNames = new LinkedHashSet<>();
        groups.forEach(g -> groupNames.add(g.name()));
        for (int i = 0; i < node.size(); i++) {
            String path = "kernels[" + i + "]";
            JsonNode k = node.get(i);
            String name;
            if (k.isTextual()) {
                name = k.asText();
            } else if (k.isObject()) {
                problems.unknownKeys(k, path, KERNEL_KEYS);
                name = problems.optionalText(k, path, "name").orElse(null);
                if (name == null) {
                    problems.report(path, "missing required key 'name'");
                    continue;
                }
            } else {
                problems.report(path, "a kernel must be a name or a mapping with 'name', got " + describe(k));
                continue;
            }
            Kernel<?, ?, ?> kernel = known.get(name);
            if (kernel == null) {
                if (track != null) {
                    problems.report(k.isObject() ? path + ".name" : path, "unknown kernel '" + name + "' for track " + track.name()
                            + Names.suggestion(name, known.keySet()));
                }
                continue;
            }
            List<ParamValues> settings = new ArrayList<>();
            Set<String> only = new LinkedHashSet<>();
            Optional<Tolerance> tolerance = Optional.empty();
            if (k.isObject()) {
                JsonNode params = k.get("params");
                if (params != null) {
                    settings.addAll(settings(params, path + ".params", name, kernel));
                }
                JsonNode w = k.get("workloads");
                if (w != null) {
                    only.addAll(groups(w, path + ".workloads", groupNames));
                }
                if (k.has("tolerance")) {
                    tolerance = tolerances.validate(k.get("tolerance"), path + ".tolerance");
                }
            }
            if (settings.isEmpty() && (!k.isObject() || !k.has("params"))) {
                settings.add(ParameterValidator.defaults(kernel.tunables()));
            }
            selections.add(new KernelSelection(name, settings, only, tolerance));
        }
        return selections;
    }

    /** Each valid combination of the {@code params} sweep at {@code path} of the kernel {@code name}. */
    private List<ParamValues> settings(JsonNode params, String path, String name, Kernel<?, ?, ?> kernel) {
        List<ParamValues> settings = new ArrayList<>();
        for (Map<String, JsonNode> combination : parameters.expand(params, path)) {
            List<ParamSpec> specs = combination.containsKey(KernelConfig.THREADS)
                    ? Stream.concat(kernel.tunables().stream(), Stream.of(KernelConfig.THREADS_SPEC)).toList()
                    : kernel.tunables();
            ParamValues values = parameters.params(combination, path, specs, "parameter of kernel " + name);
            if (values != null) {
                settings.add(values);
            }
        }
        return settings;
    }

    /** The known workload groups a kernel's {@code workloads} list (at {@code path}) names. */
    private List<String> groups(JsonNode w, String path, Set<String> groupNames) {
        List<String> only = new ArrayList<>();
        if (!w.isArray() || w.isEmpty()) {
            problems.report(path, "must be a non-empty list of workload group names, got " + describe(w));
            return only;
        }
        for (int j = 0; j < w.size(); j++) {
            String g = w.get(j).asText();
            if (!w.get(j).isTextual() || !groupNames.contains(g)) {
                problems.report(path + "[" + j + "]", "unknown workload group '" + g + "'" + Names.suggestion(g, groupNames));
            } else {
                only.add(g);
            }
        }
        return only;
    }
}
