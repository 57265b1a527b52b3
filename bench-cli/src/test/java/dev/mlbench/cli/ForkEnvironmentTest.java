package dev.mlbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlbench.cli.testkernels.ForkEnvBackends;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backends that declare their forks' class path and environment: the variables reach the JMH forks and the child
 * JVM of a check, and a kernel that kills its JVM fails only its own row.
 */
class ForkEnvironmentTest {

    @TempDir
    static Path out;
    static Cli run;
    static JsonNode json;

    @BeforeAll
    static void runForkEnvironmentDefinition() throws IOException {
        run = Cli.run("run", "--track", "gemm", "--config", Cli.def("fork-env.yaml"), "--no-calibration", "--out", out.toString());
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

    @Test
    void theBackendsVariablesReachItsBenchmarkForks() {
        JsonNode r = row("fork-env");
        assertEquals("measured", r.get("status").asText(), r.toString());
        assertEquals(1.0, r.get("metrics").get("extra").get("fork_env_seen").asDouble(), r.toString());
        assertEquals(1.0, r.get("metrics").get("extra").get("check_env_seen").asDouble(), r.toString());
        assertEquals(ForkEnvBackends.MARK_VALUE, r.get("backend_details").get("mark").asText(),
                "checked in a child JVM with the variable, which reports the details as the forks see them");
    }

    @Test
    void aBackendWithItsOwnClassPathIsCheckedInAChildJvmWithItsEnvironment() {
        JsonNode r = row("own-stack");
        assertEquals("measured", r.get("status").asText(), r.toString());
        assertEquals(1.0, r.get("metrics").get("extra").get("check_env_seen").asDouble(), r.toString());
        assertEquals(1.0, r.get("metrics").get("extra").get("fork_env_seen").asDouble(), r.toString());
        assertEquals(ForkEnvBackends.MARK_VALUE, r.get("backend_details").get("mark").asText(), "details as the child JVM saw them");
    }

    @Test
    void aForkKilledByASignalFailsItsRowWithTheReasonAndTheRunGoesOn() {
        JsonNode r = row("dying-fork");
        assertEquals("failed", r.get("status").asText(), r.toString());
        assertTrue(r.get("reason").asText().contains("killed by SIGKILL"), r.toString());
        assertEquals("measured", row("fork-env").get("status").asText(), "the next trials still ran");
        assertEquals(1, run.exitCode(), run::toString);
    }

    @Test
    void aCheckJvmKilledByASignalFailsItsRowWithTheReason() {
        JsonNode r = row("dying-check");
        assertEquals("failed", r.get("status").asText(), r.toString());
        assertTrue(r.get("reason").asText().contains("the check's JVM died (exit status 137: killed by SIGKILL)"), r.toString());
    }
}
