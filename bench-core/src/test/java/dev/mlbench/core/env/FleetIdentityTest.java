package dev.mlbench.core.env;

import dev.mlbench.core.calibrate.Calibrator;
import dev.mlbench.core.run.RunEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What keeps the results of a fleet apart: run ids, scheduler facts, calibration keys and the GPU list. */
class FleetIdentityTest {

    private static final Map<String, String> ARRAY_TASK = Map.of("SLURM_JOB_ID", "1043", "SLURM_ARRAY_JOB_ID", "1041",
            "SLURM_ARRAY_TASK_ID", "2", "SLURMD_NODENAME", "cn07", "SLURM_JOB_PARTITION", "gpu");

    @Test
    void aSlurmArrayTaskIsReadFromItsEnvironment() {
        Scheduler s = Scheduler.fromEnvironment(ARRAY_TASK);
        assertEquals(new Scheduler("slurm", "1043", "1041", 2, "cn07", "gpu"), s);
        assertEquals("j1041_2", s.idTag());
    }

    @Test
    void outsideAJobThereIsNoScheduler() {
        assertNull(Scheduler.fromEnvironment(Map.of("HOME", "/root")));
    }

    @Test
    void aPlainJobIsTaggedWithItsOwnId() {
        assertEquals("j77", Scheduler.fromEnvironment(Map.of("SLURM_JOB_ID", "77")).idTag());
    }

    @Test
    void runIdsNameTheHostAndTheArrayTaskAndNeverCollideWithinASecond() {
        Scheduler task = Scheduler.fromEnvironment(ARRAY_TASK);
        String id = RunEngine.newRunId(List.of("gemm"), "cn07.cluster", task);
        assertTrue(id.matches("\\d{8}-\\d{6}-gemm-cn07\\.cluster-j1041_2-[0-9a-f]{8}"), id);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(RunEngine.newRunId(List.of("gemm"), "cn07", task));
        }
        assertTrue(ids.size() >= 9_990, "10000 ids in about a second, at most a handful alike: " + ids.size());
    }

    @Test
    void runIdsKeepOnlyFileNameSafeCharactersOfTheHost() {
        assertTrue(RunEngine.newRunId(List.of("gemm"), "a b/c", null).contains("-a_b_c-"));
    }

    @Test
    void twoNodesOfOneTypeNeverShareACalibration() {
        Environment a = env("cn01");
        Environment b = env("cn02");
        assertNotEquals(Calibrator.hostKey(a, 8), Calibrator.hostKey(b, 8));
        assertEquals(Calibrator.hostKey(a, 8), Calibrator.hostKey(env("cn01"), 8));
    }

    @Test
    void everyDisplayAndAcceleratorDeviceOnThePciBusIsAGpu(@TempDir Path sys) throws Exception {
        device(sys, "0000:00:02.0", "0x030000", "0x8086", "0x46a6", "i915");
        device(sys, "0000:41:00.0", "0x030200", "0x10de", "0x2330", null);
        device(sys, "0000:c1:00.0", "0x120000", "0x1002", "0x74a1", "amdgpu");
        device(sys, "0000:00:1f.0", "0x060100", "0x8086", "0x7a06", "lpc_ich");
        List<Map<String, Object>> gpus = PciGpus.list(sys);
        assertEquals(List.of("Intel", "NVIDIA", "AMD"), gpus.stream().map(g -> g.get("vendor")).toList());
        assertEquals("i915", gpus.get(0).get("driver"));
        assertNull(gpus.get(1).get("driver"), "an NVIDIA GPU without a driver is still listed");
        assertEquals("pci", gpus.get(2).get("source"));
        assertEquals("0000:c1:00.0", gpus.get(2).get("pci_address"));
    }

    @Test
    void noPciBusMeansNoGpusRatherThanAnError(@TempDir Path sys) {
        assertTrue(PciGpus.list(sys.resolve("absent")).isEmpty());
    }

    private static Environment env(String host) {
        return new Environment("CPU", 8, 1L << 34, "Linux", "JDK 25", List.of(), 256, Map.of(), List.of(), Map.of(), host, null);
    }

    private static void device(Path sys, String address, String pciClass, String vendor, String device, String driver) throws Exception {
        Path d = Files.createDirectories(sys.resolve(address));
        Files.writeString(d.resolve("class"), pciClass + "\n");
        Files.writeString(d.resolve("vendor"), vendor + "\n");
        Files.writeString(d.resolve("device"), device + "\n");
        if (driver != null) {
            Path target = Files.createDirectories(sys.resolve("drivers").resolve(driver));
            Files.createSymbolicLink(d.resolve("driver"), target);
        }
    }
}
