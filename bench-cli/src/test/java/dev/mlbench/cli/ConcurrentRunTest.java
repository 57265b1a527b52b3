package dev.mlbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run that finds another benchmark holding JMH's lock stops with one clear message, not a table of failures. */
class ConcurrentRunTest {

    @Test
    void aRunStopsClearlyWhileAnotherBenchmarkHoldsTheLock(@TempDir Path out) throws Exception {
        Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
        Cli r;
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            assertNotNull(lock, "the JMH lock is free before the test");
            r = Cli.run("run", "--config", Cli.def("mixed.yaml"), "--kernel", "reference", "--no-calibration", "--out", out.toString());
        }
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().contains("another benchmark is running on this machine"), r.err());
        Path file;
        try (var files = Files.list(out)) {
            List<Path> results = files.toList();
            assertEquals(1, results.size());
            file = results.get(0);
        }
        JsonNode json = SchemaCheck.assertValid(file);
        assertEquals("interrupted", json.get("state").asText());
    }
}
