package dev.mlbench.kernels.cpu.gemm;

import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmWorkload;

/**
 * Chooses the Vector API plan for a workload: the streaming path for flat shapes, the packed one otherwise.
 * Kept apart from {@link VectorGemmKernel} so that the kernel class loads without the Vector API.
 */
final class VectorGemmPlans {

    private VectorGemmPlans() {
    }

    /** The plan for {@code w} on vectors of {@code vectorBitSize} bits (0: preferred), writing into c. */
    static GemmPlan plan(int vectorBitSize, ParamValues params, GemmWorkload w, GemmInputs in, float[] c, GemmWorkers workers) {
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
}
