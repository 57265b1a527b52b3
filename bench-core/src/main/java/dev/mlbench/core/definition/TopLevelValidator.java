package dev.mlbench.core.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlbench.core.measure.Profile;
import dev.mlbench.core.measure.ProfileSettings;
import dev.mlbench.core.registry.Registry;
import dev.mlbench.core.spi.Tolerance;
import dev.mlbench.core.spi.Track;
import dev.mlbench.core.util.Names;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.mlbench.core.definition.ProblemCollector.describe;

/**
 * The top level of a definition: its own keys ({@code track}, {@code description}, {@code seed}, {@code baseline})
 * and the sections it hands to their validators. Problems come out in the order the sections are checked here, which
 * users and tests see: unknown keys, then track to profiles, then the baseline, which must name one of the kernels.
 * Workloads and kernels are checked against the track once it is known, kernels' {@code workloads} against the groups.
 */
final class TopLevelValidator {

    private static final List<String> TOP_KEYS = List.of("track", "description", "seed", "tolerance", "baseline", "workloads", "kernels", "profiles");

    private final ProblemCollector problems;
    private final Registry registry;
    private final ToleranceValidator tolerances;
    private final WorkloadsValidator workloads;
    private final KernelsValidator kernels;
    private final ProfilesValidator profiles;

    /**
     * @param problems  where every section reports
     * @param registry  tracks and kernels to validate names and parameters against
     * @param heapBytes the heap each trial's JVM has; workloads needing more are refused
     */
    TopLevelValidator(ProblemCollector problems, Registry registry, long heapBytes) {
        this.problems = problems;
        this.registry = registry;
        ParameterValidator parameters = new ParameterValidator(problems);
        this.tolerances = new ToleranceValidator(problems);
        this.profiles = new ProfilesValidator(problems);
        this.workloads = new WorkloadsValidator(problems, parameters, profiles, heapBytes);
        this.kernels = new KernelsValidator(problems, registry, parameters, tolerances);
    }

    /** The definition at {@code root}, or null when its track or tolerance cannot be known (the problems say why). */
    TrackDefinition validate(JsonNode root) {
        if (!root.isObject()) {
            problems.report("", "a track definition must be a mapping with keys " + TOP_KEYS);
            return null;
        }
        problems.unknownKeys(root, "", TOP_KEYS);
        Track<?, ?, ?, ?> track = track(root.get("track"));
        String description = problems.optionalText(root, "", "description").orElse("");
        long seed = seed(root.get("seed"));
        Tolerance tolerance = root.has("tolerance") ? tolerances.validate(root.get("tolerance"), "tolerance").orElse(null)
                : (track == null ? null : track.defaultTolerance());
        List<WorkloadGroup> groups = workloads.validate(root.get("workloads"), track);
        List<KernelSelection> selections = kernels.validate(root.get("kernels"), track, groups);
        Map<Profile, ProfileSettings> settings = profiles.validate(root.get("profiles"));
        Optional<String> baseline = baseline(root.get("baseline"), selections);
        if (track == null || tolerance == null) {
            return null;
        }
        return new TrackDefinition(problems.file(), track.name(), description, seed, tolerance, baseline, groups, selections, settings);
    }

    /** The registered track {@code node} names; null when it is missing, not a name or unknown. */
    private Track<?, ?, ?, ?> track(JsonNode node) {
        if (node == null) {
            problems.report("", "missing required key 'track' (the track to run" + Names.suggestion("", registry.tracks().keySet()).replace("(valid", "; one of"));
            return null;
        }
        if (!node.isTextual()) {
            problems.report("track", "must be a track name, got " + describe(node));
            return null;
        }
        Track<?, ?, ?, ?> track = registry.track(node.asText()).orElse(null);
        if (track == null) {
            problems.report("track", "unknown track '" + node.asText() + "'" + Names.suggestion(node.asText(), registry.tracks().keySet()));
        }
        return track;
    }

    /** The input generator's seed; {@link DefinitionLoader#DEFAULT_SEED} when absent or wrong. */
    private long seed(JsonNode node) {
        if (node == null) {
            return DefinitionLoader.DEFAULT_SEED;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        problems.report("seed", "must be an integer, got " + describe(node));
        return DefinitionLoader.DEFAULT_SEED;
    }

    /** The baseline kernel, which must be one of the definition's kernels. */
    private Optional<String> baseline(JsonNode node, List<KernelSelection> selections) {
        if (node == null) {
            return Optional.empty();
        }
        List<String> names = selections.stream().map(KernelSelection::name).toList();
        if (!node.isTextual()) {
            problems.report("baseline", "must be the name of one of the definition's kernels, got " + describe(node));
        } else if (!names.contains(node.asText())) {
            problems.report("baseline", "baseline '" + node.asText() + "' is not one of the definition's kernels" + Names.suggestion(node.asText(), names));
        } else {
            return Optional.of(node.asText());
        }
        return Optional.empty();
    }
}
