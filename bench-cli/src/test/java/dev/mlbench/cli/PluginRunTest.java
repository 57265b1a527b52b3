package dev.mlbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example plugin (examples/rmsnorm, built by the reactor before this module) loaded and run through the
 * CLI as a user would: list, validate and run with --plugins.
 */
class PluginRunTest {

    static Path plugins;

    @BeforeAll
    static void findThePlugin() throws Exception {
        plugins = Cli.home().resolve("examples/rmsnorm/target");
        try (Stream<Path> s = Files.list(plugins)) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith("rmsnorm-plugin") && p.toString().endsWith(".jar")),
                    "build examples/rmsnorm first (the root build does)");
        }
    }

    @Test
    void listShowsThePluginsTrackAndKernels() {
        Cli r = Cli.run("list", "--plugins", plugins.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("rmsnorm"), r.out());
        Cli without = Cli.run("list");
        assertTrue(!without.out().contains("rmsnorm"), "not a built-in: " + without.out());
    }

    @Test
    void runMeasuresThePluginsKernelsInBenchmarkJvms(@TempDir Path out) throws Exception {
        Cli r = Cli.run("run", "--plugins", plugins.toString(), "--config", Cli.def("rmsnorm-small.yaml"), "--profile", "quick",
                "--no-calibration", "--out", out.toString(), "--format", "json");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(4, json.get("results").size());
        for (JsonNode row : json.get("results")) {
            assertEquals("measured", row.get("status").asText(), row.toString());
            assertEquals("rmsnorm", row.get("track").asText());
            assertEquals("scalar", row.get("baseline").get("kernel").asText());
        }
    }

    @Test
    void theTrackCanBeRunByNameFromTheDefinitionInsideTheJar() {
        Cli r = Cli.run("run", "--plugins", plugins.toString(), "--track", "rmsnorm", "--kernel", "nothing-matches");
        assertEquals(BenchCli.INVALID_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("the plan is empty"), "the jar's definition was found and loaded: " + r.err());
    }

    @Test
    void aBrokenJarIsNamedAndEverythingElseStillRuns(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.jar"), "not a jar");
        Cli r = Cli.run("list", "--plugins", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("bench: warning: plugin " + dir.resolve("broken.jar") + " was not loaded: not a readable jar"), r.err());
        assertTrue(r.out().contains("gemm"), r.out());
    }
}
