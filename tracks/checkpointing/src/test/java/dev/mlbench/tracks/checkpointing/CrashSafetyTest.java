package dev.mlbench.tracks.checkpointing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A JVM killed with SIGKILL in the middle of a save leaves the previous checkpoint published, loadable and verified. */
class CrashSafetyTest {

    @TempDir
    Path dir;

    @Test
    void killingTheSavingJvmLeavesThePreviousCheckpointIntact() throws Exception {
        StateGenerator previous = new StateGenerator(TestStates.awkward(), 5);
        CheckpointStore store = new CheckpointStore(dir);
        Path published;
        try (Arena arena = Arena.ofConfined()) {
            published = store.save(TestStates.state(previous, arena), 2, null, null);
        }

        // 64 rank files, each written and fsynced in turn: the save takes far longer than the kill.
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SaveInChildJvm.class.getName(), dir.toString(), "64", "8")
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null && !line.equals(SaveInChildJvm.MID_SAVE)) {
                seen.append(line).append('\n');
            }
            assertEquals(SaveInChildJvm.MID_SAVE, line, "the child never reached the middle of a save:\n" + seen);
            child.destroyForcibly(); // SIGKILL on Linux and macOS
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        try (Stream<Path> files = Files.list(dir)) {
            List<Path> left = files.toList();
            assertTrue(left.size() > 2, "the killed save left its partial checkpoint behind: " + left);
        }
        assertEquals(published, store.latest().orElseThrow(), "LATEST still names the previous checkpoint");
        assertDoesNotThrow(() -> CheckpointLoader.verify(store, previous));

        // the next save removes the leftovers and publishes normally
        try (Arena arena = Arena.ofConfined()) {
            store.save(TestStates.state(previous, arena), 3, null, null);
        }
        assertDoesNotThrow(() -> CheckpointLoader.verify(store, previous));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count());
        }
    }
}
