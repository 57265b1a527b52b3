package dev.mlbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two native peers side by side in one run, though their javacpp and OpenBLAS cannot share a class path: the
 * harness JVM cannot even load ND4J, whose rows come from JVMs of its own stack, and every row names the core its
 * OpenBLAS ran.
 */
class PeerStacksTest {

    @TempDir
    static Path out;
    static Cli run;
    static JsonNode json;

    @BeforeAll
    static void runBothPeers() throws IOException {
        run = Cli.run("run", "--track", "gemm", "--config", Cli.def("peers-stacks.yaml"), "--no-calibration", "--out", out.toString());
        try (var files = Files.list(out)) {
            List<Path> found = files.filter(f -> f.toString().endsWith(".json")).toList();
            assertEquals(1, found.size(), () -> "one results file expected: " + found + "\n" + run);
            json = SchemaCheck.assertValid(found.get(0));
        }
    }

    private static JsonNode row(String kernel) {
        return StreamSupport.stream(json.get("results").spliterator(), false)
                .filter(r -> r.get("kernel").asText().equals(kernel)).findFirst().orElseThrow(() -> new AssertionError("no row of " + kernel));
    }

    @Test
    void theHarnessJvmCannotLoadNd4j() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.nd4j.linalg.factory.Nd4j"));
    }

    @Test
    void bothPeersAreMeasuredAndCorrectInOneRun() {
        for (String kernel : List.of("openblas", "nd4j")) {
            JsonNode r = row(kernel);
            assertEquals("measured", r.get("status").asText(), () -> r + "\n" + run);
            assertTrue(r.get("correctness").get("passed").asBoolean(), r::toString);
        }
        assertEquals(0, run.exitCode(), run::toString);
    }

    @Test
    void eachRowNamesItsLibraryAndTheCoreItRan() {
        JsonNode openblas = row("openblas").get("backend_details");
        assertTrue(openblas.get("version").asText().contains("0.3.31"), openblas::toString);
        JsonNode nd4j = row("nd4j").get("backend_details");
        assertEquals("1.0.0-M2.1", nd4j.get("version").asText(), nd4j::toString);
        for (JsonNode d : List.of(openblas, nd4j)) {
            assertFalse(d.get("core").asText().startsWith("unavailable"), d::toString);
            assertTrue(d.has("core_choice"), d::toString);
        }
    }

    /** Whether the torch stack the tests point at holds libtorch's natives (built with -Ptorch). */
    private static boolean torchNatives() {
        return dev.mlbench.core.spi.ForkEnvironment.jarsIn(Path.of(System.getProperty("bench.torch.stack", "missing")))
                .stream().anyMatch(j -> j.getFileName().toString().endsWith("-linux-x86_64.jar"));
    }

    @Test
    void torchIsMeasuredInItsOwnJvmsOrSkippedSayingHowToGetIt() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.bytedeco.pytorch.global.torch"),
                "the harness JVM never loads libtorch");
        JsonNode r = row("torch-mm");
        if (!torchNatives()) {
            assertEquals("skipped", r.get("status").asText(), r::toString);
            assertTrue(r.get("reason").asText().contains("-Ptorch"), r::toString);
            return;
        }
        assertEquals("measured", r.get("status").asText(), () -> r + "\n" + run);
        assertTrue(r.get("correctness").get("passed").asBoolean(), r::toString);
        JsonNode d = r.get("backend_details");
        assertTrue(d.get("version").asText().startsWith("2.10"), d::toString);
        assertTrue(d.get("core").asText().matches("AVX.*|DEFAULT"), "the ATen CPU capability: " + d);
    }
}
