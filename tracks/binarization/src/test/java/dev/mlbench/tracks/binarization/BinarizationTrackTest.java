package dev.mlbench.tracks.binarization;

import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.Work;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Workload rules, the work model, BiBench's complexity and the reference on examples worked by hand. */
class BinarizationTrackTest {

    private final BinarizationTrack track = new BinarizationTrack();

    @Test
    void bibenchComplexityOfAnXnorNetGemmCountsScalesAndActivationMeans() {
        Complexity c = Complexity.of(BinarizationWorkload.gemm(256, 1024, 1024, BinarizationAlgorithm.XNOR_NET));
        assertEquals(268435456.0, c.bops());
        // two multiplies per output (r_i, c_j), one add per activation and one division per row for mean |a|
        assertEquals(2 * 256 * 1024 + 256 * 1024 + 256, c.flops());
        assertEquals(268435456.0 / 64 + c.flops(), c.ops());
        assertEquals(c.fp32Flops() / c.ops(), c.speedup(), 1e-12);
    }

    @Test
    void bnnKeepsNoFloatingPointSoItsTheoreticalSpeedupIs64() {
        assertEquals(64, Complexity.of(BinarizationWorkload.conv3x3(64, 56, 56, 64, BinarizationAlgorithm.BNN)).speedup(), 1e-12);
    }

    @Test
    void convComplexityIncludesTheBoxSumOfXnorNetAndPackedWeightsAreAbout32TimesSmaller() {
        Complexity c = Complexity.of(BinarizationWorkload.conv3x3(64, 56, 56, 64, BinarizationAlgorithm.XNOR_NET));
        double rows = 56 * 56;
        assertEquals(rows * 64 * 576, c.bops());
        assertEquals(2 * rows * 64 + rows * 64 + 9 * rows + rows, c.flops());
        // 64 outputs × 9 words × 8 bytes + 4 bytes of scale each, against 64 × 576 floats
        assertEquals(64 * 9 * 8 + 64 * 4, c.packedBytes());
        assertEquals(4.0 * 64 * 576, c.fp32Bytes());
    }

    @Test
    void workCountsTwoBinaryOpsPerMultiplyAccumulateAndPackCountsIntegerOps() {
        Work gemm = track.work(BinarizationWorkload.gemm(2, 3, 100, BinarizationAlgorithm.BNN));
        assertEquals(2.0 * 2 * 3 * 100, gemm.ops());
        assertEquals(Work.OpUnit.BINARY_OP, gemm.unit());
        Work pack = track.work(BinarizationWorkload.pack(10, 100, BinarizationAlgorithm.XNOR_NET));
        assertEquals(1000, pack.ops());
        assertEquals(Work.OpUnit.INT_OP, pack.unit());
        assertEquals(4000 + 10 * 2 * 8 + 40, pack.bytesMoved());
    }

    @Test
    void workloadsRejectParametersOfAnotherOp() {
        assertThrows(IllegalArgumentException.class,
                () -> new BinarizationWorkload(BinaryOp.GEMM, 1, 1, 1, 3, 0, 0, 0, BinarizationAlgorithm.BNN, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new BinarizationWorkload(BinaryOp.CONV3X3, 0, 0, 0, 3, 4, 4, 0, BinarizationAlgorithm.BNN, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new BinarizationWorkload(BinaryOp.PACK, 4, 0, BinarizationWorkload.MAX_BITS + 1, 0, 0, 0, 0, BinarizationAlgorithm.BNN, 0));
        assertThrows(IllegalArgumentException.class, () -> BinarizationWorkload.gemm(1, 1, 1, BinarizationAlgorithm.BNN).withNoise(-1));
    }

    @Test
    void referenceOfATinyXnorNetGemmIsWorkedByHand() {
        // a = (1, -2) (one row); weights w0 = (3, 1), w1 = (-1, 4)
        // signs: a (+, -); w0 (+, +) -> dot 0; w1 (-, +) -> dot -2
        // r = (1 + 2) / 2 = 1.5; c0 = 2, c1 = 2.5  ->  y = (0, 1.5 · 2.5 · -2 = -7.5)
        BinarizationWorkload w = BinarizationWorkload.gemm(1, 2, 2, BinarizationAlgorithm.XNOR_NET);
        BinarizationInputs in = new BinarizationInputs(new float[] {1, -2}, new float[] {1, -2}, new float[] {3, 1, -1, 4}, Calibration.NONE);
        BinarizationReference ref = track.reference(w, in);
        assertArrayEquals(new double[] {0, -7.5}, ref.binary(), 1e-12);
        assertArrayEquals(new double[] {1, -9}, ref.fp32(), 1e-12);
        Correctness ok = track.check(w, BinarizationOutput.binary(new float[] {0, -7.5f}), ref, BinarizationTrack.DEFAULT_TOLERANCE);
        assertTrue(ok.passed(), ok.detail());
        // cosine((0, -7.5), (1, -9)) = 67.5 / (7.5 · √82)
        assertEquals(67.5 / (7.5 * Math.sqrt(82)), ok.metrics().get("cosine"), 1e-12);
        Correctness off = track.check(w, BinarizationOutput.binary(new float[] {0, -7.5f + 2 * 1.5f * 2.5f}), ref,
                BinarizationTrack.DEFAULT_TOLERANCE);
        assertFalse(off.passed(), "a dot off by 2");
    }

    @Test
    void aPackedResultDoesNotAnswerAGemmWorkload() {
        BinarizationWorkload w = BinarizationWorkload.gemm(1, 2, 2, BinarizationAlgorithm.BNN);
        BinarizationInputs in = new BinarizationInputs(new float[] {1, -2}, new float[] {1, -2}, new float[] {3, 1, -1, 4}, Calibration.NONE);
        assertFalse(track.check(w, BinarizationOutput.packed(new long[1], new float[0]), track.reference(w, in),
                BinarizationTrack.DEFAULT_TOLERANCE).passed());
    }

    @Test
    void noiseLeavesTheCleanActivationsAndTheWeightsAsTheyWere() {
        BinarizationWorkload clean = BinarizationWorkload.conv3x3(8, 4, 5, 3, BinarizationAlgorithm.BNN);
        BinarizationInputs a = track.inputs(clean, 9);
        BinarizationInputs b = track.inputs(clean.withNoise(0.5), 9);
        assertArrayEquals(a.activations(), b.cleanActivations());
        assertArrayEquals(a.weights(), b.weights());
        assertFalse(java.util.Arrays.equals(a.activations(), b.activations()));
        assertTrue(track.reference(clean.withNoise(0.5), b).fp32Clean() != null);
    }
}
