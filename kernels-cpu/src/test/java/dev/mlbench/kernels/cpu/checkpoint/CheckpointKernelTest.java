package dev.mlbench.kernels.cpu.checkpoint;

import dev.mlbench.core.spi.Backend;
import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.Kernel;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.tracks.checkpointing.CheckpointInputs;
import dev.mlbench.tracks.checkpointing.CheckpointKernel;
import dev.mlbench.tracks.checkpointing.CheckpointLoader;
import dev.mlbench.tracks.checkpointing.CheckpointOutput;
import dev.mlbench.tracks.checkpointing.CheckpointTrack;
import dev.mlbench.tracks.checkpointing.CheckpointWorkload;
import dev.mlbench.tracks.checkpointing.KernelFolder;
import dev.mlbench.tracks.checkpointing.StateBuffers;
import dev.mlbench.tracks.checkpointing.StateGenerator;
import dev.mlbench.tracks.checkpointing.TrainingStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every checkpoint kernel saves or loads small, awkward states bitwise, reports its stall, and leaves no files behind. */
class CheckpointKernelTest {

    private static final CheckpointTrack TRACK = new CheckpointTrack();
    /** Kernels whose save lets the simulated next step change the live state. */
    private static final List<String> OVERLAPPING = List.of("async-snapshot", "lazy-async");

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void shutDown() {
        pool.shutdownNow();
    }

    static List<CheckpointKernel> kernels() {
        List<CheckpointKernel> kernels = new ArrayList<>();
        for (Kernel<?, ?, ?> k : ServiceLoader.load(Kernel.class)) {
            if (k instanceof CheckpointKernel c) {
                kernels.add(c);
            }
        }
        return kernels;
    }

    static Stream<Arguments> saves() {
        List<Map<String, Object>> workloads = List.of(
                Map.of("state_mib", 1L, "dtype", "fp32", "ranks", 1L),
                Map.of("state_mib", 2L, "dtype", "bf16", "ranks", 3L),
                Map.of("state_mib", 1L, "dtype", "fp32", "ranks", 4L));
        return kernels().stream().flatMap(k -> workloads.stream().map(w -> Arguments.of(k.name(), k, w)));
    }

    static Stream<Arguments> loads() {
        List<Map<String, Object>> workloads = List.of(
                Map.of("state_mib", 1L, "op", "load", "ranks", 4L),
                Map.of("state_mib", 1L, "op", "load", "ranks", 1L, "dtype", "bf16"),
                Map.of("state_mib", 2L, "op", "reshard-load", "ranks", 4L, "load_ranks", 2L),
                Map.of("state_mib", 2L, "op", "reshard-load", "ranks", 4L, "load_ranks", 3L),
                Map.of("state_mib", 1L, "op", "reshard-load", "ranks", 3L, "load_ranks", 5L));
        return kernels().stream().filter(k -> !OVERLAPPING.contains(k.name()))
                .flatMap(k -> workloads.stream().map(w -> Arguments.of(k.name(), k, w)));
    }

    @Test
    void theFourStrategiesAreRegisteredOnAnAvailableBackend() {
        assertEquals(List.of("sync", "async-snapshot", "lazy-async", "sharded"), kernels().stream().map(Kernel::name).toList());
        Backend nio = ServiceLoader.load(Backend.class).stream().map(ServiceLoader.Provider::get)
                .filter(b -> b.name().equals("java-nio")).findFirst().orElseThrow();
        assertTrue(nio.probe().available());
        kernels().forEach(k -> assertEquals("java-nio", k.backend()));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("saves")
    void savesABitwiseIdenticalCheckpointAndReportsItsStall(String name, CheckpointKernel kernel, Map<String, Object> values) throws Exception {
        CheckpointWorkload w = workload(values, "save");
        CheckpointInputs in = TRACK.inputs(w, 42);
        try (Prepared<CheckpointOutput> p = kernel.prepare(w, in, config())) {
            p.iterationCounters();
            p.run();
            Map<String, Double> counters = p.iterationCounters();
            assertTrue(counters.get("stall_ns") > 0 && counters.get("save_ns") > 0, counters.toString());
            if (OVERLAPPING.contains(name)) {
                assertTrue(counters.get("save_ns") >= counters.get("stall_ns"), "the loop resumes before the save ends: " + counters);
            }
            Correctness c = TRACK.check(w, p.output(), TRACK.reference(w, in), TRACK.defaultTolerance());
            assertTrue(c.passed(), c.detail());

            // later checkpoints hold the state as the overlapping steps left it, bitwise
            p.run();
            p.run();
            int steps = OVERLAPPING.contains(name) ? 2 : 0;
            assertLatestCheckpointIs(expectedAfterSteps(in.generator(), steps), (CheckpointOutput.Saved) p.output());
            assertTrue(p.iterationCounters().containsKey("stall_ns"));
        }
        assertNoFilesLeft();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("loads")
    void loadsAndReshardsBitwiseIdentical(String name, CheckpointKernel kernel, Map<String, Object> values) throws Exception {
        CheckpointWorkload w = workload(values, (String) values.get("op"));
        CheckpointInputs in = TRACK.inputs(w, 9);
        try (Prepared<CheckpointOutput> p = kernel.prepare(w, in, config())) {
            for (int i = 0; i < 2; i++) {
                p.run();
                Correctness c = TRACK.check(w, p.output(), TRACK.reference(w, in), TRACK.defaultTolerance());
                assertTrue(c.passed(), c.detail());
                assertEquals(w.loadRanks(), ((CheckpointOutput.Loaded) p.output()).state().ranks());
            }
            assertTrue(p.metrics().containsKey("page_cache_evicted"));
            assertTrue(p.iterationCounters().get("load_ns") > 0);
        }
        assertNoFilesLeft();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlapping")
    void asynchronousStrategiesRefuseLoadsClearly(CheckpointKernel kernel) throws Exception {
        CheckpointWorkload w = workload(Map.of("state_mib", 1L, "ranks", 2L), "load");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> kernel.prepare(w, TRACK.inputs(w, 1), config()).close());
        assertTrue(e.getMessage().contains("only saves"), e.getMessage());
        assertNoFilesLeft();
    }

    static Stream<CheckpointKernel> overlapping() {
        return kernels().stream().filter(k -> OVERLAPPING.contains(k.name()));
    }

    /** The check can fail: a checkpoint of a state with one changed element is rejected, naming the tensor. */
    @Test
    void theCheckRejectsACheckpointOfADifferentState() throws Exception {
        CheckpointWorkload w = workload(Map.of("state_mib", 1L, "ranks", 2L), "save");
        CheckpointInputs in = TRACK.inputs(w, 42);
        CheckpointInputs other = new CheckpointInputs(new StateGenerator(in.generator().layout(), 43), in.directory());
        try (Prepared<CheckpointOutput> p = new SyncCheckpointKernel().prepare(w, other, config())) {
            p.run();
            Correctness c = TRACK.check(w, p.output(), TRACK.reference(w, in), TRACK.defaultTolerance());
            assertFalse(c.passed());
            assertTrue(c.detail().contains("differs from the saved state"), c.detail());
        }
    }

    /**
     * A run killed mid-save leaves its files in the kernel's stable folder; the next prepare removes them, says so,
     * and saves a good checkpoint there.
     */
    @Test
    void prepareRemovesTheLeftoversOfACrashedRunAndAFreshSaveWorks() throws Exception {
        CheckpointWorkload w = workload(Map.of("state_mib", 1L, "ranks", 2L), "save");
        CheckpointInputs in = TRACK.inputs(w, 42);
        Path folder = dir.resolve("sync");
        Path stale = folder.resolve("ckpt-000007").resolve(".rank-00000-of-00002.safetensors.tmp");
        Files.createDirectories(stale.getParent());
        Files.write(stale, new byte[1234]);
        Files.write(folder.resolve(".LATEST.tmp"), new byte[6]);
        try (Prepared<CheckpointOutput> p = new SyncCheckpointKernel().prepare(w, in, config())) {
            assertFalse(Files.exists(stale.getParent()), "the crashed save's folder is gone");
            assertFalse(Files.exists(folder.resolve(".LATEST.tmp")));
            assertEquals(1240.0, p.metrics().get("stale_bytes_removed"), p.metrics().toString());
            p.run();
            assertTrue(Files.isRegularFile(folder.resolve("LATEST")), "the save went to the kernel's own folder");
            Correctness c = TRACK.check(w, p.output(), TRACK.reference(w, in), TRACK.defaultTolerance());
            assertTrue(c.passed(), c.detail());
        }
        assertNoFilesLeft();
    }

    @Test
    void claimingAFolderSaysWhatItRemovedAndRefusesAFolderInUse() throws Exception {
        Path folder = dir.resolve("sharded");
        Files.createDirectories(folder);
        Files.write(folder.resolve(".LATEST.tmp"), new byte[10]);
        var log = new java.io.ByteArrayOutputStream();
        try (KernelFolder claimed = KernelFolder.claim(dir, "sharded", new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8))) {
            assertEquals("checkpoint: removed 1 file(s), 10 bytes, left in " + folder + " by an earlier run that did not finish\n",
                    log.toString(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(folder, claimed.path());
            java.io.IOException e = assertThrows(java.io.IOException.class, () -> KernelFolder.claim(dir, "sharded"));
            assertTrue(e.getMessage().startsWith(folder + " is in use by another run of kernel sharded"), e.getMessage());
        }
        try (KernelFolder again = KernelFolder.claim(dir, "sharded")) {
            assertEquals(0, again.staleFilesRemoved(), "an empty folder has nothing to remove");
        }
    }

    /** A prepared kernel that never ran has published nothing, and the check says so. */
    @Test
    void theCheckRejectsAMissingCheckpoint() throws Exception {
        CheckpointWorkload w = workload(Map.of("state_mib", 1L), "save");
        CheckpointInputs in = TRACK.inputs(w, 42);
        try (Prepared<CheckpointOutput> p = new LazyAsyncCheckpointKernel().prepare(w, in, config())) {
            Correctness c = TRACK.check(w, p.output(), TRACK.reference(w, in), TRACK.defaultTolerance());
            assertFalse(c.passed());
            assertTrue(c.detail().contains("no checkpoint has been published"), c.detail());
        }
        assertNoFilesLeft();
    }

    private CheckpointWorkload workload(Map<String, Object> values, String op) {
        Map<String, Object> all = new LinkedHashMap<>(Map.of("dtype", "fp32", "ranks", 1L, "load_ranks", 0L));
        all.putAll(values);
        all.put("op", op);
        all.put("dir", dir.toString());
        return TRACK.workload(new ParamValues(all));
    }

    /** Defaults, with a 1 ms simulated forward/backward pass to keep the tests short. */
    private KernelConfig config() {
        return new KernelConfig(new ParamValues(Map.of("step_ms", 1L)), 2, pool);
    }

    private static StateBuffers expectedAfterSteps(StateGenerator generator, int steps) throws Exception {
        StateBuffers s = StateBuffers.generate(generator, Arena.ofAuto(), null);
        for (int i = 0; i < steps; i++) {
            TrainingStep.run(s, null, 0);
        }
        return s;
    }

    private static void assertLatestCheckpointIs(StateBuffers expected, CheckpointOutput.Saved saved) throws Exception {
        StateBuffers loaded = StateBuffers.allocate(expected.layout(), 1, Arena.ofAuto());
        CheckpointLoader.load(saved.store(), loaded, null);
        for (int t = 0; t < expected.layout().size(); t++) {
            MemorySegment a = expected.fragment(0, t);
            assertEquals(-1, a.mismatch(loaded.fragment(0, t)), "tensor " + expected.layout().tensor(t).name());
        }
        saved.cleanup().run();
    }

    private void assertNoFilesLeft() throws Exception {
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "a kernel's close removes its checkpoint folder");
        }
    }
}
