package dev.mlbench.kernels.cpu.softmax;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vectorized exp is within 2 ulp where softmax uses it, and exact or zero at the edges. */
class VectorExpTest {

    private static final int L = VectorExp.LANES;
    /** The most ulps either exp may be off by. */
    private static final double MAX_ULPS = 2;

    @ParameterizedTest(name = "poly = {0}")
    @ValueSource(booleans = {true, false})
    void expIsWithinTwoUlpOfExactOnTheRangeSoftmaxUses(boolean poly) {
        double worst = 0;
        float worstAt = 0;
        float[] t = new float[L];
        float[] e = new float[L];
        // Every 97th float in [-87.3, 0]: about 10 million points over all binades.
        for (int bits = Float.floatToRawIntBits(0f); ; bits += 97 * L) {
            for (int lane = 0; lane < L; lane++) {
                t[lane] = -Float.intBitsToFloat(bits + 97 * lane);
            }
            if (t[0] < VectorExp.EXP_CUTOFF) {
                break;
            }
            VectorExp.exp(FloatVector.fromArray(VectorExp.SPECIES, t, 0), poly).intoArray(e, 0);
            for (int lane = 0; lane < L; lane++) {
                if (t[lane] < VectorExp.EXP_CUTOFF) {
                    continue;
                }
                double ulps = ulpsOff(e[lane], Math.exp(t[lane]));
                if (ulps > worst) {
                    worst = ulps;
                    worstAt = t[lane];
                }
            }
        }
        double shown = worst;
        float at = worstAt;
        assertTrue(worst <= MAX_ULPS, () -> "exp is " + shown + " ulp off at " + at);
    }

    @ParameterizedTest(name = "poly = {0}")
    @ValueSource(booleans = {true, false})
    void mantissaTimesTwoToTheExponentIsExpOverTheLargeLogitRange(boolean poly) {
        double worst = 0;
        float[] t = new float[L];
        float[] m = new float[L];
        float[] n = new float[L];
        for (float start = -1.0e4f; start < 1.0e4f; start += 0.37f * L) {
            for (int lane = 0; lane < L; lane++) {
                t[lane] = start + 0.37f * lane;
            }
            FloatVector v = FloatVector.fromArray(VectorExp.SPECIES, t, 0);
            FloatVector exponent = VectorExp.splitExponent(v);
            exponent.intoArray(n, 0);
            VectorExp.splitMantissa(v, exponent, poly).intoArray(m, 0);
            for (int lane = 0; lane < L; lane++) {
                assertTrue(m[lane] >= 0.7f && m[lane] <= 1.42f, "mantissa " + m[lane] + " of exp(" + t[lane] + ")");
                // exp(t) / 2^n = exp(t - n ln 2), exact in double for the |n| here
                double exact = Math.exp(t[lane] - n[lane] * Math.log(2));
                worst = Math.max(worst, ulpsOff(m[lane], exact));
            }
        }
        assertTrue(worst <= MAX_ULPS, "mantissa is " + worst + " ulp off");
    }

    @Test
    void polynomialExpIsExactlyOneAtZeroAndZeroBelowTheCutoffAndAtMinusInfinity() {
        float[] in = new float[L];
        float[] out = new float[L];
        float[] cases = {0f, Float.NEGATIVE_INFINITY, -88f, -1.0e4f, -Float.MAX_VALUE};
        float[] expected = {1f, 0f, 0f, 0f, 0f};
        for (int c = 0; c < cases.length; c++) {
            java.util.Arrays.fill(in, cases[c]);
            VectorExp.polyExp(FloatVector.fromArray(VectorExp.SPECIES, in, 0)).intoArray(out, 0);
            assertEquals(expected[c], out[0], "exp(" + cases[c] + ")");
        }
    }

    @Test
    void powerOfTwoIsExactAndFlushesBelowMinus126() {
        float[] in = new float[L];
        float[] out = new float[L];
        for (int d = 0; d >= -130; d--) {
            java.util.Arrays.fill(in, d);
            VectorExp.pow2(FloatVector.fromArray(VectorExp.SPECIES, in, 0)).intoArray(out, 0);
            assertEquals(d >= -126 ? Math.scalb(1f, d) : 0f, out[0], "2^" + d);
        }
        java.util.Arrays.fill(in, Float.NEGATIVE_INFINITY);
        VectorExp.pow2(FloatVector.fromArray(VectorExp.SPECIES, in, 0)).intoArray(out, 0);
        assertEquals(0f, out[0], "2^-inf");
    }

    private static double ulpsOff(float value, double exact) {
        return Math.abs(value - exact) / Math.ulp((float) exact);
    }
}
