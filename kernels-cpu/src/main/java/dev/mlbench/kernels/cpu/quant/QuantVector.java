package dev.mlbench.kernels.cpu.quant;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loops of the quantization kernels, written for the preferred species (AVX-512: 16 lanes,
 * AVX2: 8): byte, short and int vectors take the same lane count as the float vector, so int8 × int8 is
 * widened to int16 for the multiply and to int32 for the sum, and packed nibbles unpack into L lanes.
 */
final class QuantVector {

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int L = F.length();
    static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, VectorShape.forBitSize(L * 32));
    static final VectorSpecies<Short> S = VectorSpecies.of(short.class, VectorShape.forBitSize(L * 16));
    static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8));

    private QuantVector() {
    }

    /**
     * The lanes' sum in lane order. {@code reduceLanes(ADD)} leaves the order to the implementation, and the
     * interpreter and the JIT-compiled code sum differently, so a kernel would not give the same output on
     * every call.
     */
    static float sum(FloatVector v) {
        float[] lanes = new float[L];
        v.intoArray(lanes, 0);
        float s = 0;
        for (float lane : lanes) {
            s += lane;
        }
        return s;
    }

    /** dot(a[aOff..aOff+k), b[bOff..bOff+k)) in fp32, four accumulators. */
    static float dot(float[] a, int aOff, float[] b, int bOff, int k) {
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        int p = 0;
        for (; p + 4 * L <= k; p += 4 * L) {
            s0 = FloatVector.fromArray(F, a, aOff + p).fma(FloatVector.fromArray(F, b, bOff + p), s0);
            s1 = FloatVector.fromArray(F, a, aOff + p + L).fma(FloatVector.fromArray(F, b, bOff + p + L), s1);
            s2 = FloatVector.fromArray(F, a, aOff + p + 2 * L).fma(FloatVector.fromArray(F, b, bOff + p + 2 * L), s2);
            s3 = FloatVector.fromArray(F, a, aOff + p + 3 * L).fma(FloatVector.fromArray(F, b, bOff + p + 3 * L), s3);
        }
        for (; p + L <= k; p += L) {
            s0 = FloatVector.fromArray(F, a, aOff + p).fma(FloatVector.fromArray(F, b, bOff + p), s0);
        }
        float sum = sum(s0.add(s1).add(s2.add(s3)));
        for (; p < k; p++) {
            sum = Math.fma(a[aOff + p], b[bOff + p], sum);
        }
        return sum;
    }

    /**
     * y[i·n + j] = dot(x row i, w) for every row i of x (m×k), four rows sharing each load of w: the GEMM
     * micro-kernel for one (possibly just dequantized) weight row.
     */
    static void rowTimesX(float[] w, int wOff, float[] x, int m, int k, float[] y, int n, int j) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            FloatVector c0 = FloatVector.zero(F), c1 = c0, c2 = c0, c3 = c0;
            int x0 = i * k;
            int p = 0;
            for (; p + L <= k; p += L) {
                FloatVector wv = FloatVector.fromArray(F, w, wOff + p);
                c0 = wv.fma(FloatVector.fromArray(F, x, x0 + p), c0);
                c1 = wv.fma(FloatVector.fromArray(F, x, x0 + k + p), c1);
                c2 = wv.fma(FloatVector.fromArray(F, x, x0 + 2 * k + p), c2);
                c3 = wv.fma(FloatVector.fromArray(F, x, x0 + 3 * k + p), c3);
            }
            float s0 = sum(c0);
            float s1 = sum(c1);
            float s2 = sum(c2);
            float s3 = sum(c3);
            for (; p < k; p++) {
                float wp = w[wOff + p];
                s0 = Math.fma(wp, x[x0 + p], s0);
                s1 = Math.fma(wp, x[x0 + k + p], s1);
                s2 = Math.fma(wp, x[x0 + 2 * k + p], s2);
                s3 = Math.fma(wp, x[x0 + 3 * k + p], s3);
            }
            y[i * n + j] = s0;
            y[(i + 1) * n + j] = s1;
            y[(i + 2) * n + j] = s2;
            y[(i + 3) * n + j] = s3;
        }
        for (; i < m; i++) {
            y[i * n + j] = dot(w, wOff, x, i * k, k);
        }
    }

    /** Σ a·b over int8 codes, accumulated exactly in int32 (exact while k·127² < 2^31). */
    static int dotInt8(byte[] a, int aOff, byte[] b, int bOff, int k) {
        IntVector s0 = IntVector.zero(I), s1 = s0;
        int p = 0;
        for (; p + 2 * L <= k; p += 2 * L) {
            s0 = s0.add(widenedProduct(a, aOff + p, b, bOff + p));
            s1 = s1.add(widenedProduct(a, aOff + p + L, b, bOff + p + L));
        }
        for (; p + L <= k; p += L) {
            s0 = s0.add(widenedProduct(a, aOff + p, b, bOff + p));
        }
        int sum = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (; p < k; p++) {
            sum += a[aOff + p] * b[bOff + p];
        }
        return sum;
    }

    private static IntVector widenedProduct(byte[] a, int aOff, byte[] b, int bOff) {
        ShortVector va = (ShortVector) ByteVector.fromArray(B, a, aOff).convertShape(VectorOperators.B2S, S, 0);
        ShortVector vb = (ShortVector) ByteVector.fromArray(B, b, bOff).convertShape(VectorOperators.B2S, S, 0);
        return (IntVector) va.mul(vb).convertShape(VectorOperators.S2I, I, 0);
    }

    /** Decodes one 32-element nibble block as (code − zero) · scale into out[outOff..outOff+32). */
    static void decodeNibbles(byte[] codes, int byteOff, int zero, float scale, float[] out, int outOff) {
        for (int t = 0; t < 16; t += L) {
            IntVector iv = (IntVector) ByteVector.fromArray(B, codes, byteOff + t).convertShape(VectorOperators.B2I, I, 0);
            ((FloatVector) iv.and(0x0F).sub(zero).convert(VectorOperators.I2F, 0)).mul(scale).intoArray(out, outOff + t);
            ((FloatVector) iv.lanewise(VectorOperators.ASHR, 4).and(0x0F).sub(zero).convert(VectorOperators.I2F, 0)).mul(scale)
                    .intoArray(out, outOff + 16 + t);
        }
    }

    /**
     * Decodes one 32-element E2M1 block into out[outOff..outOff+32) as twice the element value times
     * {@code halfScale} (the block's scale / 2): see {@link #twiceFp4}.
     */
    static void decodeFp4(byte[] codes, int byteOff, float halfScale, float[] out, int outOff) {
        for (int t = 0; t < 16; t += L) {
            IntVector iv = (IntVector) ByteVector.fromArray(B, codes, byteOff + t).convertShape(VectorOperators.B2I, I, 0);
            twiceFp4Float(iv.and(0x0F)).mul(halfScale).intoArray(out, outOff + t);
            twiceFp4Float(iv.lanewise(VectorOperators.ASHR, 4).and(0x0F)).mul(halfScale).intoArray(out, outOff + 16 + t);
        }
    }

    /** Twice every E2M1 value, by code (0..15), when a float vector has 16 lanes: a one-register lookup table. */
    static final FloatVector TWICE_FP4_TABLE = L == 16
            ? FloatVector.fromArray(F, new float[] {0, 1, 2, 3, 4, 6, 8, 12, -0f, -1, -2, -3, -4, -6, -8, -12}, 0) : null;

    /**
     * Twice the value of E2M1 codes as floats: one in-register table lookup (a permute) where a float vector
     * holds the 16-entry table, the integer formula of {@link #twiceFp4} otherwise.
     */
    static FloatVector twiceFp4Float(IntVector code) {
        if (TWICE_FP4_TABLE != null) {
            return TWICE_FP4_TABLE.rearrange(code.toShuffle().cast(F));
        }
        return (FloatVector) twiceFp4(code).convert(VectorOperators.I2F, 0);
    }

    /**
     * Twice the value of E2M1 codes, as ints (0, 1, 2, 3, 4, 6, 8, 12 and their negatives), in a few integer
     * operations: for magnitude m, 2·value = m + max(m − 4, 0) + 2·max(m − 6, 0); bit 3 negates.
     */
    static IntVector twiceFp4(IntVector code) {
        IntVector m = code.and(7);
        IntVector v = m.add(m.sub(4).max(0)).add(m.sub(6).max(0).lanewise(VectorOperators.LSHL, 1));
        IntVector sign = code.lanewise(VectorOperators.LSHL, 28).lanewise(VectorOperators.ASHR, 31);
        return v.lanewise(VectorOperators.XOR, sign).sub(sign);
    }
}
