package dev.mlbench.kernels.cpu.gemm;

import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmWorkload;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Map;

/**
 * One GEMM bound to its operands, buffers and threads, in the Vector API: {@link #run()} computes
 * C = α·op(A)·op(B) + β·C₀ into {@code c}. Holds what both plans share; kept apart from
 * {@link VectorGemmKernel} so that the kernel class loads without the Vector API.
 */
abstract class VectorGemmPlan {

    final ConstantSpecies species;
    final int lanes;
    final int m;
    final int n;
    final int k;
    final float alpha;
    final float beta;
    /** op(A) and op(B) as stored, and the initial C (empty when β = 0). */
    final float[] a;
    final float[] b;
    final float[] c0;
    /** The output, m×n row-major. */
    final float[] c;
    final GemmWorkers workers;

    VectorGemmPlan(ConstantSpecies species, GemmWorkload w, GemmInputs in, float[] c, GemmWorkers workers) {
        this.species = species;
        this.lanes = species.get().length();
        this.m = w.m();
        this.n = w.n();
        this.k = w.k();
        this.alpha = w.alpha();
        this.beta = w.beta();
        this.a = in.a();
        this.b = in.b();
        this.c0 = in.c();
        this.c = c;
        this.workers = workers;
    }

    /** The plan for {@code w} on vectors of {@code vectorBitSize} bits (0: preferred), writing into c. */
    static VectorGemmPlan create(int vectorBitSize, ParamValues params, GemmWorkload w, GemmInputs in, float[] c, GemmWorkers workers) {
        ConstantSpecies species = ConstantSpecies.of(vectorBitSize);
        VectorGemmKernel.Settings settings = VectorGemmKernel.Settings.of(params);
        if (w.m() <= settings.streamRows()) {
            return new StreamingGemm(species, settings.streamKc(), w, in, c, workers);
        }
        PackedSgemm.Tile tile = VectorGemmKernel.AUTO.equals(settings.tile())
                ? PackedSgemm.Tile.forLanes(species.get().length())
                : PackedSgemm.Tile.parse(settings.tile());
        return new PackedSgemm(species, tile, settings.kc(), settings.mc(), settings.nc(), w, in, c, workers);
    }

    /** Computes C; called many times, each call recomputes all of it. */
    abstract void run() throws Exception;

    /**
     * The plan as run, for the results: {@code vector_bits}, {@code streaming} (1 or 0), the register tile
     * ({@code tile_rows}, {@code tile_cols}) and the block sizes after rounding ({@code kc}, {@code mc},
     * {@code nc}), and {@code packed_bytes}, the buffers allocated in prepare.
     */
    abstract Map<String, Double> metrics();

    /**
     * Writes a register tile kept in {@code tile} (rows of {@code stride} floats, the first {@code width}
     * valid) to C at {@code co}: C = tile when src is null, else C = tile + scale·src, src being the initial
     * C (scale β) or C itself (scale 1, adding a later k block).
     */
    final void mergeTile(float[] tile, int stride, int rows, int width, int co, float[] src, float scale) {
        VectorSpecies<Float> s = species.get();
        int vectors = s.loopBound(width);
        FloatVector scaleVector = FloatVector.broadcast(s, scale);
        for (int r = 0; r < rows; r++) {
            int t = r * stride;
            int o = co + r * n;
            int j = 0;
            if (src == null) {
                for (; j < vectors; j += s.length()) {
                    FloatVector.fromArray(s, tile, t + j).intoArray(c, o + j);
                }
                for (; j < width; j++) {
                    c[o + j] = tile[t + j];
                }
            } else {
                for (; j < vectors; j += s.length()) {
                    FloatVector.fromArray(s, src, o + j).fma(scaleVector, FloatVector.fromArray(s, tile, t + j)).intoArray(c, o + j);
                }
                for (; j < width; j++) {
                    c[o + j] = Math.fma(src[o + j], scale, tile[t + j]);
                }
            }
        }
    }
}
