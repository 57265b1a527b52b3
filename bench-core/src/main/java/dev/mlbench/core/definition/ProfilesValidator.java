package dev.mlbench.core.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlbench.core.measure.Profile;
import dev.mlbench.core.measure.ProfileSetting;
import dev.mlbench.core.measure.ProfileSettings;
import dev.mlbench.core.util.Names;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.mlbench.core.definition.ProblemCollector.describe;

/**
 * The definition's {@code profiles} section, which overrides settings of the built-in profiles by their
 * {@link ProfileSetting} keys, and the profile lists of workload groups.
 */
final class ProfilesValidator {

    private final ProblemCollector problems;

    ProfilesValidator(ProblemCollector problems) {
        this.problems = problems;
    }

    /** Every profile's settings: its defaults with the overrides of {@code node} (absent: none). */
    Map<Profile, ProfileSettings> validate(JsonNode node) {
        Map<Profile, ProfileSettings> result = new EnumMap<>(Profile.class);
        for (Profile p : Profile.values()) {
            result.put(p, p.defaults());
        }
        if (node == null) {
            return result;
        }
        if (!node.isObject()) {
            problems.report("profiles", "must map profile names (" + Profile.keys() + ") to settings, got " + describe(node));
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
                problems.report(path, "unknown profile '" + e.getKey() + "'" + Names.suggestion(e.getKey(), keys()));
                continue;
            }
            if (!e.getValue().isObject()) {
                problems.report(path, "must be a mapping of settings " + ProfileSetting.keys() + ", got " + describe(e.getValue()));
                continue;
            }
            result.put(profile, settings(profile.defaults(), e.getValue(), path));
        }
        return result;
    }

    /** {@code defaults} with each setting {@code overrides} (at {@code path}) gives within its bounds. */
    private ProfileSettings settings(ProfileSettings defaults, JsonNode overrides, String path) {
        problems.unknownKeys(overrides, path, ProfileSetting.keys());
        ProfileSettings settings = defaults;
        for (ProfileSetting setting : ProfileSetting.values()) {
            JsonNode value = overrides.get(setting.key());
            if (value == null) {
                continue;
            }
            if (!value.isIntegralNumber() || !setting.allows(value.asLong())) {
                problems.report(path + "." + setting.key(),
                        "must be an integer from " + setting.min() + " to " + setting.max() + ", got " + describe(value));
            } else {
                settings = settings.with(setting, value.asInt());
            }
        }
        return settings;
    }

    /** A workload group's {@code profiles}: the profiles it runs in (absent: all). */
    Set<Profile> selection(JsonNode node, String path) {
        if (node == null) {
            return EnumSet.allOf(Profile.class);
        }
        Set<Profile> set = EnumSet.noneOf(Profile.class);
        if (!node.isArray() || node.isEmpty()) {
            problems.report(path, "must be a non-empty list of profiles (" + Profile.keys() + "), got " + describe(node));
            return EnumSet.allOf(Profile.class);
        }
        for (int i = 0; i < node.size(); i++) {
            try {
                set.add(Profile.parse(node.get(i).asText()));
            } catch (IllegalArgumentException e) {
                problems.report(path + "[" + i + "]", "unknown profile '" + node.get(i).asText() + "'" + Names.suggestion(node.get(i).asText(), keys()));
            }
        }
        return set;
    }

    private static List<String> keys() {
        return Arrays.stream(Profile.values()).map(Profile::key).toList();
    }
}
