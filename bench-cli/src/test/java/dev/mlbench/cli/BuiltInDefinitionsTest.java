package dev.mlbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The definitions shipped in configs/tracks are valid and each names its baseline, so the leaderboard needs no --baseline. */
class BuiltInDefinitionsTest {

    @Test
    void everyBuiltInDefinitionIsValidAndNamesABaselineItRuns() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Cli.home().resolve("configs/tracks"))) {
            files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path f : files) {
            Cli r = Cli.run("validate", f.toString());
            assertEquals(0, r.exitCode(), () -> f + ": " + r);
            JsonNode tree = new YAMLMapper().readTree(f.toFile());
            String baseline = tree.path("baseline").asText("");
            assertFalse(baseline.isEmpty(), f + " names no baseline");
            boolean listed = false;
            for (JsonNode k : tree.path("kernels")) {
                listed |= baseline.equals(k.isTextual() ? k.asText() : k.path("name").asText());
            }
            assertTrue(listed, f + ": baseline " + baseline + " is not one of its kernels");
        }
    }
}
