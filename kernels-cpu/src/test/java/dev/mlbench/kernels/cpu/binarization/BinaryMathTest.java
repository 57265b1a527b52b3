package dev.mlbench.kernels.cpu.binarization;

import dev.mlbench.kernels.cpu.VectorBackend;
import dev.mlbench.tracks.binarization.BitPacking;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every implementation's packing against the scalar layout on every length from 1 to 130, and its binary GEMM
 * against the ±1 float product (exact integers) on shapes that leave every tail of every block.
 */
class BinaryMathTest {

    static Stream<Named<BinaryMath>> implementations() {
        List<Named<BinaryMath>> all = new ArrayList<>();
        all.add(Named.of("scalar", new ScalarBinaryMath()));
        if (new VectorBackend().probe().available()) {
            all.add(Named.of("vector", new VectorBinaryMath()));
            all.add(Named.of("blocked", new BlockedBinaryMath(false)));
            all.add(Named.of("blocked-csa", new BlockedBinaryMath(true)));
            all.add(Named.of("blocked-inner", new InnerBlockedBinaryMath()));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void packsLikeTheReferenceLayoutOnEveryLengthFrom1To130(BinaryMath math) {
        SplittableRandom random = new SplittableRandom(11);
        for (int len = 1; len <= 130; len++) {
            int rows = 5;
            float[] x = new float[rows * len];
            float[] t = new float[len];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            for (int p = 0; p < len; p++) {
                t[p] = (float) (0.3 * random.nextGaussian());
            }
            for (float[] thresholds : new float[][] {null, t}) {
                long[] expected = BitPacking.pack(x, rows, len, thresholds);
                long[] out = new long[expected.length];
                Arrays.fill(out, -1L); // stale words must be overwritten
                float[] abs = new float[rows];
                math.pack(x, len, thresholds, 1, rows, out, abs); // rows 1.. only: row 0 untouched
                for (int r = 1; r < rows; r++) {
                    int words = BitPacking.words(len);
                    for (int wd = 0; wd < words; wd++) {
                        assertEquals(expected[r * words + wd], out[r * words + wd], "len " + len + " row " + r + " word " + wd);
                    }
                    double sum = 0;
                    for (int p = 0; p < len; p++) {
                        sum += Math.abs(x[r * len + p]);
                    }
                    assertEquals(sum, abs[r], 1e-5 * sum, "sum |x| of row " + r + ", len " + len);
                }
                assertEquals(-1L, out[0], "row 0 was outside [from, to)");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void packsHostileValuesWithTheDocumentedSigns(BinaryMath math) {
        float[] x = new float[70];
        float[] special = {0f, -0f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, -Float.MIN_VALUE, Float.MIN_VALUE,
                -1e30f, 1e30f, -Float.MIN_NORMAL};
        for (int i = 0; i < x.length; i++) {
            x[i] = special[i % special.length];
        }
        long[] out = new long[2];
        math.pack(x, 70, null, 0, 1, out, null);
        assertArrayEquals(BitPacking.pack(x, 1, 70, null), out);
    }

    /** Rows counts around the 4- and 2-row blocks, columns around the 2L-wide panels, K around word and vector tails. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void multipliesExactlyLikeThePlusMinusOneFloatProduct(BinaryMath math) {
        SplittableRandom random = new SplittableRandom(17);
        int[] ms = {1, 2, 3, 4, 5, 7, 9};
        int[] ns = {1, 7, 8, 9, 15, 16, 17, 33};
        int[] ks = {1, 63, 64, 65, 127, 255, 256, 257, 320, 577, 1031};
        for (int k : ks) {
            int words = BitPacking.words(k);
            for (int m : ms) {
                for (int n : ns) {
                    float[] av = signs(random, m * k);
                    float[] bv = signs(random, n * k);
                    long[] a = BitPacking.pack(av, m, k, null);
                    long[] b = BitPacking.pack(bv, n, k, null);
                    float[] r = new float[m];
                    float[] c = new float[n];
                    Arrays.fill(r, 1f);
                    Arrays.fill(c, 1f);
                    float[] y = new float[m * n];
                    Arrays.fill(y, Float.NaN);
                    int split = m / 2; // two calls, as two threads would make them
                    long[] bl = math.layoutWeights(b, n, words);
                    float[] cl = math.layoutScales(c, n);
                    math.multiply(a, bl, n, words, k, 0, split, r, cl, y);
                    math.multiply(a, bl, n, words, k, split, m, r, cl, y);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            float dot = 0;
                            for (int p = 0; p < k; p++) {
                                dot += av[i * k + p] * bv[j * k + p];
                            }
                            assertEquals(dot, y[i * n + j], "m=" + m + " n=" + n + " k=" + k + " at (" + i + ", " + j + ")");
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void appliesRowAndColumnScalesToTheIntegerDot(BinaryMath math) {
        int m = 5;
        int n = 19;
        int k = 200;
        SplittableRandom random = new SplittableRandom(3);
        float[] av = signs(random, m * k);
        float[] bv = signs(random, n * k);
        float[] r = new float[m];
        float[] c = new float[n];
        for (int i = 0; i < m; i++) {
            r[i] = (float) random.nextDouble(0.1, 3);
        }
        for (int j = 0; j < n; j++) {
            c[j] = (float) random.nextDouble(0.1, 3);
        }
        int words = BitPacking.words(k);
        float[] y = new float[m * n];
        math.multiply(BitPacking.pack(av, m, k, null), math.layoutWeights(BitPacking.pack(bv, n, k, null), n, words), n, words, k, 0, m,
                r, math.layoutScales(c, n), y);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int p = 0; p < k; p++) {
                    dot += av[i * k + p] * bv[j * k + p];
                }
                double expected = dot * c[j] * r[i];
                assertEquals(expected, y[i * n + j], 1e-6 * Math.abs(expected) + 1e-30, "(" + i + ", " + j + ")");
            }
        }
    }

    private static float[] signs(SplittableRandom random, int count) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = random.nextBoolean() ? 1f : -1f;
        }
        return v;
    }
}
