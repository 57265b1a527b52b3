package dev.mlbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command through picocli with captured output: help, version, list, env, validate, calibrate, usage errors. */
class CommandsTest {

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        Cli r = Cli.run("--help");
        assertEquals(0, r.exitCode(), r::toString);
        for (String command : new String[] {"list", "run", "validate", "calibrate", "env"}) {
            assertTrue(r.out().contains(command), command + " missing from help:\n" + r.out());
        }
        assertTrue(r.out().contains("3  a kernel failed its correctness check"), r.out());
    }

    @Test
    void runHelpExplainsTheOptions() {
        Cli r = Cli.run("run", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("--profile") && r.out().contains("--kernel") && r.out().contains("bench run --track gemm"), r.out());
    }

    @Test
    void versionNamesTheHarnessAndJvm() {
        Cli r = Cli.run("--version");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().startsWith("bench "), r.out());
        assertTrue(r.out().contains("commit"), r.out());
    }

    @Test
    void versionPrintsTheCommitThisBuildWasMadeFrom() throws Exception {
        Cli r = Cli.run("--version");
        var m = java.util.regex.Pattern.compile("^bench (\\S+) \\(commit ([0-9a-f]{40}(-dirty)?|unknown)\\)$").matcher(r.out().lines().findFirst().orElse(""));
        assertTrue(m.matches(), r.out());
        assertTrue(!m.group(1).equals("unknown"), "the version is stamped: " + r.out());
        String head = gitHead();
        if (head != null) {
            assertEquals(head, m.group(2).replace("-dirty", ""), "built inside a git checkout: its HEAD");
        } else {
            assertEquals("unknown", m.group(2), "built outside git");
        }
    }

    /** The repository's HEAD commit, or null when the harness home is not a git checkout or git is missing. */
    private static String gitHead() {
        try {
            Process git = new ProcessBuilder("git", "-C", Cli.home().toString(), "rev-parse", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            return git.waitFor() == 0 && out.matches("[0-9a-f]{40}") ? out : null;
        } catch (java.io.IOException | InterruptedException e) {
            return null;
        }
    }

    @Test
    void anOutThatIsAFileIsRefusedWithTheReason(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        Cli r = Cli.run("run", "--track", "softmax", "--no-calibration", "--out", file.toString());
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("--out " + file + " is a file"), r.err());
    }

    @Test
    void noCommandIsAUsageError() {
        Cli r = Cli.run();
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("a command is required"), r.err());
    }

    @Test
    void misspeltCommandSuggestsTheRightOne() {
        Cli r = Cli.run("rn");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("Did you mean 'bench run'?"), r.err());
    }

    @Test
    void listShowsEveryBackendWithAvailabilityAndReason() {
        Cli r = Cli.run("list");
        assertEquals(0, r.exitCode(), r::toString);
        for (String backend : new String[] {"cpu-scalar", "cpu-vector", "openblas", "nd4j", "opencl", "cuda"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(backend + " ")), backend + " missing:\n" + r.out());
        }
        String cuda = r.out().lines().filter(l -> l.startsWith("cuda ")).findFirst().orElseThrow();
        if (cuda.contains(" no ")) {
            assertTrue(cuda.matches(".*\\bno\\s+\\S.*"), "an unavailable backend carries its reason: " + cuda);
        }
        assertTrue(r.out().contains("gemm"), r.out());
    }

    @Test
    void envPrintsTheFingerprintAsJson() {
        Cli r = Cli.run("env", "--format", "json");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("\"cpu_model\"") && r.out().contains("\"vector_bit_size\"") && r.out().contains("\"backends\""), r.out());
    }

    @Test
    void envPrintsATable() {
        Cli r = Cli.run("env");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("CPU:") && r.out().contains("Vector size:"), r.out());
    }

    @Test
    void validateAcceptsTheShippedGemmDefinition() {
        Cli r = Cli.run("validate", Cli.home().resolve("configs/tracks/gemm.yaml").toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("ok: "), r.out());
    }

    @Test
    void validateReportsEveryProblemWithLineAndKeyAndExits2() {
        Cli r = Cli.run("validate", Cli.def("broken.yaml"));
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("4 problems"), r.err());
        assertTrue(r.err().contains("broken.yaml:2:1: seeds: unknown key 'seeds' (did you mean 'seed'?"), r.err());
        assertTrue(r.err().contains("broken.yaml:6:10: workloads[0].shapes[0].m: must be from 1 to"), r.err());
        assertTrue(r.err().contains("workloads[0].shapes[1].n: must be an integer"), r.err());
        assertTrue(r.err().contains("kernels[0]: unknown kernel 'vectr' for track gemm (did you mean 'vector'?"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose");
    }

    @Test
    void aRuntimeErrorGivesItsReasonAndVerboseBeforeOrAfterTheCommandAddsTheStackTrace(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("file.txt"), "not a folder");
        String dir = file.resolve("demo").toString();
        Cli plain = Cli.run("new-track", "demo", "--dir", dir);
        assertEquals(1, plain.exitCode(), plain::toString);
        assertTrue(plain.err().contains("(run with --verbose for the stack trace)"), plain.err());
        assertFalse(plain.err().contains("\tat "), plain.err());
        for (String[] args : new String[][] {{"--verbose", "new-track", "demo", "--dir", dir}, {"new-track", "-v", "demo", "--dir", dir}}) {
            Cli verbose = Cli.run(args);
            assertEquals(1, verbose.exitCode(), verbose::toString);
            assertTrue(verbose.err().contains("\tat "), verbose.err());
            assertFalse(verbose.err().contains("run with --verbose"), verbose.err());
        }
    }

    @Test
    void runWithAnUnknownTrackSuggestsTheClosestAndExits2() {
        Cli r = Cli.run("run", "--track", "gemn");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("unknown track 'gemn' (did you mean 'gemm'?"), r.err());
    }

    @Test
    void runWithABadProfileExits2() {
        Cli r = Cli.run("run", "--track", "gemm", "--profile", "fast");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("unknown profile 'fast'"), r.err());
    }

    @Test
    void runWithNothingToRunExits2() {
        Cli r = Cli.run("run");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("nothing to run"), r.err());
    }

    @Test
    void runWithAFilterMatchingNoKernelExits2(@TempDir Path out) {
        Cli r = Cli.run("run", "--track", "gemm", "--kernel", "nosuch*", "--no-calibration", "--out", out.toString());
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("the plan is empty"), r.err());
    }

    @Test
    void calibrateMeasuresCachesAndReusesThePeaks(@TempDir Path cache) throws Exception {
        Cli first = Cli.run("calibrate", "--cache-dir", cache.toString(), "--format", "json");
        assertEquals(0, first.exitCode(), first::toString);
        assertTrue(first.err().contains("Calibrating this host"), first.err());
        assertTrue(first.out().contains("\"peak_gflops\"") && first.out().contains("\"mem_bandwidth_gbps\""), first.out());
        try (var files = Files.list(cache)) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().startsWith("calibration-")).count());
        }
        Cli second = Cli.run("calibrate", "--cache-dir", cache.toString());
        assertEquals(0, second.exitCode(), second::toString);
        assertFalse(second.err().contains("Calibrating"), "the cached calibration is reused: " + second.err());
        assertTrue(second.out().contains("GFLOP/s") && second.out().contains("GB/s"), second.out());
    }
}
