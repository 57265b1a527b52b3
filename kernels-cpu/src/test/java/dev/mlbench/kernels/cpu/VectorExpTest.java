package dev.mlbench.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vectorized exp is within 2 ulp where softmax uses it (t ≤ 0) and over the positive range attention's
 * rescaling may pass, and exact, zero or saturated at the edges.
 */
class VectorExpTest {

    private static final int L = VectorExp.LANES;
    /** The most ulps either exp may be off by. */
    private static final double MAX_ULPS = 2;

    @ParameterizedTest(name = "poly = {0}")
    @ValueSource(booleans = {true, false})
    void expIsWithinTwoUlpOfExactOnTheRangeSoftmaxUses(boolean poly) {
        // Every 97th float in [-87.3, 0]: about 10 million points over all binades.
        assertWithinUlps(-1f, -VectorExp.EXP_CUTOFF, t -> VectorExp.exp(t, poly));
    }

    @Test
    void polynomialExpIsWithinTwoUlpOnThePositiveRangeAndSaturatesAboveIt() {
        assertWithinUlps(1f, VectorExp.EXP_MAX, VectorExp::polyExp);
        float[] in = new float[L];
        float[] out = new float[L];
        float atMax = 0;
        for (float big : new float[]{VectorExp.EXP_MAX, 88.5f, 1.0e4f, Float.MAX_VALUE, Float.POSITIVE_INFINITY}) {
            java.util.Arrays.fill(in, big);
            VectorExp.polyExp(FloatVector.fromArray(VectorExp.SPECIES, in, 0)).intoArray(out, 0);
            if (big == VectorExp.EXP_MAX) {
                atMax = out[0];
            }
            assertTrue(Float.isFinite(out[0]) && out[0] == atMax, "exp(" + big + ") = " + out[0] + ", not e^88 = " + atMax);
        }
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

    /** {@code exp} is within {@link #MAX_ULPS} on every 97th float of sign {@code sign} and magnitude up to {@code limit}. */
    private static void assertWithinUlps(float sign, float limit, java.util.function.UnaryOperator<FloatVector> exp) {
        double worst = 0;
        float worstAt = 0;
        float[] t = new float[L];
        float[] e = new float[L];
        for (int bits = 0; Float.intBitsToFloat(bits) <= limit; bits += 97 * L) {
            for (int lane = 0; lane < L; lane++) {
                t[lane] = sign * Float.intBitsToFloat(bits + 97 * lane);
            }
            exp.apply(FloatVector.fromArray(VectorExp.SPECIES, t, 0)).intoArray(e, 0);
            for (int lane = 0; lane < L; lane++) {
                if (Math.abs(t[lane]) > limit) {
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

    private static double ulpsOff(float value, double exact) {
        return Math.abs(value - exact) / Math.ulp((float) exact);
    }
}
