package dev.mlbench.core.fleet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sbatch scripts a fleet submits and how a task's state is read back without Slurm accounting. */
class FleetPlumbingTest {

    private static final List<String> LAUNCHER = List.of("/opt/jdk/bin/java", "-cp", "/shared/bench it.jar", "dev.mlbench.cli.BenchCli");
    private static final FleetManifest.ArrayJob ARRAY = new FleetManifest.ArrayJob("41", "cpu", null, 2);

    @Test
    void anArrayTaskRunsTheHarnessExclusivelyIntoItsOwnFolder() {
        String s = SbatchScripts.array(new SbatchScripts.ArraySpec("cpu", null, 4, "30", List.of("--constraint=avx512")), "/shared/r",
                LAUNCHER, List.of("--track", "gemm", "--profile", "quick"));
        assertTrue(s.startsWith("#!/bin/bash\n"), s);
        for (String line : List.of("#SBATCH --partition=cpu", "#SBATCH --array=0-3", "#SBATCH --exclusive", "#SBATCH --time=30",
                "#SBATCH --constraint=avx512", "#SBATCH --output=/shared/r/slurm-%A_%a.out",
                "task_dir=/shared/r/\"$SLURM_ARRAY_JOB_ID\"/\"$SLURM_ARRAY_TASK_ID\"",
                "/opt/jdk/bin/java -cp '/shared/bench it.jar' dev.mlbench.cli.BenchCli run --track gemm --profile quick --out \"$task_dir\"")) {
            assertTrue(s.lines().anyMatch(line::equals), "missing line " + line + " in\n" + s);
        }
        assertFalse(s.contains("--nodelist"), "an --array task may run on any node of the partition");
    }

    @Test
    void aTaskMarksHowItEndedEvenWhenCancelled() {
        String s = SbatchScripts.array(new SbatchScripts.ArraySpec("cpu", "cn07", 1, null, List.of()), "/r", LAUNCHER, List.of("--track", "gemm"));
        assertTrue(s.contains("mark running null"), s);
        assertTrue(s.contains("trap 'mark terminated 143; exit 143' TERM"), s);
        assertTrue(s.contains("if [ \"$rc\" -eq 0 ]; then mark done 0; else mark failed \"$rc\"; fi"), s);
        assertTrue(s.contains("#SBATCH --nodelist=cn07"), s);
        assertFalse(s.contains("--time"), "no --time: the partition's default limit applies");
    }

    @Test
    void theMergeJobWaitsForEveryArrayWhateverTheirOutcome() {
        String s = SbatchScripts.merge("cpu", List.of("41", "45"), "41", "/r", null, LAUNCHER);
        assertTrue(s.contains("#SBATCH --dependency=afterany:41:45\n"), s);
        assertTrue(s.contains("dev.mlbench.cli.BenchCli fleet collect 41 --out /r\n"), s);
    }

    @Test
    void wordsWithShellCharactersAreQuoted() {
        assertEquals("plain/path.jar", SbatchScripts.quote("plain/path.jar"));
        assertEquals("'a b'", SbatchScripts.quote("a b"));
        assertEquals("'it'\\''s'", SbatchScripts.quote("it's"));
        assertEquals("'$HOME'", SbatchScripts.quote("$HOME"));
    }

    @Test
    void squeueLinesOfArrayTasksAreParsedAndUnsplitArraysIgnored() {
        assertEquals(Optional.of(new Slurm.QueuedTask("41", 2, "RUNNING", "cn07")), Slurm.parseLine("41_2|RUNNING|cn07"));
        assertEquals(Optional.of(new Slurm.QueuedTask("41", 3, "PENDING", null)), Slurm.parseLine("41_3|PENDING|"));
        assertEquals(Optional.empty(), Slurm.parseLine("41_[0-3]|PENDING|"));
        assertEquals(Optional.empty(), Slurm.parseLine("44|PENDING|(Dependency)"));
    }

    @Test
    void slurmStatesMapToTaskStates() {
        assertEquals(TaskState.DONE, TaskState.fromSlurm("COMPLETED"));
        assertEquals(TaskState.CANCELLED, TaskState.fromSlurm("CANCELLED"));
        assertEquals(TaskState.TIMEOUT, TaskState.fromSlurm("TIMEOUT"));
        assertEquals(TaskState.FAILED, TaskState.fromSlurm("NODE_FAIL"));
        assertEquals(TaskState.RUNNING, TaskState.fromSlurm("COMPLETING"));
        assertNull(TaskState.fromSlurm("REQUEUED"), "a state that says nothing final leaves it to the marker");
    }

    @Test
    void slurmsWordCountsWhileItKnowsTheTask(@TempDir Path dir) throws Exception {
        marker(dir, "running", "null");
        TaskStatus s = Slurm.status(ARRAY, 0, dir, Optional.of(new Slurm.QueuedTask("41", 0, "CANCELLED", "cn07")));
        assertEquals(TaskState.CANCELLED, s.state());
        assertEquals("squeue", s.source());
        assertEquals("cn07", s.node());
        assertEquals("41_0", s.id());
    }

    @Test
    void onceSlurmHasForgottenTheTaskItsMarkerDecides(@TempDir Path dir) throws Exception {
        marker(dir, "failed", "3");
        TaskStatus s = Slurm.status(ARRAY, 1, dir, Optional.empty());
        assertEquals(TaskState.FAILED, s.state());
        assertEquals("marker", s.source());
        assertEquals(3, s.exitCode());
        assertEquals("cn07", s.node());
    }

    @Test
    void aTerminatedMarkerMeansCancelled(@TempDir Path dir) throws Exception {
        marker(dir, "terminated", "143");
        assertEquals(TaskState.CANCELLED, Slurm.status(ARRAY, 1, dir, Optional.empty()).state());
    }

    @Test
    void aTaskNeitherSlurmNorItsFolderKnowsIsMissing(@TempDir Path dir) {
        TaskStatus s = Slurm.status(ARRAY, 1, dir.resolve("never-started"), Optional.empty());
        assertEquals(TaskState.MISSING, s.state());
        assertEquals("none", s.source());
        assertNull(s.node());
    }

    @Test
    void aDamagedMarkerIsNotTrusted(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(TaskMarker.FILE_NAME), "{\"state\":\"do");
        assertTrue(TaskMarker.read(dir).isEmpty());
    }

    @Test
    void theManifestRoundTripsAndPlacesEveryTaskUnderItsArray(@TempDir Path out) throws Exception {
        FleetManifest m = new FleetManifest("41", out.toString(), "2026-12-06T12:00:00Z", List.of(ARRAY), null, List.of("--track", "gemm"));
        m.withMergeJob("43").write();
        FleetManifest back = FleetManifest.read(out, "41");
        assertEquals(m.withMergeJob("43"), back);
        assertEquals(out.resolve("41").resolve("1"), back.taskDir(ARRAY, 1));
    }

    private static void marker(Path dir, String state, String exit) throws Exception {
        Files.writeString(dir.resolve(TaskMarker.FILE_NAME), "{\"state\":\"" + state + "\",\"exit_code\":" + exit
                + ",\"node\":\"cn07\",\"job_id\":\"44\",\"array_job_id\":\"41\",\"array_task_id\":1,\"at\":\"2026-12-06T12:00:00Z\"}\n");
    }
}
