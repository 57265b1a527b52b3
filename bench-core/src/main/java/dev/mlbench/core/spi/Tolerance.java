package dev.mlbench.core.spi;

/**
 * How far a kernel's output may be from the reference: an element passes when
 * {@code |out - ref| <= atol + rtol * scale}, where the scale is {@code |ref|} (the numpy/torch
 * {@code allclose} rule) unless the track documents a better-founded one (GEMM uses the sum of
 * {@code |a||b|}, the quantity floating-point error analysis bounds the error by).
 *
 * @param atol absolute tolerance, non-negative
 * @param rtol relative tolerance, non-negative
 */
public record Tolerance(double atol, double rtol) {

    public Tolerance {
        if (!(atol >= 0) || !(rtol >= 0)) {
            throw new IllegalArgumentException("tolerances must be non-negative numbers: atol=" + atol + ", rtol=" + rtol);
        }
    }

    /** Whether {@code out} is within tolerance of {@code ref}, scaling rtol by |ref|. */
    public boolean accepts(double out, double ref) {
        return accepts(out, ref, Math.abs(ref));
    }

    /**
     * Whether {@code out} is within tolerance of {@code ref}, scaling rtol by {@code scale}. A non-finite
     * reference must be matched exactly (same infinity, or NaN for NaN); a non-finite output for a finite
     * reference always fails.
     */
    public boolean accepts(double out, double ref, double scale) {
        if (!Double.isFinite(ref)) {
            return Double.compare(out, ref) == 0;
        }
        return Math.abs(out - ref) <= atol + rtol * scale;
    }
}
