package dev.mlbench.tracks.binarization;

/**
 * The packed sign layout every binarization kernel reads and writes, and its scalar reference.
 *
 * <p>A value x with threshold t is binarized to +1 when {@code x >= t} and to −1 when {@code x < t}
 * (so sign(0) = +1, and NaN, which compares false, is +1). A −1 is stored as a set bit: sign p of a row is
 * bit {@code p % 64} of word {@code p / 64}. A row of {@code len} signs takes {@link #words(int)} words; the
 * unused high bits of the last word are zero. Two rows a and b of K signs then have the ±1 dot product
 * {@code K − 2·popcount(a XOR b)}: zero tail bits agree and count nothing.
 */
public final class BitPacking {

    private BitPacking() {
    }

    /** Words needed for {@code bits} signs. */
    public static int words(int bits) {
        return (bits + 63) >>> 6;
    }

    /** The sign of {@code x} against threshold {@code t}: +1 or −1. */
    public static int sign(float x, float t) {
        return x < t ? -1 : 1;
    }

    /**
     * Packs {@code rows} rows of {@code len} values ({@code x[r * len + p]}) into {@code rows × words(len)}
     * words, against per-position thresholds (null: all zero).
     */
    public static long[] pack(float[] x, int rows, int len, float[] thresholds) {
        long[] out = new long[rows * words(len)];
        pack(x, rows, len, thresholds, out);
        return out;
    }

    /** As {@link #pack(float[], int, int, float[])}, into {@code out}, which is overwritten entirely. */
    public static void pack(float[] x, int rows, int len, float[] thresholds, long[] out) {
        int words = words(len);
        for (int r = 0; r < rows; r++) {
            int base = r * len;
            for (int wd = 0; wd < words; wd++) {
                long word = 0;
                int from = wd << 6;
                int to = Math.min(len, from + 64);
                for (int p = from; p < to; p++) {
                    float t = thresholds == null ? 0f : thresholds[p];
                    if (x[base + p] < t) {
                        word |= 1L << (p - from);
                    }
                }
                out[r * words + wd] = word;
            }
        }
    }

    /** The ±1 values of {@code rows} packed rows of {@code len} signs. */
    public static float[] unpack(long[] bits, int rows, int len) {
        int words = words(len);
        float[] out = new float[rows * len];
        for (int r = 0; r < rows; r++) {
            for (int p = 0; p < len; p++) {
                long word = bits[r * words + (p >>> 6)];
                out[r * len + p] = ((word >>> (p & 63)) & 1L) != 0 ? -1f : 1f;
            }
        }
        return out;
    }
}
