package dev.mlbench.tracks.checkpointing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafetensorsFormatTest {

    @TempDir
    Path dir;

    /** The format specification's own example: a 2×2 I32 tensor of zeros behind a 60-byte header. */
    @Test
    void parsesTheSpecificationsExampleFile() throws Exception {
        String json = "{\"test\":{\"dtype\":\"I32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}";
        assertEquals(0x3c, json.length());
        Path file = dir.resolve("example.safetensors");
        Files.write(file, bytes(json, new byte[16]));

        try (SafetensorsReader reader = SafetensorsReader.open(file); Arena arena = Arena.ofConfined()) {
            assertEquals(1, reader.header().entries().size());
            SafetensorsHeader.Entry e = reader.header().entry("test");
            assertEquals(Dtype.I32, e.dtype());
            assertEquals(List.of(2L, 2L), e.shape());
            assertEquals(0, e.begin());
            assertEquals(16, e.end());
            assertTrue(reader.header().metadata().isEmpty());
            MemorySegment data = arena.allocate(16);
            data.fill((byte) 7);
            reader.read(e, data, false);
            assertArrayEquals(new byte[16], data.toArray(ValueLayout.JAVA_BYTE));
        }
    }

    /** A hand-built file with __metadata__, two dtypes, a scalar and space padding, as the spec allows. */
    @Test
    void parsesMetadataPaddingAndValuesOfAHandBuiltFile() throws Exception {
        String json = "{\"__metadata__\":{\"format\":\"pt\"},\"b\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[4,8]},"
                + "\"a\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}      ";
        ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        data.putShort((short) 0x3F80).putShort((short) 0xC000).putFloat(0.5f);
        Path file = dir.resolve("hand.safetensors");
        Files.write(file, bytes(json, data.array()));

        try (SafetensorsReader reader = SafetensorsReader.open(file); Arena arena = Arena.ofConfined()) {
            assertEquals(Map.of("format", "pt"), reader.header().metadata());
            assertEquals(List.of("a", "b"), reader.header().entries().stream().map(SafetensorsHeader.Entry::name).toList());
            MemorySegment a = arena.allocate(4);
            reader.read(reader.header().entry("a"), a, false);
            assertEquals(1.0f, Float.intBitsToFloat(a.get(StateGenerator.I16_LE, 0) << 16));
            assertEquals(-2.0f, Float.intBitsToFloat(a.get(StateGenerator.I16_LE, 2) << 16));
            MemorySegment b = arena.allocate(4);
            reader.read(reader.header().entry("b"), b, false);
            assertEquals(0.5f, b.get(StateGenerator.F32_LE, 0));
        }
    }

    @Test
    void writesTheLayoutTheSpecificationDescribes() throws Exception {
        Path file = dir.resolve("w.safetensors");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment x = arena.allocate(12);
            for (int i = 0; i < 3; i++) {
                x.set(StateGenerator.F32_LE, 4L * i, i + 0.25f);
            }
            SafetensorsWriter.write(file, List.of(new SafetensorsWriter.Item(0, "x", Dtype.F32, List.of(3L), x)), Map.of("format", "pt"), t -> { });
        }
        byte[] raw = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertEquals(0, (8 + n) % 8, "data starts 8-byte aligned");
        assertEquals(raw.length, 8 + n + 12);
        String header = new String(raw, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"__metadata__\":{\"format\":\"pt\",\"crc32c:x\":\""), header);
        assertTrue(header.contains("\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]}"), header);
        assertEquals(0.25f, ByteBuffer.wrap(raw, (int) (8 + n), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat());
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(raw, (int) (8 + n), 12);
        assertTrue(header.contains("\"crc32c:x\":\"" + String.format("%08x", crc.getValue()) + "\""), header);
    }

    @Test
    void rejectsHeadersThatDoNotDescribeTheData() throws Exception {
        String ok = "{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertRejected(ok, new byte[12], "cover 8 data bytes but the file holds 12");
        assertRejected(ok.replace("[0,8]", "[0,4]"), new byte[4], "needs 8 bytes");
        assertRejected(ok.replace("F32", "F31"), new byte[8], "unknown safetensors dtype 'F31'");
        assertRejected("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},\"u\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                new byte[8], "contiguous");
        assertRejected("[1,2]", new byte[0], "must be one JSON object");
        assertRejected(ok + "x", new byte[8], "0x78 after the JSON");
        assertRejected("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                new byte[8], "Duplicate field 't'");
        Path huge = dir.resolve("huge.safetensors");
        Files.write(huge, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
        CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, () -> SafetensorsReader.open(huge).close());
        assertTrue(e.getMessage().contains("header length"), e.getMessage());
    }

    private void assertRejected(String json, byte[] data, String expected) throws Exception {
        Path file = Files.createTempFile(dir, "bad", ".safetensors");
        Files.write(file, bytes(json, data));
        CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, () -> SafetensorsReader.open(file).close());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    static byte[] bytes(String json, byte[] data) {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
        out.writeBytes(header);
        out.writeBytes(data);
        return out.toByteArray();
    }
}
