package dev.mlbench.tracks.checkpointing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A save that cannot be written fails with a clear message and leaves the previous checkpoint the latest and intact. */
class WriteFailureTest {

    @TempDir
    Path dir;

    @Test
    void anUnwritableFolderGivesAClearErrorAndKeepsThePreviousCheckpoint() throws Exception {
        StateGenerator generator = new StateGenerator(TestStates.awkward(), 21);
        CheckpointStore store = new CheckpointStore(dir.resolve("ckpts"));
        Path published;
        try (Arena arena = Arena.ofConfined()) {
            StateBuffers state = TestStates.state(generator, arena);
            published = store.save(state, 2, null, null);
            Runnable restore = makeUnwritable(store.root());
            try {
                IOException e = assertThrows(IOException.class, () -> store.save(state, 2, null, null));
                assertTrue(e.getMessage().contains("checkpoint not saved in " + store.root()), e.getMessage());
                assertTrue(e.getMessage().contains("ermission denied") || e.getMessage().contains("Operation not permitted"), e.getMessage());
                assertTrue(e.getMessage().contains("the previous checkpoint " + published.getFileName() + " is intact"), e.getMessage());
            } finally {
                restore.run();
            }
        }
        assertEquals(published, store.latest().orElseThrow());
        assertDoesNotThrow(() -> CheckpointLoader.verify(store, generator));
    }

    /**
     * A full disk: a 4 MiB tmpfs holds a 1 MiB checkpoint but not a 3 MiB one beside it. Mounting needs root
     * and a kernel that allows it; elsewhere the test is skipped with the reason.
     */
    @Test
    void aFullDiskGivesAClearErrorAndKeepsThePreviousCheckpoint() throws Exception {
        Path mount = Files.createDirectory(dir.resolve("tiny"));
        String failure = run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.toString());
        assumeTrue(failure == null, "cannot simulate a full disk here: mounting a 4 MiB tmpfs failed (" + failure + "); needs root");
        try {
            CheckpointStore store = new CheckpointStore(mount.resolve("ckpts"));
            StateGenerator small = new StateGenerator(ModelLayout.transformer(1 << 20, Dtype.F32), 1);
            StateGenerator large = new StateGenerator(ModelLayout.transformer(3 << 20, Dtype.F32), 1);
            Path published;
            try (Arena arena = Arena.ofConfined()) {
                published = store.save(TestStates.state(small, arena), 1, null, null);
                StateBuffers big = TestStates.state(large, arena);
                IOException e = assertThrows(IOException.class, () -> store.save(big, 2, null, null));
                assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
                assertTrue(e.getMessage().contains("the previous checkpoint " + published.getFileName() + " is intact"), e.getMessage());
            }
            assertEquals(published, store.latest().orElseThrow());
            assertDoesNotThrow(() -> CheckpointLoader.verify(store, small));
            try (var files = Files.list(store.root())) {
                assertEquals(2, files.count(), "the partial checkpoint was removed, freeing its space");
            }
        } finally {
            run("umount", mount.toString());
        }
    }

    /**
     * Makes {@code folder} unwritable: by permissions, or for root, who ignores them, with the immutable
     * attribute. Skips the test when neither works. Returns how to undo it.
     */
    private static Runnable makeUnwritable(Path folder) throws Exception {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        Runnable restore = () -> assertDoesNotThrow(() -> Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x")));
        if (!Files.isWritable(folder) && !canCreateIn(folder)) {
            return restore;
        }
        String failure = run("chattr", "+i", folder.toString());
        if (failure == null && !canCreateIn(folder)) {
            return () -> {
                run("chattr", "-i", folder.toString());
                restore.run();
            };
        }
        restore.run();
        assumeTrue(false, "cannot make a folder unwritable here (running as root without chattr +i: " + failure + ")");
        return restore;
    }

    private static boolean canCreateIn(Path folder) {
        try {
            Files.delete(Files.createTempFile(folder, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a command; null when it succeeded, else what went wrong. */
    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            boolean done = p.waitFor(20, TimeUnit.SECONDS);
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (!done) {
                p.destroyForcibly();
                return String.join(" ", command) + " timed out";
            }
            return p.exitValue() == 0 ? null : String.join(" ", command) + ": exit " + p.exitValue() + (out.isEmpty() ? "" : ", " + out);
        } catch (IOException | InterruptedException e) {
            return String.join(" ", command) + ": " + e.getMessage();
        }
    }
}
