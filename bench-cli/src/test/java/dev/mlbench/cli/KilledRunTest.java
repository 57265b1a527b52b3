package dev.mlbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A run killed with SIGKILL midway leaves a valid results file holding the trials it finished. */
class KilledRunTest {

    @Test
    void aKilledRunLeavesAValidFileWithTheFinishedTrials(@TempDir Path out) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--") || a.startsWith("-Xmx") || a.startsWith("-D")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchCli.class.getName(),
                "run", "--config", Cli.def("slow.yaml"), "--no-calibration", "--out", out.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(out.resolveSibling(out.getFileName() + "-log.txt").toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            int finished = 0;
            while (finished < 2) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    fail("the run ended or stalled before two trials finished (exit " + (process.isAlive() ? "-" : process.exitValue()) + ")");
                }
                Thread.sleep(100);
                finished = finishedTrials(out);
            }
        } finally {
            process.destroyForcibly(); // SIGKILL: no shutdown hook runs
            process.waitFor();
        }
        Path file;
        try (var files = Files.list(out)) {
            List<Path> results = files.filter(f -> f.toString().endsWith(".json")).toList();
            assertEquals(1, results.size(), "only the results file, no temporary leftovers: " + results);
            file = results.get(0);
        }
        JsonNode json = SchemaCheck.assertValid(file);
        assertEquals("running", json.get("state").asText(), "a killed run is not marked complete");
        int rows = json.get("results").size();
        assertTrue(rows >= 2 && rows < 8, "finished trials kept, unfinished ones absent: " + rows);
        json.get("results").forEach(r -> assertEquals("measured", r.get("status").asText()));
    }

    private static int finishedTrials(Path out) {
        try (var files = Files.list(out)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile()).get("results").size();
            }
        } catch (Exception e) {
            // the file is replaced atomically, but it may not exist yet
        }
        return 0;
    }
}
