package dev.mlbench.core.measure;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The table of profile settings: each key names one component of {@link ProfileSettings}, within its bounds. */
class ProfileSettingTest {

    @Test
    void theKeysAreThoseDefinitionsWriteInTheirDocumentedOrder() {
        assertEquals(List.of("forks", "warmup_iterations", "warmup_ms", "iterations", "iteration_ms", "timeout_s", "settle_ms"),
                ProfileSetting.keys());
    }

    @Test
    void eachSettingReadsItsOwnComponent() {
        ProfileSettings s = new ProfileSettings(1, 2, 3, 4, 5, 6, 7);
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), List.of(ProfileSetting.values()).stream().map(p -> p.of(s)).toList());
    }

    @Test
    void settingOneValueChangesThatComponentAndNoOther() {
        ProfileSettings base = Profile.STANDARD.defaults();
        for (ProfileSetting setting : ProfileSetting.values()) {
            ProfileSettings changed = base.with(setting, setting.of(base) + 1);
            for (ProfileSetting other : ProfileSetting.values()) {
                assertEquals(other.of(base) + (other == setting ? 1 : 0), other.of(changed), setting + " changed " + other);
            }
        }
    }

    @Test
    void settingsBuiltFromTheirOwnValuesAreEqual() {
        for (Profile profile : Profile.values()) {
            ProfileSettings d = profile.defaults();
            assertEquals(d, ProfileSettings.of(s -> s.of(d)), profile::key);
        }
    }

    @Test
    void everyBuiltInProfileIsWithinTheBounds() {
        for (Profile profile : Profile.values()) {
            for (ProfileSetting setting : ProfileSetting.values()) {
                assertTrue(setting.allows(setting.of(profile.defaults())), profile.key() + " " + setting.key());
            }
        }
    }

    @Test
    void theBoundsAreInclusive() {
        for (ProfileSetting setting : ProfileSetting.values()) {
            assertTrue(setting.allows(setting.min()) && setting.allows(setting.max()), setting::key);
            assertFalse(setting.allows(setting.min() - 1L) || setting.allows(setting.max() + 1L), setting::key);
        }
    }
}
