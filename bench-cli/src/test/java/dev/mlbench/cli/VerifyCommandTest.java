package dev.mlbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bench checkpoint verify}: found through the track's verifier, exit 0 on a good file, 2 with the problem on a bad one. */
class VerifyCommandTest {

    @TempDir
    Path dir;

    private static final byte[] DATA = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f).array();
    /** The tensor's entry with the CRC32C of its data, as the harness's writer records it. */
    private static final String TENSOR;

    static {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(DATA);
        TENSOR = "\"__metadata__\":{\"crc32c:w\":\"" + String.format("%08x", crc.getValue()) + "\"},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";
    }

    /** One safetensors file with one F32 tensor of two elements, its header as given. */
    private Path file(String header) throws Exception {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
        bytes.write(json);
        bytes.write(DATA);
        Path f = dir.resolve("model.safetensors");
        Files.write(f, bytes.toByteArray());
        return f;
    }

    @Test
    void aGoodFilePasses() throws Exception {
        Path f = file("{" + TENSOR + "}  ");
        Cli r = Cli.run("checkpoint", "verify", f.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("ok: ") && r.out().contains("1 file(s), 1 tensor(s), 8 data bytes"), r.out());
    }

    @Test
    void bytesAfterTheHeaderJsonAreNamed() throws Exception {
        Path f = file("{" + TENSOR + "}x ");
        Cli r = Cli.run("checkpoint", "verify", f.toString());
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("padded with spaces only") && r.err().contains("1 problem(s)"), r.err());
    }

    @Test
    void aDamagedTensorIsNamed() throws Exception {
        Path f = file("{" + TENSOR + "}");
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length - 1] ^= 0x40; // a flipped bit in the last float
        Files.write(f, bytes);
        Cli r = Cli.run("checkpoint", "verify", f.toString());
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("'w'") && r.err().toLowerCase().contains("crc"), r.err());
    }

    @Test
    void aMissingPathIsAProblemNotACrash() {
        Cli r = Cli.run("checkpoint", "verify", dir.resolve("nothing").toString());
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("no such file or folder"), r.err());
    }

    @Test
    void helpNamesTheCommand() {
        Cli r = Cli.run("--help");
        assertTrue(r.out().contains("checkpoint"), r.out());
        Cli v = Cli.run("checkpoint", "verify", "--help");
        assertEquals(0, v.exitCode(), v::toString);
        assertTrue(v.out().contains("PATH"), v.out());
    }
}
