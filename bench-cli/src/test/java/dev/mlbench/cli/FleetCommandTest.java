package dev.mlbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bench fleet} without a cluster: the scripts a dry run prints, and bad input. */
class FleetCommandTest {

    @Test
    void aDryRunPrintsOneArrayPerPartitionAndTheMergeJobWithoutSubmitting(@TempDir Path out) {
        Cli r = Cli.run("fleet", "submit", "--config", Cli.def("fleet-tiny.yaml"), "--partition", "cpu,gpu", "--array", "3",
                "--time", "20", "--no-calibration", "--out", out.toString(), "--dry-run");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(2, r.out().lines().filter(l -> l.startsWith("#SBATCH --array=0-2")).count(), r.out());
        assertTrue(r.out().contains("#SBATCH --partition=gpu"), r.out());
        assertTrue(r.out().contains("#SBATCH --dependency=afterany:<array job ids>"), r.out());
        // the tasks run this very build, with this JDK and class path, from any folder
        assertTrue(r.out().contains(Path.of(System.getProperty("java.home"), "bin", "java") + " "), r.out());
        assertTrue(r.out().contains("dev.mlbench.cli.BenchCli run --config " + Path.of(Cli.def("fleet-tiny.yaml")).toAbsolutePath().normalize()
                + " --profile quick --no-calibration --out \"$task_dir\""), r.out());
        try (var files = Files.list(out)) {
            assertEquals(0, files.count(), "a dry run writes nothing");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void nodesPinOneTaskToEachNode(@TempDir Path out) {
        Cli r = Cli.run("fleet", "submit", "--track", "gemm", "--partition", "cpu", "--nodes", "cn01,cn02", "--out", out.toString(), "--dry-run");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("#SBATCH --nodelist=cn01") && r.out().contains("#SBATCH --nodelist=cn02"), r.out());
        assertEquals(2, r.out().lines().filter("#SBATCH --array=0-0"::equals).count(), r.out());
    }

    @Test
    void arrayAndNodesTogetherAreAUsageError() {
        Cli r = Cli.run("fleet", "submit", "--track", "gemm", "--partition", "cpu", "--nodes", "cn01", "--array", "2", "--dry-run");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--array and --nodes exclude each other"), r.err());
    }

    @Test
    void aPartitionIsRequired() {
        Cli r = Cli.run("fleet", "submit", "--track", "gemm", "--dry-run");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--partition"), r.err());
    }

    @Test
    void aMissingDefinitionFileIsRefusedBeforeAnythingIsSubmitted() {
        Cli r = Cli.run("fleet", "submit", "--config", "no-such.yaml", "--partition", "cpu", "--dry-run");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--config no-such.yaml: no such file"), r.err());
    }

    @Test
    void statusOfAFleetNeverSubmittedHereNamesTheMissingManifest(@TempDir Path out) {
        Cli r = Cli.run("fleet", "status", "123", "--out", out.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains(out.resolve("123").resolve("fleet.json") + " does not exist"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void aJobThatIsNotANumberIsAUsageError(@TempDir Path out) {
        Cli r = Cli.run("fleet", "collect", "../etc", "--out", out.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("JOB must be the fleet's job id"), r.err());
    }
}
