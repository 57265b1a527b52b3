package dev.mlbench.tracks.quantization;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Round trips of every format: exact values, extremes, zeros, tails, and NaN/infinity rejected. */
class CodecTest {

    private static float[] random(int n, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * scale);
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(QuantFormat.class)
    void zerosRoundTripToZeros(QuantFormat f) {
        Codec c = f.tensorCodec();
        for (int cols : new int[] {1, 31, 33, 129}) {
            float[] x = new float[3 * cols];
            assertArrayEquals(x, c.decode(c.encode(x, 3, cols)), f.label() + " cols " + cols);
        }
    }

    @ParameterizedTest
    @EnumSource(QuantFormat.class)
    void nanAndInfinityAreRejected(QuantFormat f) {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float[] x = random(2 * 37, 1, 1);
            x[40] = bad;
            Codec c = f.tensorCodec();
            assertThrows(IllegalArgumentException.class, () -> c.encode(x, 2, 37), f.label() + " " + bad);
        }
    }

    /**
     * Decoding a decoded tensor's encoding changes nothing: decoded values are on the format's grid. (Not for
     * asymmetric INT4, whose re-derived scale may differ in the last bit, nor for reordered BFP, whose
     * re-derived column order may differ.)
     */
    @ParameterizedTest
    @EnumSource(value = QuantFormat.class, names = {"INT4_G32_ASYM", "INT4_G128_ASYM", "BFP8_REORDERED"}, mode = EnumSource.Mode.EXCLUDE)
    void decodedValuesAreFixedPoints(QuantFormat f) {
        Codec c = f.tensorCodec();
        for (int cols : new int[] {1, 7, 32, 97, 130, 257}) {
            float[] x = random(5 * cols, cols, 3);
            float[] once = c.decode(c.encode(x, 5, cols));
            float[] twice = c.decode(c.encode(once, 5, cols));
            assertArrayEquals(once, twice, f.label() + " cols " + cols);
        }
    }

    /** Each element's error is within half a quantization step of its block (plus saturation, where allowed). */
    @ParameterizedTest
    @EnumSource(QuantFormat.class)
    void errorIsBoundedAndHugeAndTinyValuesSurvive(QuantFormat f) {
        Codec c = f.tensorCodec();
        int cols = 100;
        for (double scale : new double[] {1e-30, 1, 1e30}) {
            float[] x = random(4 * cols, 7, scale);
            float[] y = c.decode(c.encode(x, 4, cols));
            for (int r = 0; r < 4; r++) {
                double amax = 0;
                for (int i = 0; i < cols; i++) {
                    amax = Math.max(amax, Math.abs(x[r * cols + i]));
                }
                double bound = switch (f) {
                    case INT4_G32, INT4_G128, INT4_G32_ASYM, INT4_G128_ASYM -> amax / 7.0;
                    case MXFP4 -> amax / 2.0;
                    default -> amax / 127.0 * 1.01;
                };
                for (int i = 0; i < cols; i++) {
                    assertTrue(Float.isFinite(y[r * cols + i]));
                    double err = Math.abs(y[r * cols + i] - x[r * cols + i]);
                    assertTrue(err <= bound, f.label() + " scale " + scale + " err " + err + " bound " + bound);
                }
            }
        }
    }

    @Test
    void int8ExactValues() {
        Int8Codec c = new Int8Codec(false);
        float[] x = {127f, -127f, 1f, 0.5f, 1.5f, 2.5f, -0.5f, 0f};
        QuantTensor t = c.encode(x, 1, x.length);
        assertEquals(1f, t.scales()[0]);
        assertArrayEquals(new byte[] {127, -127, 1, 0, 2, 2, 0, 0}, t.codes(), "ties round to even");
        assertArrayEquals(new float[] {127, -127, 1, 0, 2, 2, 0, 0}, c.decode(t));
    }

    @Test
    void int8VectorWiseScalesEachRow() {
        Int8Codec c = new Int8Codec(true);
        float[] x = {254f, 127f, 1f, 0.25f};
        QuantTensor t = c.encode(x, 2, 2);
        assertArrayEquals(new float[] {2f, 1f / 127f}, t.scales());
        assertArrayEquals(new byte[] {127, 64, 127, 32}, t.codes());
    }

    @Test
    void llmInt8KeepsOutlierColumnsExact() {
        LlmInt8Codec c = new LlmInt8Codec(6f);
        float[] x = {1f, -6f, 0.5f, 100f, 2f, 1f, -1f, 0.25f, 3f};
        QuantTensor t = c.encode(x, 3, 3);
        assertArrayEquals(new int[] {0, 1}, t.columns(), "column 0 holds 100, column 1 holds -6");
        float[] y = c.decode(t);
        for (int r = 0; r < 3; r++) {
            assertEquals(x[r * 3], y[r * 3]);
            assertEquals(x[r * 3 + 1], y[r * 3 + 1]);
        }
        assertEquals(0.5f / 127f, t.scales()[0], "row scale from the ordinary columns only");
        assertEquals(2.0 / 3, LlmInt8Codec.outlierFraction(t), 1e-12);
    }

    @Test
    void int4SymmetricExactValues() {
        Int4Codec c = new Int4Codec(32, false);
        float[] x = new float[40];
        x[0] = 7f;
        x[1] = -7f;
        x[2] = 3.5f;   // tie: 4 (even) rather than 3
        x[3] = -8f;    // clamps to -7 · (8/7)... scale is 8/7 here
        QuantTensor t = c.encode(x, 1, 40);
        float s = t.scales()[0];
        assertEquals(8f / 7f, s);
        float[] y = c.decode(t);
        assertEquals(-7 * s, y[3]);
        assertEquals(6 * s, y[0], "7 / (8/7) = 6.125 rounds to 6");
        // second group (the 8-element tail of a 40-column row with groups of 32) is all zeros
        assertEquals(0f, t.scales()[1]);
        assertEquals(0f, y[39]);
        // packing: element 16 of a block shares byte 0 with element 0, in the high nibble
        assertEquals(Codec.nibble(t.codes(), 0, 0), t.codes()[0] & 0x0F);
        assertEquals(Codec.nibble(t.codes(), 0, 16), (t.codes()[0] >>> 4) & 0x0F);
    }

    @Test
    void int4AsymmetricUsesTheZeroPoint() {
        Int4Codec c = new Int4Codec(32, true);
        float[] x = new float[32];
        for (int i = 0; i < 32; i++) {
            x[i] = i % 16;        // 0..15: scale 1, zero 0, exact
        }
        QuantTensor t = c.encode(x, 1, 32);
        assertEquals(1f, t.scales()[0]);
        assertEquals(0, t.aux()[0]);
        assertArrayEquals(x, c.decode(t));
        float[] shifted = new float[32];
        for (int i = 0; i < 32; i++) {
            shifted[i] = x[i] - 5;  // -5..10: scale 1, zero 5, exact
        }
        QuantTensor u = c.encode(shifted, 1, 32);
        assertEquals(5, u.aux()[0]);
        assertArrayEquals(shifted, c.decode(u));
    }

    @Test
    void bfpReorderedStoresColumnsInMagnitudeOrderAndRestoresThem() {
        MxCodec c = MxCodec.bfp8(true);
        float[] x = random(3 * 70, 3, 1);
        x[69] = 500f;
        QuantTensor t = c.encode(x, 3, 70);
        assertEquals(69, t.columns()[0]);
        float[] y = c.decode(t);
        assertEquals(500f, y[69], 4f);
        assertEquals(x[0], y[0], 0.05f);
    }
}
