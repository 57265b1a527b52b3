package dev.mlbench.core.results;

import dev.mlbench.core.env.Environment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What makes two runs the same machine. */
class EnvironmentSummaryTest {

    private static Environment env(String cpu, String os, String jdk) {
        return new Environment(cpu, 8, 1L << 34, os, jdk, List.of(), 256, Map.of(), List.of(), Map.of());
    }

    @Test
    void theFingerprintIsSixteenHexDigitsOfTheMachineAndItsJdk() {
        EnvironmentSummary s = EnvironmentSummary.of(env("Test CPU", "Linux 6.1", "JDK 25"));
        assertTrue(s.fingerprint().matches("[0-9a-f]{16}"), s.fingerprint());
        assertEquals(s.fingerprint(), EnvironmentSummary.of(env("Test CPU", "Linux 6.8", "JDK 25")).fingerprint(), "the OS is not part of it");
        assertNotEquals(s.fingerprint(), EnvironmentSummary.of(env("Test CPU", "Linux 6.1", "JDK 26")).fingerprint());
        assertNotEquals(s.fingerprint(), EnvironmentSummary.of(env("Other CPU", "Linux 6.1", "JDK 25")).fingerprint());
    }

    @Test
    void aRunWithoutAnEnvironmentIsUnknown() {
        assertEquals(new EnvironmentSummary("unknown", "unknown", 0, -1, "unknown", "unknown", null), EnvironmentSummary.of(null));
    }
}
