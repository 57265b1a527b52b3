package dev.mlbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlbench.core.fleet.FleetManifest;
import dev.mlbench.core.fleet.Slurm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Fleet runs against a real Slurm cluster (CI starts a single-node one with .ci/start-slurm): an array of two
 * tasks merged into one leaderboard, and a cancelled task that the merge reports while keeping the other.
 * Skipped, with the reason, where sbatch is not installed or no slurmctld answers.
 */
class FleetSlurmTest {

    private static final Duration FLEET_LIMIT = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String partition;

    /** Null where a cluster answers, else why the tests cannot run; asked once for the class. */
    private static String unavailable;

    @BeforeAll
    static void lookForACluster() throws Exception {
        if (!Slurm.installed()) {
            unavailable = "sbatch is not on the PATH: install Debian's slurm-wlm and munge and start a cluster with .ci/start-slurm";
            return;
        }
        Run sinfo = exec("sinfo", "-h", "-o", "%P|%T");
        if (sinfo.code != 0) {
            unavailable = "no slurmctld answers (sinfo exit " + sinfo.code + ": " + sinfo.out.strip() + "); start one with .ci/start-slurm";
            return;
        }
        String line = sinfo.out.lines().filter(l -> l.contains("|idle") || l.contains("|mixed") || l.contains("|allocated")).findFirst().orElse(null);
        if (line == null) {
            unavailable = "no usable Slurm node (sinfo: " + sinfo.out.strip() + "); start one with .ci/start-slurm";
            return;
        }
        partition = line.substring(0, line.indexOf('|')).replace("*", "");
    }

    @BeforeEach
    void needsARunningCluster() {
        // each test shows as skipped with the reason, rather than the class vanishing from the report
        assumeTrue(unavailable == null, unavailable);
    }

    @Test
    void anArrayOfTwoTasksMergesIntoOneLeaderboardWithBothRuns(@TempDir Path out) throws Exception {
        FleetManifest fleet = submit(out);
        assertEquals("COMPLETED", awaitMerge(fleet), "collect exits 0 when every task is done:\n" + mergeLog(fleet));

        List<Path> files = new ArrayList<>();
        Set<String> runIds = new HashSet<>();
        for (int task = 0; task < 2; task++) {
            List<Path> inTask = FleetCommand.resultsFiles(out.resolve(fleet.fleetId()).resolve(Integer.toString(task)));
            assertEquals(1, inTask.size(), "task " + task + " wrote one results file: " + inTask);
            JsonNode run = SchemaCheck.assertValid(inTask.get(0));
            assertEquals("complete", run.get("state").asText());
            JsonNode scheduler = run.get("environment").get("scheduler");
            assertEquals("slurm", scheduler.get("name").asText());
            assertEquals(fleet.fleetId(), scheduler.get("array_job_id").asText());
            assertEquals(task, scheduler.get("array_task_id").asInt());
            assertEquals(partition, scheduler.get("partition").asText());
            assertTrue(scheduler.hasNonNull("node") && scheduler.hasNonNull("job_id"), scheduler.toString());
            String runId = run.get("run_id").asText();
            assertTrue(runId.contains("-j" + fleet.fleetId() + "_" + task + "-"), "the run id names its array task: " + runId);
            runIds.add(runId);
            files.add(inTask.get(0));
        }
        assertEquals(2, runIds.size(), "distinct run ids");

        JsonNode board = JSON.readTree(out.resolve(fleet.fleetId()).resolve("leaderboard.json").toFile());
        Set<String> sources = new HashSet<>();
        board.get("sources").forEach(s -> sources.add(s.get("run_id").asText()));
        assertEquals(runIds, sources, "both tasks are in the merged leaderboard");
        Set<String> ranked = new HashSet<>();
        board.get("boards").forEach(b -> b.get("entries").forEach(e -> e.get("run_ids").forEach(id -> ranked.add(id.asText()))));
        assertEquals(runIds, ranked, "both tasks' rows are ranked");
        assertTrue(Files.size(out.resolve(fleet.fleetId()).resolve("report.html")) > 0);

        Cli status = Cli.run("fleet", "status", fleet.fleetId(), "--out", out.toString());
        assertEquals(0, status.exitCode(), status.toString());
        assertEquals(2, status.out().lines().filter(l -> l.matches(fleet.fleetId() + "_[01] .* done .*")).count(), status.out());
    }

    @Test
    void aCancelledTaskIsReportedAndTheOtherIsStillMerged(@TempDir Path out) throws Exception {
        FleetManifest fleet = submit(out);
        Path first = out.resolve(fleet.fleetId()).resolve("0");
        long deadline = System.nanoTime() + FLEET_LIMIT.toNanos();
        while (FleetCommand.resultsFiles(first).isEmpty()) {
            if (System.nanoTime() > deadline) {
                fail("task 0 never started its run:\n" + exec("squeue", "-t", "all").out);
            }
            Thread.sleep(100);
        }
        Run cancel = exec("scancel", fleet.fleetId() + "_0");
        assertEquals(0, cancel.code, cancel.out);

        assertEquals("FAILED", awaitMerge(fleet), "the merge job runs after a cancelled task and exits 1:\n" + mergeLog(fleet));
        assertTrue(mergeLog(fleet).contains("task " + fleet.fleetId() + "_0 cancelled"), mergeLog(fleet));

        JsonNode partial = SchemaCheck.assertValid(FleetCommand.resultsFiles(first).get(0));
        assertEquals("interrupted", partial.get("state").asText(), "the cancelled run's file is valid and marked");
        JsonNode board = JSON.readTree(out.resolve(fleet.fleetId()).resolve("leaderboard.json").toFile());
        List<String> complete = new ArrayList<>();
        board.get("sources").forEach(s -> {
            if (s.get("state").asText().equals("complete")) {
                complete.add(s.get("run_id").asText());
            }
        });
        assertEquals(1, complete.size(), board.get("sources").toString());
        assertTrue(complete.get(0).contains("-j" + fleet.fleetId() + "_1-"), "task 1's run is merged: " + complete);

        Cli collect = Cli.run("fleet", "collect", fleet.fleetId(), "--out", out.toString());
        assertEquals(1, collect.exitCode(), collect.toString());
        assertTrue(collect.out().contains("1 of 2 task(s) done"), collect.out());
    }

    private static FleetManifest submit(Path out) throws IOException {
        Cli r = Cli.run("fleet", "submit", "--config", Cli.def("fleet-tiny.yaml"), "--partition", partition, "--array", "2",
                "--no-calibration", "--time", "10", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        Matcher m = Pattern.compile("Fleet (\\d+) submitted").matcher(r.out());
        assertTrue(m.find(), r.out());
        FleetManifest fleet = FleetManifest.read(out.toAbsolutePath().normalize(), m.group(1));
        assertNotNull(fleet.mergeJobId(), "a merge job was submitted");
        return fleet;
    }

    /** Waits for the merge job to end and returns its Slurm state. */
    private static String awaitMerge(FleetManifest fleet) throws Exception {
        long deadline = System.nanoTime() + FLEET_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            String state = exec("squeue", "-h", "-t", "all", "-j", fleet.mergeJobId(), "-o", "%T").out.strip();
            if (!state.isEmpty() && !List.of("PENDING", "RUNNING", "COMPLETING", "CONFIGURING").contains(state)) {
                return state;
            }
            Thread.sleep(500);
        }
        exec("scancel", fleet.fleetId(), fleet.mergeJobId());
        fail("the fleet did not finish in " + FLEET_LIMIT + ":\n" + exec("squeue", "-t", "all").out);
        return null;
    }

    private static String mergeLog(FleetManifest fleet) throws IOException {
        Path log = fleet.dir().resolve("merge.out");
        return Files.isRegularFile(log) ? Files.readString(log) : "(no merge.out)";
    }

    private record Run(int code, String out) {
    }

    private static Run exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new Run(p.exitValue(), out);
    }
}
