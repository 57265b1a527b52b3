package dev.mlbench.tracks.binarization;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each algorithm's scales and thresholds against small examples worked by hand. */
class BinarizationAlgorithmTest {

    /** Two output channels of four weights. */
    private static final float[] W = {1, -2, 3, -6, 0.5f, 0.5f, -1, 2};

    @Test
    void bnnHasNoScales() {
        assertArrayEquals(new float[] {1, 1}, BinarizationAlgorithm.BNN.weightScales(W, 2, 4, null));
    }

    @Test
    void xnorNetBiRealReactNetAndFdaScaleEachChannelByItsMeanAbsoluteWeight() {
        // channel 0: (1 + 2 + 3 + 6) / 4 = 3; channel 1: (0.5 + 0.5 + 1 + 2) / 4 = 1
        for (BinarizationAlgorithm a : new BinarizationAlgorithm[] {BinarizationAlgorithm.XNOR_NET, BinarizationAlgorithm.BI_REAL,
                BinarizationAlgorithm.REACTNET, BinarizationAlgorithm.FDA}) {
            assertArrayEquals(new float[] {3, 1}, a.weightScales(W, 2, 4, null), a.key());
            assertSame(W, a.weightSignSource(W, 2, 4), a.key() + " binarizes the weights themselves");
        }
    }

    @Test
    void dorefaScalesTheWholeTensorByOneMeanAbsoluteWeight() {
        // (12 + 4) / 8 = 2
        assertArrayEquals(new float[] {2, 2}, BinarizationAlgorithm.DOREFA.weightScales(W, 2, 4, null));
    }

    @Test
    void xnorPlusPlusUsesItsFittedScales() {
        assertArrayEquals(new float[] {0.25f, 4}, BinarizationAlgorithm.XNOR_PP.weightScales(W, 2, 4, new float[] {0.25f, 4}));
        assertThrows(IllegalArgumentException.class, () -> BinarizationAlgorithm.XNOR_PP.weightScales(W, 2, 4, null));
    }

    @Test
    void recuCentresEachChannelClampsToTheQuantilesAndScalesByTheClampedMean() {
        // channel 0 mean -1: centred {2, -1, 4, -5}; channel 1 mean 0.5: centred {0, 0, -1.5, 1.5}.
        // sorted centred: -5, -1.5, -1, 0, 0, 1.5, 2, 4; with 8 values, the 0.01 quantile is index floor(0.07) = 0
        // (-5) and the 0.99 quantile index ceil(6.93) = 7 (4): nothing is clamped at this size.
        float[] source = BinarizationAlgorithm.RECU.weightSignSource(W, 2, 4);
        assertArrayEquals(new float[] {2, -1, 4, -5, 0, 0, -1.5f, 1.5f}, source);
        assertArrayEquals(new float[] {3, 0.75f}, BinarizationAlgorithm.RECU.weightScales(W, 2, 4, null));
    }

    @Test
    void recuClampsOutliersBeyondTheQuantiles() {
        // one channel of 201 weights: 0 .. 199 then 10000; mean 149.75...; centring moves all by the mean,
        // the 0.99 quantile of the centred values is index ceil(0.99 * 200) = 198, i.e. 198 - mean.
        float[] w = new float[201];
        for (int i = 0; i < 200; i++) {
            w[i] = i;
        }
        w[200] = 10000;
        double mean = (199 * 200 / 2.0 + 10000) / 201;
        float[] source = BinarizationAlgorithm.RECU.weightSignSource(w, 1, 201);
        float upper = (float) (198 - mean);
        assertEquals(upper, source[200], 1e-3, "the outlier is clamped to the 0.99 quantile");
        assertEquals(upper, source[199], 1e-3);
        assertEquals((float) (2 - mean), source[0], 1e-3, "the 0.01 quantile is index floor(2) = 2");
    }

    @Test
    void reactNetThresholdsAreTheCalibrationChannelMeansAndOnlyReactNetShifts() {
        float[] calib = {1, 10, 3, 20, -1, 0}; // three rows of two channels
        Calibration c = Calibration.fit(BinarizationWorkload.gemm(3, 1, 2, BinarizationAlgorithm.REACTNET), calib, new float[] {1, 1});
        assertArrayEquals(new float[] {1, 10}, c.thresholds());
        assertArrayEquals(new float[] {1, 10}, BinarizationAlgorithm.REACTNET.thresholds(c));
        assertNull(BinarizationAlgorithm.XNOR_NET.thresholds(c));
    }

    @Test
    void xnorNetActivationScaleIsTheMeanAbsoluteValueOfWhatEachOutputReads() {
        BinarizationWorkload gemm = BinarizationWorkload.gemm(2, 1, 3, BinarizationAlgorithm.XNOR_NET);
        assertArrayEquals(new double[] {2, 5}, Operand.meanAbsPerRow(gemm, new float[] {1, -2, 3, 4, 5, -6}));
        // a 1-channel 2x2 image: every 3x3 patch covers the whole image (|1|+|2|+|3|+|4| = 10) padded with zeros: 10 / 9
        BinarizationWorkload conv = BinarizationWorkload.conv3x3(1, 2, 2, 1, BinarizationAlgorithm.XNOR_NET);
        double[] r = Operand.meanAbsPerRow(conv, new float[] {1, -2, 3, -4});
        for (double v : r) {
            assertEquals(10.0 / 9, v, 1e-12);
        }
    }

    @Test
    void xnorPlusPlusFitsTheLeastSquaresChannelScaleOnTheCalibrationBatch() {
        // one output, k = 2, weights (1, 3): signs (+, +); calibration rows (1, 1) -> y = 4, d = 2; (-1, 2) -> y = 5, d = 0;
        // c = (4·2 + 5·0) / (2² + 0²) = 2
        Calibration c = Calibration.fit(BinarizationWorkload.gemm(2, 1, 2, BinarizationAlgorithm.XNOR_PP),
                new float[] {1, 1, -1, 2}, new float[] {1, 3});
        assertArrayEquals(new float[] {2}, c.columnScales());
        assertNull(c.rowScales());
    }

    @Test
    void xnorPlusPlusOnAConvolutionFitsASpatialFactorPerOutputPixel() {
        BinarizationWorkload conv = BinarizationWorkload.conv3x3(2, 3, 4, 3, BinarizationAlgorithm.XNOR_PP);
        BinarizationInputs in = new BinarizationTrack().inputs(conv, 3);
        assertEquals(12, in.calibration().rowScales().length);
        assertEquals(3, in.calibration().columnScales().length);
    }

    @Test
    void namesRoundTripAndUnknownNamesListTheValidOnes() {
        for (BinarizationAlgorithm a : BinarizationAlgorithm.values()) {
            assertSame(a, BinarizationAlgorithm.of(a.key()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BinarizationAlgorithm.of("xnor"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("xnor-net"), e.getMessage());
    }
}
