package dev.mlbench.core.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlbench.core.measure.Profile;
import dev.mlbench.core.measure.ProfileSettings;
import dev.mlbench.core.registry.Registry;
import dev.mlbench.core.spi.Kernel;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Tolerance;
import dev.mlbench.core.spi.Track;
import dev.mlbench.core.util.Bytes;
import dev.mlbench.core.util.Names;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a track definition (YAML, or JSON when the name ends in {@code .json}) and validates all of it
 * against the registry: every problem is collected with its file, line and key path, then reported at once.
 */
public final class DefinitionLoader {

    /** Seed used when a definition gives none. */
    public static final long DEFAULT_SEED = 42;
    /** Sweeps expanding to more workloads or settings than this are refused as mistakes. */
    public static final int MAX_SWEEP_SIZE = 10_000;

    private static final List<String> TOP_KEYS = List.of("track", "description", "seed", "tolerance", "baseline", "workloads", "kernels", "profiles");
    private static final List<String> GROUP_KEYS = List.of("name", "profiles", "shapes", "sweep", "cache");
    private static final List<String> KERNEL_KEYS = List.of("name", "params", "workloads", "tolerance");
    private static final List<String> TOLERANCE_KEYS = List.of("atol", "rtol");
    private static final Map<String, Integer> PROFILE_KEY_MAX = orderedMap(
            "forks", 100, "warmup_iterations", 1000, "warmup_ms", 3_600_000,
            "iterations", 10_000, "iteration_ms", 3_600_000, "timeout_s", 86_400);

    private final Registry registry;
    private final long heapBytes;

    /**
     * @param registry  tracks and kernels to validate names and parameters against
     * @param heapBytes the heap each trial's JVM has; workloads needing more are refused
     */
    public DefinitionLoader(Registry registry, long heapBytes) {
        this.registry = registry;
        this.heapBytes = heapBytes;
    }

    /** The largest definition read, in bytes: a real one is a few kilobytes; checked before anything is parsed. */
    public static final int MAX_DEFINITION_BYTES = 1 << 20;
    /** The longest scalar (a key or a value), in characters. */
    public static final int MAX_SCALAR_CHARS = 64 * 1024;
    /** The deepest nesting of lists and maps. */
    public static final int MAX_NESTING = 32;

    /** Reads and validates the file at {@code path}; one larger than {@link #MAX_DEFINITION_BYTES} is refused unread. */
    public TrackDefinition load(Path path) throws DefinitionException {
        String text;
        try {
            long size = Files.size(path);
            if (size > MAX_DEFINITION_BYTES) {
                throw new DefinitionException(List.of(new Problem(path.toString(), 0, 0, "",
                        "is " + size + " bytes; definitions are limited to " + MAX_DEFINITION_BYTES + " bytes")));
            }
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DefinitionException(List.of(new Problem(path.toString(), 0, 0, "",
                    "cannot be read: " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.toString()))));
        }
        return parse(path.toString(), text);
    }

    /**
     * Reads at most {@link #MAX_DEFINITION_BYTES} from {@code in} (standard input, a plugin's resource) and validates
     * it as a definition named {@code name}; longer input is refused without reading the rest.
     */
    public TrackDefinition load(String name, java.io.InputStream in) throws DefinitionException {
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_DEFINITION_BYTES + 1);
        } catch (IOException e) {
            throw new DefinitionException(List.of(new Problem(name, 0, 0, "", "cannot be read: " + e)));
        }
        if (bytes.length > MAX_DEFINITION_BYTES) {
            throw new DefinitionException(List.of(new Problem(name, 0, 0, "",
                    "is longer than " + MAX_DEFINITION_BYTES + " bytes, the limit of a definition")));
        }
        return parse(name, new String(bytes, StandardCharsets.UTF_8));
    }

    /** Validates {@code text}, read from a file named {@code fileName}. */
    public TrackDefinition parse(String fileName, String text) throws DefinitionException {
        LocatedTree tree = LocatedTree.read(fileName, text);
        Validation v = new Validation(fileName, tree);
        v.problems.addAll(tree.problems());
        TrackDefinition definition = tree.root() == null ? null : v.definition(tree.root());
        if (!v.problems.isEmpty()) {
            throw new DefinitionException(v.problems);
        }
        return definition;
    }

    /** One validation pass, collecting problems. */
    private final class Validation {
        final String file;
        final LocatedTree tree;
        final List<Problem> problems = new ArrayList<>();

        Validation(String file, LocatedTree tree) {
            this.file = file;
            this.tree = tree;
        }

        void problem(String path, String message) {
            LocatedTree.Location at = tree.locate(path);
            Problem p = new Problem(file, at.line(), at.column(), path, message);
            if (!problems.contains(p)) { // a sweep repeats the same mistake in every combination
                problems.add(p);
            }
        }

        TrackDefinition definition(JsonNode root) {
            if (!root.isObject()) {
                problem("", "a track definition must be a mapping with keys " + TOP_KEYS);
                return null;
            }
            unknownKeys(root, "", TOP_KEYS);
            Track<?, ?, ?, ?> track = null;
            JsonNode trackNode = root.get("track");
            if (trackNode == null) {
                problem("", "missing required key 'track' (the track to run" + Names.suggestion("", registry.tracks().keySet()).replace("(valid", "; one of"));
            } else if (!trackNode.isTextual()) {
                problem("track", "must be a track name, got " + describe(trackNode));
            } else {
                track = registry.track(trackNode.asText()).orElse(null);
                if (track == null) {
                    problem("track", "unknown track '" + trackNode.asText() + "'" + Names.suggestion(trackNode.asText(), registry.tracks().keySet()));
                }
            }
            String description = optionalText(root, "description").orElse("");
            long seed = DEFAULT_SEED;
            JsonNode seedNode = root.get("seed");
            if (seedNode != null) {
                if (seedNode.isIntegralNumber() && seedNode.canConvertToLong()) {
                    seed = seedNode.asLong();
                } else {
                    problem("seed", "must be an integer, got " + describe(seedNode));
                }
            }
            Tolerance tolerance = root.has("tolerance") ? tolerance(root.get("tolerance"), "tolerance").orElse(null)
                    : (track == null ? null : track.defaultTolerance());
            List<WorkloadGroup> groups = workloads(root.get("workloads"), track);
            List<KernelSelection> kernels = kernels(root.get("kernels"), track, groups);
            Map<Profile, ProfileSettings> profiles = profiles(root.get("profiles"));
            Optional<String> baseline = baseline(root.get("baseline"), kernels);
            if (track == null || tolerance == null) {
                return null;
            }
            return new TrackDefinition(file, track.name(), description, seed, tolerance, baseline, groups, kernels, profiles);
        }

        /** The baseline kernel, which must be one of the definition's kernels. */
        Optional<String> baseline(JsonNode node, List<KernelSelection> kernels) {
            if (node == null) {
                return Optional.empty();
            }
            List<String> names = kernels.stream().map(KernelSelection::name).toList();
            if (!node.isTextual()) {
                problem("baseline", "must be the name of one of the definition's kernels, got " + describe(node));
            } else if (!names.contains(node.asText())) {
                problem("baseline", "baseline '" + node.asText() + "' is not one of the definition's kernels" + Names.suggestion(node.asText(), names));
            } else {
                return Optional.of(node.asText());
            }
            return Optional.empty();
        }

        List<WorkloadGroup> workloads(JsonNode node, Track<?, ?, ?, ?> track) {
            List<WorkloadGroup> groups = new ArrayList<>();
            if (node == null) {
                problem("", "missing required key 'workloads' (a list of groups, each with 'name' and 'shapes' or 'sweep')");
                return groups;
            }
            if (!node.isArray() || node.isEmpty()) {
                problem("workloads", "must be a non-empty list of workload groups, got " + describe(node));
                return groups;
            }
            Set<String> names = new LinkedHashSet<>();
            for (int i = 0; i < node.size(); i++) {
                String path = "workloads[" + i + "]";
                JsonNode g = node.get(i);
                if (!g.isObject()) {
                    problem(path, "a workload group must be a mapping with keys " + GROUP_KEYS + ", got " + describe(g));
                    continue;
                }
                unknownKeys(g, path, GROUP_KEYS);
                String name = optionalText(g, path, "name").orElse(null);
                if (name == null) {
                    problem(path, "missing required key 'name'");
                    name = "group" + i;
                } else if (!names.add(name)) {
                    problem(path + ".name", "workload group '" + name + "' is defined twice");
                }
                Set<Profile> profiles = profileSet(g.get("profiles"), path + ".profiles");
                List<Map<String, JsonNode>> raw = new ArrayList<>();
                List<String> rawPaths = new ArrayList<>();
                JsonNode shapes = g.get("shapes");
                JsonNode sweep = g.get("sweep");
                if ((shapes == null) == (sweep == null)) {
                    problem(path, "give exactly one of 'shapes' (a list of workloads) or 'sweep' (lists of values, all combinations)");
                } else if (shapes != null) {
                    if (!shapes.isArray() || shapes.isEmpty()) {
                        problem(path + ".shapes", "must be a non-empty list of workloads, got " + describe(shapes));
                    } else {
                        for (int s = 0; s < shapes.size(); s++) {
                            String sp = path + ".shapes[" + s + "]";
                            if (!shapes.get(s).isObject()) {
                                problem(sp, "a workload must be a mapping of parameters, got " + describe(shapes.get(s)));
                                continue;
                            }
                            Map<String, JsonNode> one = new LinkedHashMap<>();
                            shapes.get(s).fields().forEachRemaining(e -> one.put(e.getKey(), e.getValue()));
                            raw.add(one);
                            rawPaths.add(sp);
                        }
                    }
                } else {
                    for (Map<String, JsonNode> combination : expand(sweep, path + ".sweep")) {
                        raw.add(combination);
                        rawPaths.add(path + ".sweep");
                    }
                }
                List<ParamValues> workloads = new ArrayList<>();
                if (track != null) {
                    for (int w = 0; w < raw.size(); w++) {
                        ParamValues values = params(raw.get(w), rawPaths.get(w), track.workloadParams(), "workload parameter of track " + track.name());
                        if (values != null && checkWorkload(track, values, rawPaths.get(w))) {
                            workloads.add(values);
                        }
                    }
                }
                groups.add(new WorkloadGroup(name, profiles, workloads, cacheState(g.get("cache"), path + ".cache")));
            }
            return groups;
        }

        /** The group's {@code cache} key: {@code warm} (the default) or {@code cold}. */
        CacheState cacheState(JsonNode node, String path) {
            if (node == null) {
                return CacheState.WARM;
            }
            for (CacheState c : CacheState.values()) {
                if (node.isTextual() && c.key().equals(node.asText())) {
                    return c;
                }
            }
            problem(path, "must be 'warm' (operands stay in cache between calls) or 'cold' (every call finds them evicted), got "
                    + describe(node));
            return CacheState.WARM;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        boolean checkWorkload(Track track, ParamValues values, String path) {
            Object workload;
            try {
                workload = track.workload(values);
            } catch (IllegalArgumentException e) {
                problem(path, "invalid workload " + values.asMap() + ": " + e.getMessage());
                return false;
            }
            long need = track.footprintBytes(workload);
            if (need > heapBytes) {
                problem(path, "workload " + track.label(workload) + " needs an estimated " + Bytes.format(need)
                        + " of heap, more than the " + Bytes.format(heapBytes) + " the JVM has; refused before allocating"
                        + " (shrink it, or give the JVM more with JAVA_OPTS=-Xmx...)");
                return false;
            }
            return true;
        }

        List<KernelSelection> kernels(JsonNode node, Track<?, ?, ?, ?> track, List<WorkloadGroup> groups) {
            List<KernelSelection> selections = new ArrayList<>();
            Map<String, Kernel<?, ?, ?>> known = track == null ? Map.of() : registry.kernels(track.name());
            if (node == null) {
                if (track != null) {
                    known.values().forEach(k -> selections.add(new KernelSelection(k.name(),
                            List.of(defaults(k.tunables())), Set.of(), Optional.empty())));
                }
                return selections;
            }
            if (!node.isArray() || node.isEmpty()) {
                problem("kernels", "must be a non-empty list of kernel names or mappings with 'name', got " + describe(node));
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
                    unknownKeys(k, path, KERNEL_KEYS);
                    name = optionalText(k, path, "name").orElse(null);
                    if (name == null) {
                        problem(path, "missing required key 'name'");
                        continue;
                    }
                } else {
                    problem(path, "a kernel must be a name or a mapping with 'name', got " + describe(k));
                    continue;
                }
                Kernel<?, ?, ?> kernel = known.get(name);
                if (kernel == null) {
                    if (track != null) {
                        problem(k.isObject() ? path + ".name" : path, "unknown kernel '" + name + "' for track " + track.name()
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
                        for (Map<String, JsonNode> combination : expand(params, path + ".params")) {
                            List<ParamSpec> specs = combination.containsKey(KernelConfig.THREADS)
                                    ? Stream.concat(kernel.tunables().stream(), Stream.of(KernelConfig.THREADS_SPEC)).toList()
                                    : kernel.tunables();
                            ParamValues values = params(combination, path + ".params", specs, "parameter of kernel " + name);
                            if (values != null) {
                                settings.add(values);
                            }
                        }
                    }
                    JsonNode w = k.get("workloads");
                    if (w != null) {
                        if (!w.isArray() || w.isEmpty()) {
                            problem(path + ".workloads", "must be a non-empty list of workload group names, got " + describe(w));
                        } else {
                            for (int j = 0; j < w.size(); j++) {
                                String g = w.get(j).asText();
                                if (!w.get(j).isTextual() || !groupNames.contains(g)) {
                                    problem(path + ".workloads[" + j + "]", "unknown workload group '" + g + "'" + Names.suggestion(g, groupNames));
                                } else {
                                    only.add(g);
                                }
                            }
                        }
                    }
                    if (k.has("tolerance")) {
                        tolerance = tolerance(k.get("tolerance"), path + ".tolerance");
                    }
                }
                if (settings.isEmpty() && (!k.isObject() || !k.has("params"))) {
                    settings.add(defaults(kernel.tunables()));
                }
                selections.add(new KernelSelection(name, settings, only, tolerance));
            }
            return selections;
        }

        Map<Profile, ProfileSettings> profiles(JsonNode node) {
            Map<Profile, ProfileSettings> result = new EnumMap<>(Profile.class);
            for (Profile p : Profile.values()) {
                result.put(p, p.defaults());
            }
            if (node == null) {
                return result;
            }
            if (!node.isObject()) {
                problem("profiles", "must map profile names (" + Profile.keys() + ") to settings, got " + describe(node));
                return result;
            }
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = "profiles." + e.getKey();
                Profile profile;
                try {
                    profile = Profile.parse(e.getKey());
                } catch (IllegalArgumentException ex) {
                    problem(path, "unknown profile '" + e.getKey() + "'" + Names.suggestion(e.getKey(), profileKeys()));
                    continue;
                }
                if (!e.getValue().isObject()) {
                    problem(path, "must be a mapping of settings " + PROFILE_KEY_MAX.keySet() + ", got " + describe(e.getValue()));
                    continue;
                }
                unknownKeys(e.getValue(), path, List.copyOf(PROFILE_KEY_MAX.keySet()));
                ProfileSettings d = profile.defaults();
                int[] v = {d.forks(), d.warmupIterations(), d.warmupMillis(), d.iterations(), d.iterationMillis(), d.timeoutSeconds()};
                int idx = 0;
                for (Map.Entry<String, Integer> key : PROFILE_KEY_MAX.entrySet()) {
                    JsonNode value = e.getValue().get(key.getKey());
                    if (value != null) {
                        int min = key.getKey().equals("warmup_iterations") ? 0 : 1;
                        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > key.getValue()) {
                            problem(path + "." + key.getKey(), "must be an integer from " + min + " to " + key.getValue() + ", got " + describe(value));
                        } else {
                            v[idx] = value.asInt();
                        }
                    }
                    idx++;
                }
                result.put(profile, new ProfileSettings(v[0], v[1], v[2], v[3], v[4], v[5]));
            }
            return result;
        }

        Set<Profile> profileSet(JsonNode node, String path) {
            if (node == null) {
                return EnumSet.allOf(Profile.class);
            }
            Set<Profile> set = EnumSet.noneOf(Profile.class);
            if (!node.isArray() || node.isEmpty()) {
                problem(path, "must be a non-empty list of profiles (" + Profile.keys() + "), got " + describe(node));
                return EnumSet.allOf(Profile.class);
            }
            for (int i = 0; i < node.size(); i++) {
                try {
                    set.add(Profile.parse(node.get(i).asText()));
                } catch (IllegalArgumentException e) {
                    problem(path + "[" + i + "]", "unknown profile '" + node.get(i).asText() + "'" + Names.suggestion(node.get(i).asText(), profileKeys()));
                }
            }
            return set;
        }

        Optional<Tolerance> tolerance(JsonNode node, String path) {
            if (!node.isObject()) {
                problem(path, "must be a mapping with 'atol' and/or 'rtol', got " + describe(node));
                return Optional.empty();
            }
            unknownKeys(node, path, TOLERANCE_KEYS);
            double[] v = {0, 0};
            boolean ok = true;
            for (int i = 0; i < 2; i++) {
                JsonNode x = node.get(TOLERANCE_KEYS.get(i));
                if (x == null) {
                    continue;
                }
                if (!x.isNumber() || !(x.asDouble() >= 0) || Double.isInfinite(x.asDouble())) {
                    problem(path + "." + TOLERANCE_KEYS.get(i), "must be a finite number >= 0, got " + describe(x));
                    ok = false;
                } else {
                    v[i] = x.asDouble();
                }
            }
            return ok ? Optional.of(new Tolerance(v[0], v[1])) : Optional.empty();
        }

        /** Cartesian product of a mapping whose values are scalars or lists, in key order. */
        List<Map<String, JsonNode>> expand(JsonNode sweep, String path) {
            List<Map<String, JsonNode>> result = new ArrayList<>();
            if (!sweep.isObject() || sweep.isEmpty()) {
                problem(path, "must be a mapping from parameter to a value or a list of values, got " + describe(sweep));
                return result;
            }
            result.add(new LinkedHashMap<>());
            Iterator<Map.Entry<String, JsonNode>> it = sweep.fields();
            long size = 1;
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode values = e.getValue();
                if (values.isArray() && values.isEmpty()) {
                    problem(path + "." + e.getKey(), "an empty list sweeps nothing; give at least one value");
                    return List.of();
                }
                int n = values.isArray() ? values.size() : 1;
                size *= n;
                if (size > MAX_SWEEP_SIZE) {
                    problem(path, "sweep expands to more than " + MAX_SWEEP_SIZE + " combinations; split it into groups");
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

        /** Checks raw values against specs; null when any is wrong (problems recorded). */
        ParamValues params(Map<String, JsonNode> raw, String path, List<ParamSpec> specs, String what) {
            Map<String, Object> values = new LinkedHashMap<>();
            boolean ok = true;
            List<String> specNames = specs.stream().map(ParamSpec::name).toList();
            for (String key : raw.keySet()) {
                if (!specNames.contains(key)) {
                    problem(path + "." + key, "unknown " + what + " '" + key + "'" + Names.suggestion(key, specNames));
                    ok = false;
                }
            }
            for (ParamSpec spec : specs) {
                JsonNode node = raw.get(spec.name());
                String p = path + "." + spec.name();
                if (node == null) {
                    if (spec.required()) {
                        problem(path, "missing required " + what + " '" + spec.name() + "' (" + spec.description() + ")");
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

        Object convert(JsonNode node, ParamSpec spec, String path) {
            switch (spec.type()) {
                case INT -> {
                    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                        problem(path, "must be an integer (" + spec.description() + "), got " + describe(node));
                        return null;
                    }
                    long v = node.asLong();
                    if (v < spec.min() || v > spec.max()) {
                        problem(path, "must be from " + (long) spec.min() + " to " + (long) spec.max() + " (" + spec.description() + "), got " + v);
                        return null;
                    }
                    return v;
                }
                case DOUBLE -> {
                    if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
                        problem(path, "must be a number (" + spec.description() + "), got " + describe(node));
                        return null;
                    }
                    double v = node.asDouble();
                    if (v < spec.min() || v > spec.max()) {
                        problem(path, "must be from " + spec.min() + " to " + spec.max() + " (" + spec.description() + "), got " + v);
                        return null;
                    }
                    return v;
                }
                case BOOLEAN -> {
                    if (!node.isBoolean()) {
                        problem(path, "must be true or false, got " + describe(node));
                        return null;
                    }
                    return node.asBoolean();
                }
                default -> {
                    if (!node.isTextual()) {
                        problem(path, "must be a string, got " + describe(node));
                        return null;
                    }
                    return node.asText();
                }
            }
        }

        void unknownKeys(JsonNode object, String path, List<String> allowed) {
            object.fieldNames().forEachRemaining(key -> {
                if (!allowed.contains(key)) {
                    problem(path.isEmpty() ? key : path + "." + key, "unknown key '" + key + "'" + Names.suggestion(key, allowed));
                }
            });
        }

        Optional<String> optionalText(JsonNode object, String key) {
            return optionalText(object, "", key);
        }

        Optional<String> optionalText(JsonNode object, String path, String key) {
            JsonNode v = object.get(key);
            if (v == null) {
                return Optional.empty();
            }
            if (!v.isTextual()) {
                problem(path.isEmpty() ? key : path + "." + key, "must be a string, got " + describe(v));
                return Optional.empty();
            }
            return Optional.of(v.asText());
        }
    }

    private static ParamValues defaults(List<ParamSpec> specs) {
        Map<String, Object> values = new LinkedHashMap<>();
        specs.forEach(s -> values.put(s.name(), s.defaultValue()));
        return new ParamValues(values);
    }

    private static List<String> profileKeys() {
        return Arrays.stream(Profile.values()).map(Profile::key).toList();
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "the string \"" + node.asText() + "\"";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return node.isEmpty() ? "an empty list" : "a list";
        }
        if (node.isNull()) {
            return "nothing (null)";
        }
        return node.toString();
    }

    private static Map<String, Integer> orderedMap(Object... kv) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Integer) kv[i + 1]);
        }
        return m;
    }
}
