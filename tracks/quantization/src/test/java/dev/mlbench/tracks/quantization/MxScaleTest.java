package dev.mlbench.tracks.quantization;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The OCP MX v1.0 scale rule, X = 2^(floor(log2(amax)) − emax), against hand-worked examples, including the
 * cases a floating-point log2 gets wrong and the saturation the rule implies.
 */
class MxScaleTest {

    private static final MxCodec FP4 = MxCodec.mxfp4();
    private static final MxCodec INT8 = MxCodec.mxint8();

    @Test
    void floorLog2IsExactAtAndJustBelowPowersOfTwo() {
        assertEquals(3, MxCodec.floorLog2(8f));
        assertEquals(2, MxCodec.floorLog2(Math.nextDown(8f)), "log(8-ulp)/log(2) rounds to 3.0 in double");
        assertEquals(-1, MxCodec.floorLog2(0.5f));
        assertEquals(-149, MxCodec.floorLog2(Float.MIN_VALUE));
        assertEquals(-127, MxCodec.floorLog2(Float.MIN_NORMAL / 2));
        assertEquals(-126, MxCodec.floorLog2(Float.MIN_NORMAL));
        assertEquals(127, MxCodec.floorLog2(Float.MAX_VALUE));
        assertEquals(29, MxCodec.floorLog2((float) (1 << 30) - 64));
    }

    @Test
    void fp4SharedExponentHandWorked() {
        // amax 6 = 1.5·2^2: floor(log2 6) = 2, emax(E2M1) = 2 → X = 2^0, 6 → 6 exactly.
        assertEquals(0, FP4.sharedExponent(6f));
        // amax 7.5: still 2^0, and 7.5 saturates to 6 (the rule does not round the scale up).
        assertEquals(0, FP4.sharedExponent(7.5f));
        assertEquals(7, MxCodec.fp4(7.5));
        // amax 8: floor(log2 8) = 3 → X = 2; 8 / 2 = 4 → code 6 (magnitude 4).
        assertEquals(1, FP4.sharedExponent(8f));
        // amax just under 8 must not take 8's exponent.
        assertEquals(0, FP4.sharedExponent(Math.nextDown(8f)));
        // amax 0.1: floor(log2 0.1) = -4 → X = 2^-6; 0.1 · 64 = 6.4 → 6.
        assertEquals(-6, FP4.sharedExponent(0.1f));
        // zeros, the smallest subnormal, the largest float: clamped to E8M0's range.
        assertEquals(-127, FP4.sharedExponent(0f));
        assertEquals(-127, FP4.sharedExponent(Float.MIN_VALUE));
        assertEquals(125, FP4.sharedExponent(Float.MAX_VALUE));
    }

    @Test
    void fp4RoundsToNearestEvenAndSaturates() {
        double[] in = {0, 0.25, 0.26, 0.75, 1.25, 1.75, 2.5, 2.6, 3.5, 5, 5.1, 6, 100, -0.75, -5, -0.1};
        int[] code = {0, 0, 1, 2, 2, 4, 4, 5, 6, 6, 7, 7, 7, 10, 14, 0};
        for (int i = 0; i < in.length; i++) {
            assertEquals(code[i], MxCodec.fp4(in[i]), "fp4(" + in[i] + ")");
        }
        float[] values = {0, 0.5f, 1, 1.5f, 2, 3, 4, 6};
        for (int c = 0; c < 8; c++) {
            assertEquals(values[c], MxCodec.fp4Value(c));
            assertEquals(-values[c], MxCodec.fp4Value(c | 8));
        }
    }

    @Test
    void mxint8SharedExponentHandWorked() {
        // emax(INT8) = 0: amax 1.99 → X = 2^0, element 1.99·64 = 127.36 → 127.
        assertEquals(0, INT8.sharedExponent(1.99f));
        assertEquals(127, INT8.encodeElement(1.99));
        // amax 1.999 → 127.936 rounds to 128 and saturates at 127.
        assertEquals(127, INT8.encodeElement(1.999));
        // ties to even: 0.5/64 → 0, 1.5/64 → 2.
        assertEquals(0, INT8.encodeElement(0.5 / 64));
        assertEquals(2, INT8.encodeElement(1.5 / 64));
        // amax 3 → floor(log2 3) = 1 → X = 2: 3 / 2 · 64 = 96.
        assertEquals(1, INT8.sharedExponent(3f));
        assertEquals(96, INT8.encodeElement(1.5));
        assertEquals(127, INT8.sharedExponent(Float.MAX_VALUE));
    }

    @Test
    void encodedBlocksCarryTheE8m0Byte() {
        float[] x = new float[40];
        x[0] = 8f;      // block 0: exponent 1 → E8M0 128
        x[5] = -1f;     // 1 / 2 = 0.5 → code 9 (−0.5)
        x[35] = 0.1f;   // block 1 (the 8-element tail): exponent −6 → E8M0 121
        QuantTensor t = FP4.encode(x, 1, 40);
        assertEquals((byte) 128, t.aux()[0]);
        assertEquals((byte) 121, t.aux()[1]);
        assertEquals(6, Codec.nibble(t.codes(), 0, 0));
        assertEquals(9, Codec.nibble(t.codes(), 0, 5));
        float[] y = FP4.decode(t);
        assertEquals(8f, y[0]);
        assertEquals(-1f, y[5]);
        assertEquals(6f / 64, y[35]);
        QuantTensor zero = FP4.encode(new float[32], 1, 32);
        assertEquals(0, zero.aux()[0], "an all-zero block takes the smallest scale, 2^-127");
    }
}
