package dev.mlbench.core.definition;

import dev.mlbench.core.registry.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile definition input is refused before or while parsing, with file, line and key, never silently reinterpreted. */
class DefinitionLimitsTest {

    private final DefinitionLoader loader = new DefinitionLoader(Registry.builtIn(), 1L << 30);

    @TempDir
    Path dir;

    private Problem only(String fileName, String text) {
        List<Problem> p = assertThrows(DefinitionException.class, () -> loader.parse(fileName, text)).problems();
        assertEquals(1, p.size(), () -> "expected one problem, got " + p);
        return p.get(0);
    }

    @Test
    void anAliasIsRefusedWithItsLineInsteadOfBecomingTheAnchorsName() {
        Problem p = only("t.yaml", """
                track: axpy
                workloads:
                  - name: small
                    shapes: [{n: 100}]
                kernels: [*reference]
                """);
        assertEquals(5, p.line(), p::toString);
        assertEquals("kernels[0]", p.path(), p::toString);
        assertTrue(p.message().contains("YAML aliases (*reference) are not supported"), p::toString);
    }

    @Test
    void anAnchorIsRefusedWithItsLine() {
        Problem p = only("t.yaml", """
                track: axpy
                workloads:
                  - name: small
                    shapes: [&one {n: 100}]
                kernels: [plain]
                """);
        assertEquals(4, p.line(), p::toString);
        assertTrue(p.message().contains("YAML anchors (&one) are not supported"), p::toString);
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedBeforeItIsRead() throws IOException {
        Path big = dir.resolve("big.yaml");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.write("track: \"".getBytes(StandardCharsets.US_ASCII));
            f.setLength(50L << 20); // 50 MB, sparse: one long scalar
        }
        long start = System.nanoTime();
        List<Problem> p = assertThrows(DefinitionException.class, () -> loader.load(big)).problems();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 500, "took " + millis + " ms");
        assertEquals(1, p.size(), p::toString);
        assertTrue(p.get(0).message().startsWith("is " + (50L << 20) + " bytes; definitions are limited to "
                + DefinitionLoader.MAX_DEFINITION_BYTES + " bytes"), p.get(0)::toString);
    }

    @Test
    void aStreamLongerThanTheLimitIsRefusedAfterReadingOnlyTheLimit() {
        long[] read = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read[0]++;
                return 'a';
            }
        };
        List<Problem> p = assertThrows(DefinitionException.class, () -> loader.load("<stdin>", endless)).problems();
        assertTrue(p.get(0).message().startsWith("is longer than " + DefinitionLoader.MAX_DEFINITION_BYTES + " bytes"), p.get(0)::toString);
        assertTrue(read[0] <= DefinitionLoader.MAX_DEFINITION_BYTES + 1, "read " + read[0]);
    }

    @Test
    void aSmallStreamLoadsAsAFileWould() throws Exception {
        String text = "track: axpy\nworkloads:\n  - name: s\n    shapes: [{n: 10}]\nkernels: [plain]\n";
        assertEquals("axpy", loader.load("<stdin>", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).track());
    }

    @Test
    void aScalarLongerThanTheLimitIsRefusedWithItsLine() {
        String longName = "x".repeat(DefinitionLoader.MAX_SCALAR_CHARS + 1);
        Problem p = only("t.yaml", "track: axpy\ndescription: " + longName + "\n");
        assertTrue(p.message().contains("longer than " + DefinitionLoader.MAX_SCALAR_CHARS), p::toString);
        assertEquals(2, p.line(), p::toString);
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        String deep = "[".repeat(DefinitionLoader.MAX_NESTING + 5) + "]".repeat(DefinitionLoader.MAX_NESTING + 5);
        Problem p = only("t.yaml", "track: axpy\nworkloads: " + deep + "\n");
        assertTrue(p.message().contains("nesting"), p::toString);
    }
}
