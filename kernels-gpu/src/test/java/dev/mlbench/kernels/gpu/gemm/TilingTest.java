package dev.mlbench.kernels.gpu.gemm;

import dev.mlbench.tracks.gemm.GemmWorkload;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TilingTest {

    @Test
    void noPaddingWhenTheTileDividesEveryDimension() {
        assertEquals(1.0, Tiling.metrics(new GemmWorkload(64, 32, 16), 16).get("padded_flops_ratio"));
    }

    @Test
    void aSingleRowWithTileSixteenComputesSixteenTimesTheWork() {
        assertEquals(16.0, Tiling.metrics(new GemmWorkload(1, 4096, 4096), 16).get("padded_flops_ratio"));
    }

    @Test
    void everyDimensionRoundsUp() {
        // 17 -> 32, 9 -> 16, 3 -> 16 with tile 16
        assertEquals(32.0 * 16 * 16 / (17.0 * 9 * 3), Tiling.metrics(new GemmWorkload(17, 9, 3), 16).get("padded_flops_ratio"), 1e-12);
    }
}
