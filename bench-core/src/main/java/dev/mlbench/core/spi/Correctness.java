package dev.mlbench.core.spi;

/**
 * The outcome of comparing a kernel's output with the track's reference.
 *
 * @param maxAbsErr  largest |out - ref| over all elements
 * @param maxRelErr  largest |out - ref| / |ref| over elements with ref != 0
 * @param tolerance  the tolerance applied
 * @param passed     whether every element was within tolerance
 * @param detail     where the worst violation is, when it failed; empty when passed
 */
public record Correctness(double maxAbsErr, double maxRelErr, Tolerance tolerance, boolean passed, String detail) {

    /**
     * Compares two float arrays element by element with {@link Tolerance#accepts}, the rule most
     * tracks need. The first failing element is named in {@link #detail()}.
     */
    public static Correctness compare(float[] out, float[] ref, Tolerance tolerance) {
        if (out.length != ref.length) {
            return new Correctness(Double.NaN, Double.NaN, tolerance, false,
                    "output has " + out.length + " elements, reference has " + ref.length);
        }
        double maxAbs = 0;
        double maxRel = 0;
        int firstBad = -1;
        for (int i = 0; i < out.length; i++) {
            double o = out[i];
            double r = ref[i];
            double abs = Math.abs(o - r);
            if (Double.isNaN(abs)) {
                abs = Double.isNaN(o) && Double.isNaN(r) ? 0 : Double.POSITIVE_INFINITY;
            }
            if (abs > maxAbs) {
                maxAbs = abs;
            }
            if (r != 0 && Double.isFinite(r)) {
                maxRel = Math.max(maxRel, abs / Math.abs(r));
            }
            if (firstBad < 0 && !tolerance.accepts(o, r)) {
                firstBad = i;
            }
        }
        String detail = firstBad < 0 ? ""
                : "element " + firstBad + " is " + out[firstBad] + ", reference " + ref[firstBad];
        return new Correctness(maxAbs, maxRel, tolerance, firstBad < 0, detail);
    }
}
