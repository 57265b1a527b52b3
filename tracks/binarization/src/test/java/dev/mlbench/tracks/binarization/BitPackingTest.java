package dev.mlbench.tracks.binarization;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The packed layout on every tail length, and the sign convention at its edges. */
class BitPackingTest {

    @Test
    void packThenUnpackGivesTheSignsForEveryLengthFromOneTo130() {
        SplittableRandom random = new SplittableRandom(5);
        for (int len = 1; len <= 130; len++) {
            int rows = 3;
            float[] x = new float[rows * len];
            float[] thresholds = new float[len];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            for (int p = 0; p < len; p++) {
                thresholds[p] = (float) (0.5 * random.nextGaussian());
            }
            for (float[] t : new float[][] {null, thresholds}) {
                long[] bits = BitPacking.pack(x, rows, len, t);
                assertEquals(rows * ((len + 63) / 64), bits.length, "words for len " + len);
                float[] signs = BitPacking.unpack(bits, rows, len);
                for (int i = 0; i < x.length; i++) {
                    float expected = x[i] < (t == null ? 0f : t[i % len]) ? -1f : 1f;
                    assertEquals(expected, signs[i], "len " + len + ", element " + i);
                }
                int words = BitPacking.words(len);
                for (int r = 0; r < rows; r++) {
                    long last = bits[r * words + words - 1];
                    int used = len - (words - 1) * 64;
                    if (used < 64) {
                        assertEquals(0, last >>> used, "unused tail bits must be zero, len " + len);
                    }
                }
            }
        }
    }

    @Test
    void signOfZeroAndNaNIsPlusOneAndInfinitiesKeepTheirSign() {
        float[] x = {0f, -0f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, -Float.MIN_VALUE, Float.MIN_VALUE, -3e38f};
        float[] signs = BitPacking.unpack(BitPacking.pack(x, 1, x.length, null), 1, x.length);
        assertEquals(1f, signs[0]);
        assertEquals(1f, signs[1]);
        assertEquals(1f, signs[2]);
        assertEquals(-1f, signs[3]);
        assertEquals(1f, signs[4]);
        assertEquals(-1f, signs[5]);
        assertEquals(1f, signs[6]);
        assertEquals(-1f, signs[7]);
    }

    @Test
    void bitPIsBitPMod64OfWordPDiv64AndSetMeansMinusOne() {
        float[] x = new float[130];
        java.util.Arrays.fill(x, 1f);
        x[0] = -1f;
        x[63] = -1f;
        x[64] = -1f;
        x[129] = -1f;
        long[] bits = BitPacking.pack(x, 1, 130, null);
        assertEquals(1L | 1L << 63, bits[0]);
        assertEquals(1L, bits[1]);
        assertEquals(1L << 1, bits[2]);
    }
}
