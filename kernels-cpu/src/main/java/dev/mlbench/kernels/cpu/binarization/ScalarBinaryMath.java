package dev.mlbench.kernels.cpu.binarization;

import dev.mlbench.tracks.binarization.BitPacking;

/** Plain Java: a compare per sign, {@code Long.bitCount} per word (the JIT emits POPCNT). */
final class ScalarBinaryMath implements BinaryMath {

    @Override
    public void pack(float[] x, int len, float[] thresholds, int from, int to, long[] out, float[] absSums) {
        int words = BitPacking.words(len);
        for (int r = from; r < to; r++) {
            int base = r * len;
            double abs = 0;
            for (int wd = 0; wd < words; wd++) {
                long word = 0;
                int start = wd << 6;
                int end = Math.min(len, start + 64);
                for (int p = start; p < end; p++) {
                    float v = x[base + p];
                    abs += Math.abs(v);
                    // a conditional move, not a branch: the signs are random
                    word |= (v < (thresholds == null ? 0f : thresholds[p]) ? 1L : 0L) << (p - start);
                }
                out[r * words + wd] = word;
            }
            if (absSums != null) {
                absSums[r] = (float) abs;
            }
        }
    }

    @Override
    public void multiply(long[] a, long[] b, int n, int words, int bits, int from, int to, float[] r, float[] c, float[] y) {
        for (int i = from; i < to; i++) {
            int ai = i * words;
            for (int j = 0; j < n; j++) {
                int bj = j * words;
                int pop = 0;
                for (int w = 0; w < words; w++) {
                    pop += Long.bitCount(a[ai + w] ^ b[bj + w]);
                }
                y[i * n + j] = (bits - 2 * pop) * c[j] * r[i];
            }
        }
    }
}
