package dev.mlbench.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every analysis command given a malformed or impossible results file (bench-core's test resources
 * {@code results/hostile/}) exits 2 with one line naming the file, never a stack trace or a table of impossible numbers.
 */
class HostileResultsFilesTest {

    private static final Path FIXTURES = Cli.home().resolve("bench-core/src/test/resources/results/hostile");
    private static final Path VALID = FIXTURES.resolve("valid.json");

    @org.junit.jupiter.api.io.TempDir
    static Path out;

    static Stream<Path> hostileFiles() throws IOException {
        try (Stream<Path> s = Files.list(FIXTURES)) {
            List<Path> files = s.filter(f -> !f.equals(VALID)).sorted().toList();
            assertTrue(files.size() >= 20, "fixtures: " + files);
            return files.stream();
        }
    }

    private static void assertRefused(Path file, String... args) {
        Cli r = Cli.run(args);
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("bench: " + file), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
        assertFalse(r.err().contains("Exception"), r::toString);
        assertEquals("", r.out(), "nothing printed from a refused file");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void showLeaderboardReportAndExportRefuseIt(Path file) {
        assertRefused(file, "show", file.toString());
        assertRefused(file, "leaderboard", file.toString(), "--baseline", "gemm=reference");
        assertRefused(file, "report", file.toString(), "-o", out.resolve("never-written.html").toString());
        assertRefused(file, "export", "--format", "csv", file.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void compareRefusesItAsBaseAndAsCur(Path file) {
        assertRefused(file, "compare", file.toString(), VALID.toString());
        assertRefused(file, "compare", VALID.toString(), file.toString());
    }
}
