package dev.mlbench.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one vectorized exp of the CPU kernels (softmax and attention), in two flavours selected by one flag: a range
 * reduction with a polynomial (the scheme of XNNPACK's fp32 softmax kernels), or the Vector API's built-in
 * {@code EXP} lanewise operation. Also the (mantissa, exponent) split of exp that two-pass softmax accumulates.
 *
 * <p>The polynomial: {@code exp(t) = 2^n · exp(r)} with {@code n = round(t / ln 2)} and
 * {@code r = t - n·ln 2} in [-ln2/2, ln2/2], reduced in two steps (Cody and Waite) with fused multiply-adds;
 * {@code exp(r) ≈ 1 + r·p(r)} with a minimax p of degree 4. Within about 2 ulp of the exact value for t in
 * [-87.3, 88]; below -87.3 (where the result would be subnormal) it returns 0, and -inf gives 0; above 88 it
 * saturates at e^88. Written out rather than the built-in so that a result is the same bit for bit in the
 * interpreter and in compiled code (the built-in may call a different library in each), so a kernel's runs
 * reproduce each other exactly. It replaced attention's own Cephes-style exp: that one is within 1 ulp but takes
 * 17 vector operations a call to these 15 (a degree-5 polynomial, and its scaling by 2^n as a separate multiply),
 * and neither softmax's nor attention's tolerances need the extra ulp.
 */
public final class VectorExp {

    /** The species the kernels that use this exp run on: the widest the CPU has. */
    public static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector. */
    public static final int LANES = SPECIES.length();

    private static final float LOG2E = 0x1.715476p+0f;
    private static final float MINUS_LN2_HI = -0x1.62E400p-1f;
    private static final float MINUS_LN2_LO = -0x1.7F7D1Cp-20f;
    /** 1.5·2^23: adding it rounds a float below 2^22 in magnitude to an integer, held in the low mantissa bits. */
    private static final float ROUNDING_BIAS = 0x1.8p23f;
    /** 1.5·2^23 + 127: as above with the exponent bias added, so the low bits shifted left by 23 are 2^n. */
    private static final float EXPONENT_BIAS = 0x1.8000FEp23f;
    /** Below this exp(t) is subnormal in fp32: the result is flushed to zero. */
    public static final float EXP_CUTOFF = -0x1.5D589Ep6f;
    /** Above this 2^n would leave the exponent field: larger arguments are clamped to it. */
    public static final float EXP_MAX = 88f;
    private static final float C1 = 0x1.FFFFF6p-1f;
    private static final float C2 = 0x1.FFFDC6p-2f;
    private static final float C3 = 0x1.555A80p-3f;
    private static final float C4 = 0x1.573A1Ap-5f;
    private static final float C5 = 0x1.0F9F9Cp-7f;
    /** The smallest power of two {@link #pow2} gives before flushing to zero. */
    private static final float MIN_EXPONENT = -127f;
    /**
     * Logits below this are treated as this value by the (mantissa, exponent) split: the rounding to an integer
     * exponent needs |t / ln 2| below 2^22. Only rows whose every logit is below it (or above its negation)
     * would be affected; -inf becomes a term that is flushed to zero against any other.
     */
    public static final float SPLIT_MIN = -2.0e6f;

    private VectorExp() {
    }

    /** exp(t) lane by lane: the polynomial when {@code poly}, else the Vector API's built-in EXP. */
    public static FloatVector exp(FloatVector t, boolean poly) {
        return poly ? polyExp(t) : t.lanewise(VectorOperators.EXP);
    }

    /** The polynomial exp described in the class comment. */
    public static FloatVector polyExp(FloatVector t) {
        VectorMask<Float> flushed = t.lt(EXP_CUTOFF);
        FloatVector tc = t.max(EXP_CUTOFF).min(EXP_MAX);
        FloatVector biased = tc.fma(LOG2E, EXPONENT_BIAS);
        FloatVector scale = biased.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector n = biased.sub(EXPONENT_BIAS);
        FloatVector r = n.fma(bc(MINUS_LN2_HI), tc);
        r = n.fma(bc(MINUS_LN2_LO), r);
        FloatVector p = polynomial(r);
        FloatVector rs = r.mul(scale);
        return rs.fma(p, scale).blend(0f, flushed);
    }

    /**
     * The integer exponent n = round(t / ln 2) of exp(t) = m · 2^n, as a float (exact: |n| < 2^22); t is clamped
     * below at {@link #SPLIT_MIN}.
     */
    public static FloatVector splitExponent(FloatVector t) {
        return t.max(SPLIT_MIN).fma(LOG2E, ROUNDING_BIAS).sub(ROUNDING_BIAS);
    }

    /**
     * The mantissa m = exp(t - n·ln 2), in [0.70, 1.42], of exp(t) = m · 2^n for the exponent n from
     * {@link #splitExponent}; by the polynomial when {@code poly}, else by the built-in EXP.
     */
    public static FloatVector splitMantissa(FloatVector t, FloatVector n, boolean poly) {
        FloatVector r = n.fma(bc(MINUS_LN2_HI), t.max(SPLIT_MIN));
        r = n.fma(bc(MINUS_LN2_LO), r);
        if (!poly) {
            return r.lanewise(VectorOperators.EXP);
        }
        return polynomial(r).fma(r, bc(1f));
    }

    /** p(r) with exp(r) ≈ 1 + r·p(r) on [-ln2/2, ln2/2], by Horner's rule. */
    private static FloatVector polynomial(FloatVector r) {
        return r.fma(C5, C4).fma(r, bc(C3)).fma(r, bc(C2)).fma(r, bc(C1));
    }

    private static FloatVector bc(float value) {
        return FloatVector.broadcast(SPECIES, value);
    }

    /** 2^d for integer-valued d ≤ 0 (as floats); 0 for d ≤ -127, including -inf. */
    public static FloatVector pow2(FloatVector d) {
        return d.max(MIN_EXPONENT).add(EXPONENT_BIAS).reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    }
}
