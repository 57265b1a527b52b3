package dev.mlbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlbench.cli.testkernels.HostileGemmKernels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kernels that hang (in run or prepare, in the check or only under JMH), halt, exit or crash their JVM natively: each
 * fails its own row with a one-line reason within the profile's timeout_s, and the correct kernel after them is
 * measured.
 */
class HostileKernelsTest {

    @TempDir
    static Path out;
    static Cli run;
    static JsonNode json;
    static long millis;

    @BeforeAll
    static void runHostileDefinition() throws IOException {
        long start = System.nanoTime();
        run = Cli.run("run", "--config", Cli.def("hostile.yaml"), "--no-calibration", "--out", out.toString());
        millis = (System.nanoTime() - start) / 1_000_000;
        try (var files = Files.list(out)) {
            List<Path> found = files.filter(f -> f.toString().endsWith(".json")).toList();
            assertEquals(1, found.size(), () -> "one results file expected: " + found + "\n" + run);
            json = SchemaCheck.assertValid(found.get(0));
        }
    }

    private static JsonNode row(String kernel) {
        return StreamSupport.stream(json.get("results").spliterator(), false)
                .filter(r -> r.get("kernel").asText().equals(kernel)).findFirst().orElseThrow(() -> new AssertionError("no row of " + kernel));
    }

    private static String failedReason(String kernel) {
        JsonNode r = row(kernel);
        assertEquals("failed", r.get("status").asText(), r.toString());
        return r.get("reason").asText().lines().findFirst().orElse("");
    }

    @Test
    void theRunCompletesAndTheCorrectKernelIsMeasured() {
        assertEquals("complete", json.get("state").asText(), run::toString);
        assertEquals("measured", row("reference").get("status").asText(), row("reference").toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(millis < 90_000, "took " + millis + " ms");
    }

    @Test
    void aKernelSpinningInRunFailsAtTheProfilesTimeout() {
        assertTrue(failedReason("spinning").contains("did not finish within the profile's timeout_s of 2 s"), failedReason("spinning"));
    }

    @Test
    void aKernelSpinningInPrepareFailsAtTheProfilesTimeout() {
        assertTrue(failedReason("spinning-prepare").contains("did not finish within the profile's timeout_s of 2 s"),
                failedReason("spinning-prepare"));
    }

    @Test
    void aKernelThatHaltsFailsWithItsExitStatus() {
        assertTrue(failedReason("halting").contains("the check's JVM died (exit status " + HostileGemmKernels.HALT_STATUS + ")"),
                failedReason("halting"));
    }

    @Test
    void aKernelThatCallsSystemExitFailsNamingTheCaller() {
        String reason = failedReason("exiting");
        assertTrue(reason.contains("exit status " + HostileGemmKernels.EXIT_STATUS), reason);
        assertTrue(reason.contains("System.exit was called by dev.mlbench.cli.testkernels.HostileGemmKernels$Exiting"), reason);
    }

    @Test
    void aKernelThatCrashesNativelyFailsWithTheSignal() {
        String reason = failedReason("crashing");
        assertTrue(reason.startsWith("the check's JVM died (exit status ") && reason.contains("native crash, SIGSEGV (0xb) at pc=0x"), reason);
        assertTrue(reason.contains("report in "), reason);
        assertFalse(Files.exists(Cli.home().resolve("bench-cli").resolve("hs_err_pid" + ProcessHandle.current().pid() + ".log")));
    }

    @Test
    void aKernelThatHangsOnlyUnderJmhFailsItsMeasurement() {
        String reason = failedReason("spinning-when-timed");
        assertTrue(reason.contains("the benchmark JVM made no progress for") && reason.contains("was killed"), reason);
    }
}
