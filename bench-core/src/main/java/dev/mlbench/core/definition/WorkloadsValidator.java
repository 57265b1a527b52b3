package dev.mlbench.core.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlbench.core.measure.Profile;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Track;
import dev.mlbench.core.util.Bytes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.mlbench.core.definition.ProblemCollector.describe;

/**
 * The {@code workloads} section: named groups of shapes or sweeps, each workload checked against the track's
 * parameters, by the track itself, and for the heap it would need.
 */
final class WorkloadsValidator {

    private static final List<String> GROUP_KEYS = List.of("name", "profiles", "shapes", "sweep", "cache");

    private final ProblemCollector problems;
    private final ParameterValidator parameters;
    private final ProfilesValidator profiles;
    private final long heapBytes;

    /** @param heapBytes the heap each trial's JVM has; workloads needing more are refused */
    WorkloadsValidator(ProblemCollector problems, ParameterValidator parameters, ProfilesValidator profiles, long heapBytes) {
        this.problems = problems;
        this.parameters = parameters;
        this.profiles = profiles;
        this.heapBytes = heapBytes;
    }

    /** The groups of {@code node}; without a {@code track} (unknown), their shapes are not checked and stay empty. */
    List<WorkloadGroup> validate(JsonNode node, Track<?, ?, ?, ?> track) {
        List<WorkloadGroup> groups = new ArrayList<>();
        if (node == null) {
            problems.report("", "missing required key 'workloads' (a list of groups, each with 'name' and 'shapes' or 'sweep')");
            return groups;
        }
        if (!node.isArray() || node.isEmpty()) {
            problems.report("workloads", "must be a non-empty list of workload groups, got " + describe(node));
            return groups;
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "workloads[" + i + "]";
            JsonNode g = node.get(i);
            if (!g.isObject()) {
                problems.report(path, "a workload group must be a mapping with keys " + GROUP_KEYS + ", got " + describe(g));
                continue;
            }
            problems.unknownKeys(g, path, GROUP_KEYS);
            String name = problems.optionalText(g, path, "name").orElse(null);
            if (name == null) {
                problems.report(path, "missing required key 'name'");
                name = "group" + i;
            } else if (!names.add(name)) {
                problems.report(path + ".name", "workload group '" + name + "' is defined twice");
            }
            Set<Profile> groupProfiles = profiles.selection(g.get("profiles"), path + ".profiles");
            List<Map<String, JsonNode>> raw = new ArrayList<>();
            List<String> rawPaths = new ArrayList<>();
            JsonNode shapes = g.get("shapes");
            JsonNode sweep = g.get("sweep");
            if ((shapes == null) == (sweep == null)) {
                problems.report(path, "give exactly one of 'shapes' (a list of workloads) or 'sweep' (lists of values, all combinations)");
            } else if (shapes != null) {
                if (!shapes.isArray() || shapes.isEmpty()) {
                    problems.report(path + ".shapes", "must be a non-empty list of workloads, got " + describe(shapes));
                } else {
                    for (int s = 0; s < shapes.size(); s++) {
                        String sp = path + ".shapes[" + s + "]";
                        if (!shapes.get(s).isObject()) {
                            problems.report(sp, "a workload must be a mapping of parameters, got " + describe(shapes.get(s)));
                            continue;
                        }
                        Map<String, JsonNode> one = new LinkedHashMap<>();
                        shapes.get(s).fields().forEachRemaining(e -> one.put(e.getKey(), e.getValue()));
                        raw.add(one);
                        rawPaths.add(sp);
                    }
                }
            } else {
                for (Map<String, JsonNode> combination : parameters.expand(sweep, path + ".sweep")) {
                    raw.add(combination);
                    rawPaths.add(path + ".sweep");
                }
            }
            List<ParamValues> workloads = new ArrayList<>();
            if (track != null) {
                for (int w = 0; w < raw.size(); w++) {
                    ParamValues values = parameters.params(raw.get(w), rawPaths.get(w), track.workloadParams(), "workload parameter of track " + track.name());
                    if (values != null && checkWorkload(track, values, rawPaths.get(w))) {
                        workloads.add(values);
                    }
                }
            }
            groups.add(new WorkloadGroup(name, groupProfiles, workloads, cacheState(g.get("cache"), path + ".cache")));
        }
        return groups;
    }

    /** The group's {@code cache} key: {@code warm} (the default) or {@code cold}. */
    private CacheState cacheState(JsonNode node, String path) {
        if (node == null) {
            return CacheState.WARM;
        }
        for (CacheState c : CacheState.values()) {
            if (node.isTextual() && c.key().equals(node.asText())) {
                return c;
            }
        }
        problems.report(path, "must be 'warm' (operands stay in cache between calls) or 'cold' (every call finds them evicted), got "
                + describe(node));
        return CacheState.WARM;
    }

    /** Whether the track accepts {@code values} as a workload that fits the heap; when not, the problem is reported. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private boolean checkWorkload(Track track, ParamValues values, String path) {
        Object workload;
        try {
            workload = track.workload(values);
        } catch (IllegalArgumentException e) {
            problems.report(path, "invalid workload " + values.asMap() + ": " + e.getMessage());
            return false;
        }
        long need = track.footprintBytes(workload);
        if (need > heapBytes) {
            problems.report(path, "workload " + track.label(workload) + " needs an estimated " + Bytes.format(need)
                    + " of heap, more than the " + Bytes.format(heapBytes) + " the JVM has; refused before allocating"
                    + " (shrink it, or give the JVM more with JAVA_OPTS=-Xmx...)");
            return false;
        }
        return true;
    }
}
