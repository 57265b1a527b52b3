package dev.mlbench.kernels.cpu.binarization;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The obvious Vector API loop: for each output, XOR a vector of words of the activation row with the
 * weight row, {@code BIT_COUNT} each lane and add, then reduce the lanes; a scalar tail. No register blocking.
 */
final class VectorBinaryMath implements BinaryMath {

    private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public void pack(float[] x, int len, float[] thresholds, int from, int to, long[] out, float[] absSums) {
        VectorPacking.pack(x, len, thresholds, from, to, out, absSums);
    }

    @Override
    public void multiply(long[] a, long[] b, int n, int words, int bits, int from, int to, float[] r, float[] c, float[] y) {
        int bound = S.loopBound(words);
        for (int i = from; i < to; i++) {
            int ai = i * words;
            for (int j = 0; j < n; j++) {
                int bj = j * words;
                LongVector acc = LongVector.zero(S);
                int w = 0;
                for (; w < bound; w += L) {
                    LongVector x = LongVector.fromArray(S, a, ai + w).lanewise(VectorOperators.XOR, LongVector.fromArray(S, b, bj + w));
                    acc = acc.add(x.lanewise(VectorOperators.BIT_COUNT));
                }
                long pop = acc.reduceLanes(VectorOperators.ADD);
                for (; w < words; w++) {
                    pop += Long.bitCount(a[ai + w] ^ b[bj + w]);
                }
                y[i * n + j] = (bits - 2 * (int) pop) * c[j] * r[i];
            }
        }
    }
}
