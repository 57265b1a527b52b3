package dev.mlbench.tracks.checkpointing;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One flipped byte anywhere in a tensor's data is caught on load by its CRC32C, and the error names the tensor. */
class ChecksumTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"one", "three", "prime.weight", "big"})
    void aFlippedByteIsCaughtAndTheTensorNamed(String tensor) throws Exception {
        StateGenerator generator = new StateGenerator(TestStates.awkward(), 3);
        CheckpointStore store = new CheckpointStore(dir);
        int ranks = 2;
        try (Arena arena = Arena.ofConfined()) {
            store.save(TestStates.state(generator, arena), ranks, null, null);
        }
        Path checkpoint = store.latest().orElseThrow();
        CheckpointIndex.Fragment fragment = CheckpointLoader.index(checkpoint, generator.layout()).tensors().stream()
                .filter(t -> t.name().equals(tensor)).findFirst().orElseThrow().fragments().getLast();
        Path file = checkpoint.resolve(fragment.file());
        long dataStart;
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            dataStart = reader.dataStart();
        }
        long at = dataStart + (fragment.dataOffsets().get(0) + fragment.dataOffsets().get(1)) / 2;
        flip(file, at);

        CorruptCheckpointException verify = assertThrows(CorruptCheckpointException.class, () -> CheckpointLoader.verify(store, generator));
        assertTrue(verify.getMessage().contains("tensor '" + tensor + "'") && verify.getMessage().contains("CRC32C"), verify.getMessage());
        try (Arena arena = Arena.ofConfined()) {
            StateBuffers target = StateBuffers.allocate(generator.layout(), 3, arena);
            CorruptCheckpointException load = assertThrows(CorruptCheckpointException.class, () -> CheckpointLoader.load(store, target, null));
            assertTrue(load.getMessage().contains("tensor '" + tensor + "'"), load.getMessage());
        }
    }

    static void flip(Path file, long position) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, position);
            b.put(0, (byte) (b.get(0) ^ 0x10)).rewind();
            ch.write(b, position);
        }
    }
}
