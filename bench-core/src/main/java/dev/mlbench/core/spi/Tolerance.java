package dev.mlbench.core.spi;

/**
 * How far a kernel's output may be from the reference: an element passes when
 * {@code |out - ref| <= atol + rtol * |ref|} (the numpy/torch {@code allclose} rule).
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

    /** Whether {@code out} is within tolerance of {@code ref}; NaN or infinity where ref is finite fails. */
    public boolean accepts(double out, double ref) {
        if (Double.isNaN(ref) || Double.isInfinite(ref)) {
            return Double.compare(out, ref) == 0;
        }
        return Math.abs(out - ref) <= atol + rtol * Math.abs(ref);
    }
}
