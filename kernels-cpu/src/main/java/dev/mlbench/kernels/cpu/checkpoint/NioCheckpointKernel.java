package dev.mlbench.kernels.cpu.checkpoint;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.core.util.PageCache;
import dev.mlbench.kernels.cpu.JavaNioBackend;
import dev.mlbench.tracks.checkpointing.CheckpointInputs;
import dev.mlbench.tracks.checkpointing.CheckpointKernel;
import dev.mlbench.tracks.checkpointing.CheckpointLoader;
import dev.mlbench.tracks.checkpointing.CheckpointOp;
import dev.mlbench.tracks.checkpointing.CheckpointOutput;
import dev.mlbench.tracks.checkpointing.CheckpointStore;
import dev.mlbench.tracks.checkpointing.CheckpointWorkload;
import dev.mlbench.tracks.checkpointing.KernelFolder;
import dev.mlbench.tracks.checkpointing.StateBuffers;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared frame of the java-nio checkpoint kernels. {@code prepare} claims the kernel's own folder under
 * the workload's target folder, {@code <dir>/<kernel>/} ({@link KernelFolder}: leftovers of a run that died are
 * removed and reported), and materializes the state in native memory (saves), or writes the checkpoint
 * to load and allocates the ranks it is loaded into (loads). The timed operation is one save, durable and
 * published, or one load from a page cache emptied of the checkpoint's files. Iteration counters:
 * {@code stall_ns} (the training loop blocked), {@code save_ns} (start to publication) and
 * {@code step_wait_ns} (the overlapping step waiting for flushes).
 */
abstract class NioCheckpointKernel extends CheckpointKernel {

    @Override
    public final String backend() {
        return JavaNioBackend.NAME;
    }

    /** The strategy saving {@code state} for {@code w}; runs on threads it creates and closes. */
    abstract SaveStrategy saver(CheckpointWorkload w, CheckpointStore store, StateBuffers state, Arena arena, KernelConfig config);

    /** The tunable of the strategies that overlap the next training step with the save. */
    static final ParamSpec STEP_MS = ParamSpec.optionalInt("step_ms", 0, 600_000, 200,
            "forward/backward time of the simulated next step, which overlaps the background save");

    /** The simulated step's forward/backward time from {@link #STEP_MS}, in nanoseconds. */
    static long stepNanos(KernelConfig config) {
        return config.params().getLong(STEP_MS.name()) * 1_000_000;
    }

    /**
     * The pool loads read rank files on, one task per file; null reads them one after another on the calling
     * thread. Kernels that do not load throw {@link IllegalArgumentException}.
     */
    abstract ExecutorService loadPool(CheckpointWorkload w);

    @Override
    public Prepared<CheckpointOutput> prepare(CheckpointWorkload w, CheckpointInputs in, KernelConfig config) throws Exception {
        KernelFolder folder = KernelFolder.claim(in.directory(), name());
        Path root = folder.path();
        CheckpointStore store = new CheckpointStore(root);
        Arena arena = Arena.ofShared();
        ExecutorService readers = null;
        try {
            if (w.op() == CheckpointOp.SAVE) {
                StateBuffers state = StateBuffers.generate(in.generator(), arena, config.pool());
                return new SavePrepared(store, folder, saver(w, store, state, arena, config), arena);
            }
            readers = loadPool(w);
            try (Arena written = Arena.ofShared()) {
                store.save(StateBuffers.generate(in.generator(), written, config.pool()), w.ranks(), null, null);
            }
            StateBuffers target = StateBuffers.allocate(in.generator().layout(), w.loadRanks(), Arena.ofAuto());
            return new LoadPrepared(store, folder, target, readers, arena);
        } catch (Exception | Error e) {
            if (readers != null) {
                readers.shutdownNow();
            }
            arena.close();
            CheckpointStore.deleteQuietly(root);
            folder.close();
            throw e;
        }
    }

    /**
     * A save the training loop waits for throughout: rank files written on {@code writers} (one task each) or,
     * when null, in turn on the loop's own thread. The pool is shut down on close.
     */
    static SaveStrategy blocking(CheckpointWorkload w, CheckpointStore store, StateBuffers state, ExecutorService writers) {
        return new SaveStrategy() {
            private long published;

            @Override
            public void begin() throws Exception {
                store.save(state, w.ranks(), writers, null);
                published = System.nanoTime();
            }

            @Override
            public long finish() {
                return published;
            }

            @Override
            public void close() {
                if (writers != null) {
                    writers.shutdownNow();
                }
            }
        };
    }

    /** A pool of {@code threads} daemon I/O threads. */
    static ExecutorService ioPool(int threads, String name) {
        AtomicInteger next = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "checkpoint-" + name + "-" + next.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** What the training loop does while a background save runs. */
    interface Step {
        void run() throws Exception;
    }

    /**
     * Runs {@code step}, then waits for the background {@code save} in any case (a checkpoint must be
     * published or failed before the next starts) and returns its publication time. A failed save is thrown,
     * with a failed step suppressed into it.
     */
    static long overlap(Step step, Future<Long> save) throws Exception {
        Exception stepFailure = null;
        try {
            step.run();
        } catch (Exception e) {
            stepFailure = e;
        }
        try {
            long published = save.get();
            if (stepFailure != null) {
                throw stepFailure;
            }
            return published;
        } catch (ExecutionException e) {
            Exception cause = e.getCause() instanceof Exception x ? x : e;
            if (stepFailure != null) {
                cause.addSuppressed(stepFailure);
            }
            throw cause;
        }
    }

    /** Per-operation means of the counters since the previous read. */
    private abstract static class Counted implements Prepared<CheckpointOutput> {
        private final Map<String, Double> sums = new LinkedHashMap<>();
        private int operations;
        final CheckpointStore store;
        final KernelFolder folder;
        final Arena arena;

        Counted(CheckpointStore store, KernelFolder folder, Arena arena) {
            this.store = store;
            this.folder = folder;
            this.arena = arena;
        }

        /** What claiming the folder removed of earlier runs, when it removed anything. */
        @Override
        public Map<String, Double> metrics() {
            return folder.staleBytesRemoved() == 0 ? Map.of()
                    : Map.of("stale_bytes_removed", (double) folder.staleBytesRemoved());
        }

        /** Releases the folder's lock; its files are removed by the kernel's close or the check. */
        void releaseFolder() {
            try {
                folder.close();
            } catch (java.io.IOException e) {
                // the operating system releases the lock when the process ends
            }
        }

        void count(String name, double value) {
            sums.merge(name, value, Double::sum);
        }

        void operationDone() {
            operations++;
        }

        /** Per-operation means of {@code stall_ns} and the others since the last call; then reset. */
        @Override
        public Map<String, Double> iterationCounters() {
            Map<String, Double> means = new LinkedHashMap<>();
            if (operations > 0) {
                sums.forEach((k, v) -> means.put(k, v / operations));
            }
            sums.clear();
            operations = 0;
            return means;
        }
    }

    private static final class SavePrepared extends Counted {
        private final SaveStrategy strategy;
        private boolean handedOver;

        SavePrepared(CheckpointStore store, KernelFolder folder, SaveStrategy strategy, Arena arena) {
            super(store, folder, arena);
            this.strategy = strategy;
        }

        @Override
        public void run() throws Exception {
            long t0 = System.nanoTime();
            strategy.begin();
            long resumed = System.nanoTime();
            long published = strategy.finish();
            count("stall_ns", resumed - t0);
            count("save_ns", published - t0);
            count("step_wait_ns", strategy.stepWaitNanos());
            operationDone();
        }

        /** The latest checkpoint; from now on the check removes it, not {@link #close()}. */
        @Override
        public CheckpointOutput output() {
            handedOver = true;
            return new CheckpointOutput.Saved(store, () -> CheckpointStore.deleteQuietly(store.root()));
        }

        @Override
        public void close() {
            try {
                strategy.close();
            } finally {
                arena.close();
                if (!handedOver) {
                    CheckpointStore.deleteQuietly(store.root());
                }
                releaseFolder();
            }
        }
    }

    private static final class LoadPrepared extends Counted {
        private final StateBuffers target;
        private final ExecutorService readers;
        private boolean evicted = true;

        LoadPrepared(CheckpointStore store, KernelFolder folder, StateBuffers target, ExecutorService readers, Arena arena) {
            super(store, folder, arena);
            this.target = target;
            this.readers = readers;
        }

        @Override
        public void run() throws Exception {
            // Dropping the files' cached pages first makes this a disk read; it takes milliseconds.
            evicted &= PageCache.evict(store.latest().orElseThrow());
            long t0 = System.nanoTime();
            CheckpointLoader.load(store, target, readers);
            long ns = System.nanoTime() - t0;
            count("stall_ns", ns);
            count("load_ns", ns);
            operationDone();
        }

        @Override
        public CheckpointOutput output() {
            return new CheckpointOutput.Loaded(target);
        }

        /** Whether every load read from a page cache emptied of the checkpoint (1) or not (0). */
        @Override
        public Map<String, Double> metrics() {
            Map<String, Double> metrics = new LinkedHashMap<>(super.metrics());
            metrics.put("page_cache_evicted", evicted ? 1.0 : 0.0);
            return metrics;
        }

        @Override
        public void close() {
            try {
                if (readers != null) {
                    readers.shutdownNow();
                }
            } finally {
                arena.close();
                CheckpointStore.deleteQuietly(store.root());
                releaseFolder();
            }
        }
    }
}
