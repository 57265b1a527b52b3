package dev.mlbench.kernels.cpu.gemm;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.VectorBackend;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmWorkload;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SGEMM in the Vector API at the machine's limit: cache-blocked on packed panels with a register tile sized
 * for the preferred species ({@link PackedSgemm}), and a streaming path that reads B once for flat shapes of
 * at most {@value StreamingGemm#MAX_ROWS} rows ({@link StreamingGemm}). Every layout, α and β; threads from
 * the run's pool, as many of them as get {@value #DEFAULT_MIN_FLOP_PER_THREAD} FLOPs each (a tunable). The tile and block
 * sizes are tunables a definition can sweep.
 */
public final class VectorGemmKernel extends GemmKernel {

    /** Tunable: the register tile, {@code auto} or rows×vectors such as {@code 6x2}. */
    static final String TILE = "tile";
    /** Tunable: reduction block (rows of packed B). */
    static final String KC = "kc";
    /** Tunable: row block (rows of packed A). */
    static final String MC = "mc";
    /** Tunable: column block (columns of packed B). */
    static final String NC = "nc";
    /** Tunable: rows of B per pass of the streaming path. */
    static final String STREAM_KC = "stream_kc";
    /** Tunable: the most rows of C that take the streaming path. */
    static final String STREAM_ROWS = "stream_rows";
    /** Tunable: the least work, in FLOPs, that a second (third...) thread must get to be woken for a call. */
    static final String MIN_FLOP_PER_THREAD = "min_flop_per_thread";
    /**
     * The default of {@link #MIN_FLOP_PER_THREAD}. Handing a call's parts to the pool and meeting at the barrier of each
     * k block parks and wakes threads; on the 2-core VMs measured this cost 70–280 µs a call, so that a 7 MFLOP GEMM
     * (35×189×528) took 146 µs on 2 threads against 105 µs on 1, and 22 MFLOP (433×24×1068) was the first shape
     * measured to gain from the second thread (docs/performance.md). OpenBLAS runs small GEMMs on one thread for the
     * same reason. A definition can sweep it to find another machine's crossover.
     */
    static final int DEFAULT_MIN_FLOP_PER_THREAD = 10_000_000;
    /** The tile chosen for the species. */
    static final String AUTO = "auto";

    /** Every tunable with its default. */
    private static final List<ParamSpec> TUNABLES = List.of(
            new ParamSpec(TILE, ParamSpec.Type.STRING, 0, 0, AUTO,
                    "register tile rows x vectors: auto (12x2 on 512-bit vectors, else 6x2), 4x4, 6x2, 8x2 or 12x2"),
            ParamSpec.optionalInt(KC, 8, 8192, 1024, "reduction block: rows of B per packed panel"),
            ParamSpec.optionalInt(MC, 1, 1 << 16, 192, "row block: rows of A packed at once (kept in L2)"),
            ParamSpec.optionalInt(NC, 1, 1 << 20, 4096, "column block: columns of B packed at once (kept in L3)"),
            ParamSpec.optionalInt(STREAM_KC, 1, 1 << 16, 16, "streaming path: rows of B per pass"),
            ParamSpec.optionalInt(STREAM_ROWS, 0, StreamingGemm.MAX_ROWS, StreamingGemm.MAX_ROWS,
                    "shapes with at most this many rows take the streaming path (0: always packed)"),
            ParamSpec.optionalInt(MIN_FLOP_PER_THREAD, 1, 1 << 30, DEFAULT_MIN_FLOP_PER_THREAD,
                    "the least work (2mnk FLOPs) per thread: a smaller GEMM runs on fewer threads than the run's (threads_used)"));

    private final int vectorBitSize;

    /** The kernel on the preferred species. */
    public VectorGemmKernel() {
        this(0);
    }

    /**
     * The kernel on vectors of {@code vectorBitSize} bits (0: the preferred size), so tests run every path on
     * narrower species than this machine prefers. Only the preferred size is fast: others are not intrinsified
     * everywhere.
     */
    VectorGemmKernel(int vectorBitSize) {
        this.vectorBitSize = vectorBitSize;
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String backend() {
        return VectorBackend.NAME;
    }

    @Override
    public String description() {
        return "Vector API, packed and cache-blocked with a register tile sized for the species; streams B once for m <= "
                + StreamingGemm.MAX_ROWS + "; multithreaded on the run's pool when each thread gets at least min_flop_per_thread";
    }

    @Override
    public List<ParamSpec> tunables() {
        return TUNABLES;
    }

    @Override
    public Prepared<float[]> prepare(GemmWorkload w, GemmInputs in, KernelConfig config) {
        float[] c = new float[w.m() * w.n()];
        int threads = threadsFor(w, config.threads(), Settings.of(config.params()).minFlopPerThread());
        VectorGemmPlan plan = VectorGemmPlan.create(vectorBitSize, config.params(), w, in, c, new GemmWorkers(config.pool(), threads));
        Map<String, Double> metrics = new HashMap<>(plan.metrics());
        metrics.put("threads_used", (double) threads);
        return new Prepared<>() {
            @Override
            public void run() throws Exception {
                plan.run();
            }

            @Override
            public float[] output() {
                return c;
            }

            @Override
            public Map<String, Double> metrics() {
                return metrics;
            }
        };
    }

    /** The threads a GEMM of {@code w} runs on: as many of {@code threads} as get {@code minFlopPerThread} each, at least one. */
    static int threadsFor(GemmWorkload w, int threads, int minFlopPerThread) {
        double flops = 2.0 * w.m() * w.n() * w.k();
        return (int) Math.max(1, Math.min(threads, Math.floor(flops / minFlopPerThread)));
    }

    /** The settings as a plan reads them. */
    record Settings(String tile, int kc, int mc, int nc, int streamKc, int streamRows, int minFlopPerThread) {
        /** The given values, with the defaults for any tunable not given (kernels that call this one pass their own params). */
        static Settings of(ParamValues given) {
            Map<String, Object> values = new HashMap<>();
            TUNABLES.forEach(spec -> values.put(spec.name(), spec.defaultValue()));
            values.putAll(given.asMap());
            ParamValues params = new ParamValues(values);
            return new Settings(params.getString(TILE), params.getInt(KC), params.getInt(MC), params.getInt(NC),
                    params.getInt(STREAM_KC), params.getInt(STREAM_ROWS), params.getInt(MIN_FLOP_PER_THREAD));
        }
    }
}
