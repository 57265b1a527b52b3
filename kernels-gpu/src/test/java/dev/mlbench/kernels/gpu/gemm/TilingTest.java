package dev.mlbench.kernels.gpu.gemm;

import dev.mlbench.tracks.gemm.GemmWorkload;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TilingTest {

    private static double padding(GemmWorkload w, int tile, int work) {
        return new Tiling(tile, work).metrics(w).get("padded_flops_ratio");
    }

    @Test
    void noPaddingWhenBlocksAndStepsDivideEveryDimension() {
        assertEquals(1.0, padding(new GemmWorkload(64, 32, 16), 16, 1));
        assertEquals(1.0, padding(new GemmWorkload(64, 128, 16), 16, 2));
    }

    @Test
    void aSingleRowWithTileSixteenComputesSixteenTimesTheWork() {
        assertEquals(16.0, padding(new GemmWorkload(1, 4096, 4096), 16, 1));
        assertEquals(64.0, padding(new GemmWorkload(1, 4096, 4096), 16, 4));
    }

    @Test
    void rowsAndColumnsRoundToBlocksAndKToTheTile() {
        // tile 4, work 2: block 8. 17 -> 24, 9 -> 16, 3 -> 4
        assertEquals(24.0 * 16 * 4 / (17.0 * 9 * 3), padding(new GemmWorkload(17, 9, 3), 4, 2), 1e-12);
    }

    @Test
    void launchGeometryCoversCInWholeBlocks() {
        Tiling t = new Tiling(16, 4);
        GemmWorkload w = new GemmWorkload(65, 129, 7);
        assertEquals(64, t.block());
        assertEquals(3, t.groupsX(w));
        assertEquals(2, t.groupsY(w));
        assertEquals("-DTILE=16 -DWORK=4", t.defines());
    }

    @Test
    void aTilingThatExceedsTheDeviceSaysWhich() {
        assertTrue(new Tiling(32, 1).unfit(512, 49152, "dev").contains("work-groups of 1024"));
        assertTrue(new Tiling(32, 8).unfit(1024, 49152, "dev").contains("65536 bytes of local memory"));
        assertEquals("", new Tiling(32, 4).unfit(1024, 49152, "dev"));
    }
}
