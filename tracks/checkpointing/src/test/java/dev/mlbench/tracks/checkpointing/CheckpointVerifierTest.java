package dev.mlbench.tracks.checkpointing;

import dev.mlbench.core.spi.ArtifactVerifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A checkpoint checked on its own: a good one passes with its counts, each kind of damage is named. */
class CheckpointVerifierTest {

    @TempDir
    Path dir;
    private Path checkpoint;
    private Path rank0;
    private final CheckpointVerifier verifier = new CheckpointVerifier();

    @BeforeEach
    void save() throws Exception {
        StateGenerator generator = new StateGenerator(TestStates.awkward(), 3);
        try (Arena arena = Arena.ofConfined()) {
            checkpoint = new CheckpointStore(dir).save(TestStates.state(generator, arena), 2, null, null);
        }
        rank0 = checkpoint.resolve(CheckpointIndex.rankFile(0, 2));
    }

    private String onlyProblem() {
        ArtifactVerifier.Report r = verifier.verify(dir);
        assertEquals(1, r.problems().size(), r.problems()::toString);
        return r.problems().getFirst();
    }

    private long headerLength(Path file) throws Exception {
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(b, 0);
            return b.getLong(0);
        }
    }

    /** Replaces the header JSON with {@code edited} (same length, padded with spaces). */
    private void editHeader(Path file, java.util.function.UnaryOperator<String> edit) throws Exception {
        long n = headerLength(file);
        byte[] all = Files.readAllBytes(file);
        String json = new String(all, 8, (int) n, StandardCharsets.UTF_8);
        byte[] edited = edit.apply(json).getBytes(StandardCharsets.UTF_8);
        assertTrue(edited.length <= n, "the edit must not grow the header");
        byte[] padded = new byte[(int) n];
        Arrays.fill(padded, (byte) ' ');
        System.arraycopy(edited, 0, padded, 0, edited.length);
        System.arraycopy(padded, 0, all, 8, (int) n);
        Files.write(file, all);
    }

    @Test
    void aGoodCheckpointPassesWithItsCounts() {
        ArtifactVerifier.Report r = verifier.verify(dir);
        assertEquals(java.util.List.of(), r.problems());
        assertTrue(r.summary().startsWith("2 file(s), "), r.summary());
        assertTrue(verifier.verify(checkpoint).ok() && verifier.verify(rank0).ok(), "a checkpoint directory or one file too");
    }

    @Test
    void aFlippedDataByteIsACrcErrorNamingFileAndTensor() throws Exception {
        long at = 8 + headerLength(rank0) + 1;
        ChecksumTest.flip(rank0, at);
        String p = onlyProblem();
        assertTrue(p.startsWith("tensor '") && p.contains(rank0.toString()) && p.contains("CRC32C"), p);
    }

    @Test
    void trailingGarbageAfterTheLastTensorIsRefused() throws Exception {
        Files.write(rank0, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        String p = onlyProblem();
        assertTrue(p.contains(rank0 + ": the tensors cover") && p.contains("truncated or padded"), p);
    }

    @Test
    void aTruncatedFileIsRefused() throws Exception {
        try (FileChannel ch = FileChannel.open(rank0, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 5);
        }
        assertTrue(onlyProblem().contains("truncated or padded"), onlyProblem());
    }

    @Test
    void badOffsetsAreRefusedNamingTheTensor() throws Exception {
        editHeader(rank0, json -> json.replaceFirst("\"data_offsets\":\\[0,", "\"data_offsets\":[1,"));
        String p = onlyProblem();
        assertTrue(p.startsWith(rank0 + ": tensor '") && p.contains("data_offsets"), p);
    }

    @Test
    void bytesAfterTheHeaderJsonOtherThanSpacesAreRefused() throws Exception {
        editHeader(rank0, json -> json.stripTrailing() + "x");
        String p = onlyProblem();
        assertTrue(p.startsWith(rank0 + ": the header must be one JSON object padded with spaces only"), p);
    }

    @Test
    void anEditedChecksumIsRefused() throws Exception {
        editHeader(rank0, json -> json.replaceFirst("(\"crc32c:[^\"]+\":\")[0-9a-f]{8}", "$1zzzzzzzz"));
        String p = onlyProblem();
        assertTrue(p.contains("not a CRC32C (8 hex digits)"), p);
    }

    @Test
    void aChecksumNamingNoTensorIsRefused() throws Exception {
        editHeader(rank0, json -> json.replaceFirst("\"crc32c:.", "\"crc32c:~"));
        assertTrue(onlyProblem().contains("names no tensor of the file"), onlyProblem());
    }

    @Test
    void aMissingRankFileIsNamed() throws Exception {
        Files.delete(rank0);
        String p = onlyProblem();
        assertEquals(rank0 + ": missing", p);
    }
}
