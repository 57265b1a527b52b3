package dev.mlbench.tracks.checkpointing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlushTrackingTest {

    @TempDir
    Path dir;

    @Test
    void aTensorStillBeingCheckpointedMayNotChange() {
        ModelLayout layout = TestStates.awkward();
        FlushTracker flushes = new FlushTracker(layout, 4);
        int t = layout.indexOf("prime.weight");
        assertDoesNotThrow(() -> flushes.requireFlushed(t), "no checkpoint in flight");
        flushes.start();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> flushes.requireFlushed(t));
        assertTrue(e.getMessage().contains("prime.weight"), e.getMessage());
        for (int r = 0; r < 3; r++) {
            flushes.fragmentFlushed(t);
        }
        assertFalse(flushes.isFlushed(t), "one of four fragments is still being written");
        flushes.fragmentFlushed(t);
        assertDoesNotThrow(() -> flushes.requireFlushed(t));
        int one = layout.indexOf("one");
        flushes.fragmentFlushed(one);
        assertTrue(flushes.isFlushed(one), "a one-element tensor has a single fragment over four ranks");
    }

    /** The lazy strategy's core: the step changes every tensor while the save runs, yet the checkpoint is the pre-step state. */
    @Test
    void aStepOverlappingALazySaveLeavesTheCheckpointUnchanged() throws Exception {
        StateGenerator generator = new StateGenerator(TestStates.awkward(), 11);
        CheckpointStore store = new CheckpointStore(dir);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (Arena arena = Arena.ofShared()) {
            StateBuffers state = TestStates.state(generator, arena);
            FlushTracker flushes = new FlushTracker(generator.layout(), 3);
            flushes.start();
            Future<Path> save = writer.submit(() -> store.save(state, 3, null, flushes));
            TrainingStep.run(state, flushes, 0);
            save.get();
            assertDoesNotThrow(() -> CheckpointLoader.verify(store, generator));
            assertTrue(CheckpointTrack.compare(state, generator, 1) != null, "the step did change the live state");
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void aFailedSaveReleasesTheWaitingStep() {
        ModelLayout layout = TestStates.awkward();
        FlushTracker flushes = new FlushTracker(layout, 1);
        flushes.start();
        flushes.fail(new java.io.IOException("disk gone"));
        Exception e = assertThrows(java.io.IOException.class, () -> flushes.awaitFlushed(0));
        assertTrue(e.getMessage().contains("checkpoint failed before tensor scalar was written"), e.getMessage());
    }
}
