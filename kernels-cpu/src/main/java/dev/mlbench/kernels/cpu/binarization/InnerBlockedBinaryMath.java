package dev.mlbench.kernels.cpu.binarization;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked inner products: {@value #ROWS} activation rows × {@value #COLS} weight rows at once, each
 * pair accumulating XOR + BIT_COUNT in its own vector, so every weight vector loaded (from L2 for large
 * layers) serves {@value #ROWS} rows and every activation vector {@value #COLS} columns; the lanes are
 * reduced once per output and the words past the last whole vector counted with scalar popcounts.
 *
 * <p>No vector crosses a method call: every XOR-popcount is written out in the loop, and only reduced
 * counts are passed on. C2 will not inline a callee it has already compiled to a large body, and a vector
 * passed to a method that is not inlined is boxed on the heap, which made these loops tens of times slower
 * (and allocate megabytes per call) in some JVMs and not others.
 */
final class InnerBlockedBinaryMath implements BinaryMath {

    private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final int ROWS = 4;
    static final int COLS = 2;

    @Override
    public void pack(float[] x, int len, float[] thresholds, int from, int to, long[] out, float[] absSums) {
        VectorPacking.pack(x, len, thresholds, from, to, out, absSums);
    }

    @Override
    public void multiply(long[] a, long[] b, int n, int words, int bits, int from, int to, float[] r, float[] c, float[] y) {
        int bound = S.loopBound(words);
        int i = from;
        for (; i + ROWS <= to; i += ROWS) {
            int j = 0;
            for (; j + COLS <= n; j += COLS) {
                block(a, b, n, words, bits, bound, i, j, r, c, y);
            }
            for (; j < n; j++) {
                for (int ii = i; ii < i + ROWS; ii++) {
                    single(a, b, n, words, bits, bound, ii, j, r, c, y);
                }
            }
        }
        for (; i < to; i++) {
            for (int j = 0; j < n; j++) {
                single(a, b, n, words, bits, bound, i, j, r, c, y);
            }
        }
    }

    private static void block(long[] a, long[] b, int n, int words, int bits, int bound, int i, int j,
                              float[] r, float[] c, float[] y) {
        LongVector s00 = LongVector.zero(S), s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00, s31 = s00;
        int a0 = i * words;
        int b0 = j * words;
        int w = 0;
        for (; w < bound; w += L) {
            LongVector w0 = LongVector.fromArray(S, b, b0 + w);
            LongVector w1 = LongVector.fromArray(S, b, b0 + words + w);
            LongVector x = LongVector.fromArray(S, a, a0 + w);
            s00 = s00.add(x.lanewise(VectorOperators.XOR, w0).lanewise(VectorOperators.BIT_COUNT));
            s01 = s01.add(x.lanewise(VectorOperators.XOR, w1).lanewise(VectorOperators.BIT_COUNT));
            x = LongVector.fromArray(S, a, a0 + words + w);
            s10 = s10.add(x.lanewise(VectorOperators.XOR, w0).lanewise(VectorOperators.BIT_COUNT));
            s11 = s11.add(x.lanewise(VectorOperators.XOR, w1).lanewise(VectorOperators.BIT_COUNT));
            x = LongVector.fromArray(S, a, a0 + 2 * words + w);
            s20 = s20.add(x.lanewise(VectorOperators.XOR, w0).lanewise(VectorOperators.BIT_COUNT));
            s21 = s21.add(x.lanewise(VectorOperators.XOR, w1).lanewise(VectorOperators.BIT_COUNT));
            x = LongVector.fromArray(S, a, a0 + 3 * words + w);
            s30 = s30.add(x.lanewise(VectorOperators.XOR, w0).lanewise(VectorOperators.BIT_COUNT));
            s31 = s31.add(x.lanewise(VectorOperators.XOR, w1).lanewise(VectorOperators.BIT_COUNT));
        }
        store(s00.reduceLanes(VectorOperators.ADD), a, b, a0, b0, bound, words, bits, i, j, n, r, c, y);
        store(s01.reduceLanes(VectorOperators.ADD), a, b, a0, b0 + words, bound, words, bits, i, j + 1, n, r, c, y);
        store(s10.reduceLanes(VectorOperators.ADD), a, b, a0 + words, b0, bound, words, bits, i + 1, j, n, r, c, y);
        store(s11.reduceLanes(VectorOperators.ADD), a, b, a0 + words, b0 + words, bound, words, bits, i + 1, j + 1, n, r, c, y);
        store(s20.reduceLanes(VectorOperators.ADD), a, b, a0 + 2 * words, b0, bound, words, bits, i + 2, j, n, r, c, y);
        store(s21.reduceLanes(VectorOperators.ADD), a, b, a0 + 2 * words, b0 + words, bound, words, bits, i + 2, j + 1, n, r, c, y);
        store(s30.reduceLanes(VectorOperators.ADD), a, b, a0 + 3 * words, b0, bound, words, bits, i + 3, j, n, r, c, y);
        store(s31.reduceLanes(VectorOperators.ADD), a, b, a0 + 3 * words, b0 + words, bound, words, bits, i + 3, j + 1, n, r, c, y);
    }

    private static void single(long[] a, long[] b, int n, int words, int bits, int bound, int i, int j,
                               float[] r, float[] c, float[] y) {
        LongVector s = LongVector.zero(S);
        int a0 = i * words;
        int b0 = j * words;
        int w = 0;
        for (; w < bound; w += L) {
            s = s.add(LongVector.fromArray(S, a, a0 + w).lanewise(VectorOperators.XOR, LongVector.fromArray(S, b, b0 + w)).lanewise(VectorOperators.BIT_COUNT));
        }
        store(s.reduceLanes(VectorOperators.ADD), a, b, a0, b0, bound, words, bits, i, j, n, r, c, y);
    }

    /** Reduces the lanes, adds the words past the last whole vector with scalar popcounts, applies the scales. */
    private static void store(long pop, long[] a, long[] b, int ai, int bj, int bound, int words, int bits, int i, int j, int n,
                              float[] r, float[] c, float[] y) {
        for (int w = bound; w < words; w++) {
            pop += Long.bitCount(a[ai + w] ^ b[bj + w]);
        }
        y[i * n + j] = (bits - 2 * (int) pop) * c[j] * r[i];
    }
}
