package dev.mlbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bench gate} against a base build that is this same build behind its own launcher (an A/A gate): rounds
 * alternate, every round gives each build one fork, the merged files are valid schema 3 with one fork per round.
 */
class GateTest {

    /** A ./bench launcher in {@code dir} that starts this build, as a checkout's launcher starts its own. */
    private static Path launcher(Path dir) throws Exception {
        List<String> command = ThisHarness.command();
        StringBuilder script = new StringBuilder("#!/bin/sh\nexec");
        command.forEach(c -> script.append(" '").append(c.replace("'", "'\\''")).append('\''));
        script.append(" \"$@\"\n");
        Path bench = dir.resolve("bench");
        Files.writeString(bench, script);
        Files.setPosixFilePermissions(bench, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bench;
    }

    @Test
    void anAaGateAlternatesRoundsMergesForksAndPasses(@TempDir Path tmp) throws Exception {
        Path base = Files.createDirectories(tmp.resolve("base"));
        launcher(base);
        Path out = tmp.resolve("gate");
        Path junit = tmp.resolve("gate.xml");
        Cli r = Cli.run("gate", "--base", base.toString(), "--config", Cli.def("gate.yaml"), "--rounds", "3", "--out", out.toString(),
                "--junit", junit.toString());
        assertEquals(0, r.exitCode(), r.toString());
        for (int round = 1; round <= 3; round++) {
            assertTrue(r.err().contains("round " + round + "/3: BASE done") && r.err().contains("round " + round + "/3: CUR done"), r.err());
        }
        for (String side : List.of("base", "cur")) {
            JsonNode json = SchemaCheck.assertValid(out.resolve(side + ".json"));
            assertEquals("gate", json.get("settings").get("profile").asText());
            JsonNode row = json.get("results").get(0);
            assertEquals("measured", row.get("status").asText());
            assertEquals(3, row.get("fork_started_at").size(), "one fork per round");
            assertEquals(9, row.get("samples_ns").size(), "3 rounds x 3 iterations");
            assertEquals(2, row.get("sample_forks").get(8).asInt());
            assertEquals(3, row.get("stats").get("forks").asInt());
        }
        assertTrue(Files.readString(junit).contains("<testsuite"));
        assertFalse(r.out().lines().anyMatch(l -> l.startsWith("SLOWER")), r.out());
        assertTrue(Files.exists(out.resolve("rounds/base-1/log.txt")) && Files.exists(out.resolve("definitions")), "every round's files are kept");
    }

    @Test
    void aBaseThatIsNoCheckoutIsAUsageError(@TempDir Path tmp) {
        Cli r = Cli.run("gate", "--base", tmp.toString(), "--config", Cli.def("gate.yaml"));
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("no executable ./bench launcher"), r.err());
    }
}
