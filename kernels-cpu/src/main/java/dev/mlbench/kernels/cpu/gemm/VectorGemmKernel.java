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
 * the run's pool. The tile and block sizes are tunables a definition can sweep.
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
                    "shapes with at most this many rows take the streaming path (0: always packed)"));

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
                + StreamingGemm.MAX_ROWS + "; multithreaded on the run's pool";
    }

    @Override
    public List<ParamSpec> tunables() {
        return TUNABLES;
    }

    @Override
    public Prepared<float[]> prepare(GemmWorkload w, GemmInputs in, KernelConfig config) {
        float[] c = new float[w.m() * w.n()];
        VectorGemmPlan plan = VectorGemmPlan.create(vectorBitSize, config.params(), w, in, c, new GemmWorkers(config.pool(), config.threads()));
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
                return plan.metrics();
            }
        };
    }

    /** The settings as a plan reads them. */
    record Settings(String tile, int kc, int mc, int nc, int streamKc, int streamRows) {
        /** The given values, with the defaults for any tunable not given (kernels that call this one pass their own params). */
        static Settings of(ParamValues given) {
            Map<String, Object> values = new HashMap<>();
            TUNABLES.forEach(spec -> values.put(spec.name(), spec.defaultValue()));
            values.putAll(given.asMap());
            ParamValues params = new ParamValues(values);
            return new Settings(params.getString(TILE), params.getInt(KC), params.getInt(MC), params.getInt(NC),
                    params.getInt(STREAM_KC), params.getInt(STREAM_ROWS));
        }
    }
}
