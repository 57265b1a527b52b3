package dev.mlbench.tracks.checkpointing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointRoundTripTest {

    @TempDir
    Path dir;

    private final StateGenerator generator = new StateGenerator(TestStates.awkward(), 7);

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 13})
    void savedCheckpointVerifiesBitwiseWithEveryChecksum(int ranks) throws Exception {
        CheckpointStore store = new CheckpointStore(dir);
        try (Arena arena = Arena.ofConfined()) {
            store.save(TestStates.state(generator, arena), ranks, null, null);
        }
        assertDoesNotThrow(() -> CheckpointLoader.verify(store, generator));
        assertEquals(ranks, CheckpointLoader.index(store.latest().orElseThrow(), generator.layout()).ranks());
    }

    /** Save with 4 ranks, load into 2 and 3 (and others): every rank's slice is bitwise the generated one. */
    @ParameterizedTest
    @CsvSource({"4,2", "4,3", "4,1", "4,4", "4,7", "1,3", "3,5"})
    void reshardingLoadIsBitwiseIdentical(int saveRanks, int loadRanks) throws Exception {
        CheckpointStore store = new CheckpointStore(dir);
        ExecutorService pool = Executors.newFixedThreadPool(saveRanks);
        try (Arena arena = Arena.ofShared()) {
            store.save(TestStates.state(generator, arena), saveRanks, pool, null);
            StateBuffers loaded = StateBuffers.allocate(generator.layout(), loadRanks, arena);
            CheckpointLoader.load(store, loaded, pool);
            assertNull(CheckpointTrack.compare(loaded, generator, loadRanks));
            StateBuffers sequential = StateBuffers.allocate(generator.layout(), loadRanks, arena);
            CheckpointLoader.load(store, sequential, null);
            assertNull(CheckpointTrack.compare(sequential, generator, loadRanks));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theCheckCatchesAStateThatDiffersInOneElement() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            StateBuffers loaded = StateBuffers.allocate(generator.layout(), 3, arena);
            CheckpointStore store = new CheckpointStore(dir);
            store.save(TestStates.state(generator, arena), 4, null, null);
            CheckpointLoader.load(store, loaded, null);
            int t = generator.layout().indexOf("prime.bf16");
            loaded.fragment(2, t).set(StateGenerator.I16_LE, 10, (short) (loaded.fragment(2, t).get(StateGenerator.I16_LE, 10) ^ 1));
            String problem = CheckpointTrack.compare(loaded, generator, 3);
            assertNotNull(problem);
            assertTrue(problem.contains("'prime.bf16' on rank 2 differs at element " + (loaded.firstElement(2, t) + 5)), problem);
        }
    }

    @Test
    void aCheckpointOfAnotherStateFailsVerification() throws Exception {
        CheckpointStore store = new CheckpointStore(dir);
        try (Arena arena = Arena.ofConfined()) {
            store.save(TestStates.state(new StateGenerator(generator.layout(), 8), arena), 2, null, null);
        }
        CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, () -> CheckpointLoader.verify(store, generator));
        assertTrue(e.getMessage().contains("differs from the saved state"), e.getMessage());
    }

    @Test
    void eachSavePublishesANewCheckpointAndRemovesTheOld() throws Exception {
        CheckpointStore store = new CheckpointStore(dir);
        try (Arena arena = Arena.ofConfined()) {
            StateBuffers state = TestStates.state(generator, arena);
            Path first = store.save(state, 2, null, null);
            Path second = store.save(state, 2, null, null);
            assertEquals(second, store.latest().orElseThrow());
            assertTrue(Files.notExists(first));
            try (Stream<Path> left = Files.list(dir)) {
                assertEquals(2, left.count(), "only LATEST and the latest checkpoint remain");
            }
        }
    }

    /** An index whose fragment boundaries disagree with the rank files is refused, not loaded partially. */
    @Test
    void anIndexThatDisagreesWithTheFilesIsRejected() throws Exception {
        CheckpointStore store = new CheckpointStore(dir);
        try (Arena arena = Arena.ofConfined()) {
            store.save(TestStates.state(generator, arena), 2, null, null);
        }
        Path index = store.latest().orElseThrow().resolve(CheckpointIndex.FILE);
        String json = Files.readString(index);
        int t = generator.layout().indexOf("prime.weight");
        long middle = ModelLayout.fragmentBegin(generator.layout().tensor(t).elements(), 2, 1);
        String moved = json.replace("\"end\":" + middle + ",", "\"end\":" + (middle - 1) + ",")
                .replace("\"begin\":" + middle + ",", "\"begin\":" + (middle - 1) + ",");
        assertTrue(!moved.equals(json));
        Files.writeString(index, moved);
        CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, () -> CheckpointLoader.verify(store, generator));
        assertTrue(e.getMessage().contains("does not match the index"), e.getMessage());
        Files.writeString(index, json.replace("\"format\":\"bench-checkpoint/1\"", "\"format\":\"other/9\""));
        e = assertThrows(CorruptCheckpointException.class, () -> CheckpointLoader.verify(store, generator));
        assertTrue(e.getMessage().contains("unknown format 'other/9'"), e.getMessage());
    }

    @Test
    void loadingAnEmptyFolderSaysNoCheckpointWasPublished() {
        CheckpointStore store = new CheckpointStore(dir);
        Exception e = assertThrows(java.nio.file.NoSuchFileException.class, () -> CheckpointLoader.verify(store, generator));
        assertTrue(e.getMessage().contains("no checkpoint has been published"), e.getMessage());
    }

    @Test
    void transformerLayoutsHaveTheRequestedSizeWithinOneRow() {
        for (int mib : new int[] {1, 3, 64, 512, 1024, 4096}) {
            for (Dtype d : new Dtype[] {Dtype.F32, Dtype.BF16}) {
                ModelLayout layout = ModelLayout.transformer((long) mib << 20, d);
                long total = layout.totalBytes();
                assertTrue(total <= (long) mib << 20 && total > ((long) mib << 20) - 4096L * 12, mib + " MiB " + d + ": " + total);
            }
        }
    }
}
