package dev.mlbench.tracks.checkpointing;

import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.MeasureMode;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Tolerance;
import dev.mlbench.core.spi.Track;
import dev.mlbench.core.spi.Work;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Checkpointing a training state (transformer weights plus Adam moments) as safetensors, with per-tensor
 * CRC32C, crash-safe publication and a sharded index: save strategies (stall and end-to-end time), loads and
 * resharding loads. A checkpoint passes when it loads back bitwise identical with every checksum verified.
 */
public final class CheckpointTrack implements Track<CheckpointWorkload, CheckpointInputs, CheckpointOutput, StateGenerator> {

    /** The track's name. */
    public static final String NAME = "checkpointing";
    /** System property naming the folder checkpoints go to when a workload sets no {@code dir}. */
    public static final String DIR_PROPERTY = "bench.checkpoint.dir";
    /** Environment variable used when neither the workload nor the system property names a folder. */
    public static final String DIR_ENV = "BENCH_CHECKPOINT_DIR";
    /** Largest state accepted: 64 GiB. */
    public static final int MAX_STATE_MIB = 64 << 10;
    /** Most ranks accepted. */
    public static final int MAX_RANKS = 256;
    /** Checkpoints must be bitwise identical; tolerances do not apply. */
    public static final Tolerance EXACT = new Tolerance(0, 0);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "training-state checkpoints as safetensors: save stall and time, load and resharding load, crash-safe";
    }

    @Override
    public List<ParamSpec> workloadParams() {
        return List.of(
                ParamSpec.requiredInt("state_mib", 1, MAX_STATE_MIB, "training state size in MiB (weights plus Adam moments)"),
                new ParamSpec("dtype", ParamSpec.Type.STRING, 0, 0, "fp32", "weights dtype: fp32 or bf16 (moments are always fp32)"),
                new ParamSpec("op", ParamSpec.Type.STRING, 0, 0, "save", "the timed operation: save, load or reshard-load"),
                ParamSpec.optionalInt("ranks", 1, MAX_RANKS, 1, "ranks writing the checkpoint, one file each"),
                ParamSpec.optionalInt("load_ranks", 0, MAX_RANKS, 0, "ranks a reshard-load loads into (0: same as ranks)"),
                new ParamSpec("dir", ParamSpec.Type.STRING, 0, 0, "",
                        "folder for checkpoints (empty: -D" + DIR_PROPERTY + ", $" + DIR_ENV + ", else java.io.tmpdir)"));
    }

    @Override
    public CheckpointWorkload workload(ParamValues values) {
        Dtype weights = switch (values.getString("dtype").toLowerCase(Locale.ROOT)) {
            case "fp32", "f32" -> Dtype.F32;
            case "bf16" -> Dtype.BF16;
            default -> throw new IllegalArgumentException("dtype must be fp32 or bf16, got '" + values.getString("dtype") + "'");
        };
        CheckpointOp op = CheckpointOp.parse(values.getString("op"));
        int ranks = values.getInt("ranks");
        int loadRanks = values.getInt("load_ranks");
        if (loadRanks != 0 && op != CheckpointOp.RESHARD_LOAD) {
            throw new IllegalArgumentException("load_ranks applies to op reshard-load only");
        }
        return new CheckpointWorkload(values.getInt("state_mib"), weights, op, ranks, loadRanks == 0 ? ranks : loadRanks,
                values.getString("dir"));
    }

    @Override
    public String label(CheckpointWorkload w) {
        String dtype = w.weights() == Dtype.BF16 ? "bf16" : "fp32";
        String ranks = w.op() == CheckpointOp.RESHARD_LOAD ? "r" + w.ranks() + "->" + w.loadRanks() : "r" + w.ranks();
        return w.op().label() + " " + w.stateMib() + "MiB " + dtype + " " + ranks;
    }

    @Override
    public Tolerance defaultTolerance() {
        return EXACT;
    }

    @Override
    public CheckpointInputs inputs(CheckpointWorkload w, long seed) {
        return new CheckpointInputs(new StateGenerator(w.layout(), seed), targetDirectory(w.dir()));
    }

    /**
     * The folder checkpoints go to: the workload's {@code dir}, else the {@value #DIR_PROPERTY} system property,
     * else the {@value #DIR_ENV} environment variable, else {@code bench-checkpoints} under java.io.tmpdir.
     */
    public static Path targetDirectory(String dir) {
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        String property = System.getProperty(DIR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv(DIR_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "bench-checkpoints");
    }

    /** The generator itself: any tensor's exact bytes are regenerated on demand, so nothing is precomputed. */
    @Override
    public StateGenerator reference(CheckpointWorkload w, CheckpointInputs in) {
        return in.generator();
    }

    /**
     * A saved checkpoint is read back through the index, every CRC32C verified and every byte compared with
     * the generated state; a loaded state must have the workload's load ranks and match byte for byte.
     */
    @Override
    public Correctness check(CheckpointWorkload w, CheckpointOutput out, StateGenerator ref, Tolerance tolerance) {
        try {
            switch (out) {
                case CheckpointOutput.Saved saved -> {
                    try {
                        CheckpointLoader.verify(saved.store(), ref);
                    } finally {
                        saved.cleanup().run();
                    }
                }
                case CheckpointOutput.Loaded loaded -> {
                    String problem = compare(loaded.state(), ref, w.loadRanks());
                    if (problem != null) {
                        return failed(problem, tolerance);
                    }
                }
            }
        } catch (IOException e) {
            return failed(e.getMessage(), tolerance);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted while verifying", tolerance);
        }
        return new Correctness(0, 0, tolerance, true, "");
    }

    /** The first difference between {@code state} and the generated one, or null when bitwise identical. */
    public static String compare(StateBuffers state, StateGenerator ref, int ranks) {
        if (state.ranks() != ranks || !state.layout().equals(ref.layout())) {
            return "loaded into " + state.ranks() + " ranks, expected " + ranks + " (or a different layout)";
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment scratch = StateGenerator.scratch(arena);
            for (int r = 0; r < state.ranks(); r++) {
                for (int t = 0; t < state.layout().size(); t++) {
                    MemorySegment f = state.fragment(r, t);
                    long first = state.firstElement(r, t);
                    long bad = ref.firstMismatch(f, t, first, f.byteSize() / ref.layout().tensor(t).dtype().size(), scratch);
                    if (bad >= 0) {
                        return "tensor '" + ref.layout().tensor(t).name() + "' on rank " + r + " differs at element " + (first + bad);
                    }
                }
            }
        }
        return null;
    }

    private static Correctness failed(String detail, Tolerance tolerance) {
        return new Correctness(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, tolerance, false, detail);
    }

    /**
     * The state's bytes, written once by a save or read once by a load (headers and index are negligible): a save
     * against the calibrated fsync'ed disk write bandwidth, a load against the calibrated read bandwidth of an
     * evicted file (loads evict the checkpoint's pages first). No arithmetic is counted.
     */
    @Override
    public Work work(CheckpointWorkload w) {
        Work.Roof roof = w.op() == CheckpointOp.SAVE ? Work.Roof.DISK : Work.Roof.DISK_READ;
        return new Work(0, w.layout().totalBytes(), Work.OpUnit.FLOP, roof);
    }

    /** Each sample is one whole checkpoint or load: seconds long, and not repeatable within an iteration. */
    @Override
    public MeasureMode measureMode() {
        return MeasureMode.SINGLE_SHOT;
    }

    /**
     * Memory of a trial at its peak, native memory included: the live state plus a staging copy for saves,
     * or the state written in preparation plus the loaded copy for loads; plus the check's buffers.
     */
    @Override
    public long footprintBytes(CheckpointWorkload w) {
        return 2 * w.layout().totalBytes() + (32L << 20);
    }
}
