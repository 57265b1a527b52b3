package dev.mlbench.kernels.gpu.gemm;

import dev.mlbench.tracks.gemm.GemmWorkload;

import java.util.Map;

/** What rounding a GEMM up to whole tiles costs: the tiled kernels compute zeros in the padding. */
final class Tiling {

    private Tiling() {
    }

    /**
     * {@code padded_flops_ratio}: multiply-adds executed (M, N and K each rounded up to a multiple of
     * {@code tile}) over those needed; 1 when the tile divides every dimension, 16 for M = 1 with tile 16.
     */
    static Map<String, Double> metrics(GemmWorkload w, int tile) {
        double padded = (double) roundUp(w.m(), tile) * roundUp(w.n(), tile) * roundUp(w.k(), tile);
        return Map.of("padded_flops_ratio", padded / ((double) w.m() * w.n() * w.k()));
    }

    static long roundUp(long value, long multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
