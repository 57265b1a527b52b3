package dev.mlbench.core.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * The outcome of comparing a kernel's output with the track's reference.
 *
 * @param maxAbsErr  largest |out - ref| over all elements (infinite when an output is NaN or infinite
 *                   where the reference is finite)
 * @param maxRelErr  largest |out - ref| / scale over elements with finite ref and non-zero scale, where the
 *                   scale is the one the tolerance's rtol multiplies: |ref| by default, or the track's
 *                   documented error scale (so GEMM's is not inflated by results that cancel to near zero)
 * @param tolerance  the tolerance applied
 * @param passed     whether every element was within tolerance
 * @param detail     where the first violation is, when it failed; empty when passed
 * @param metrics    further accuracy figures the track computes (e.g. {@code sqnr_db}, {@code cosine}),
 *                   recorded in the row's {@code correctness.metrics}
 */
public record Correctness(double maxAbsErr, double maxRelErr, Tolerance tolerance, boolean passed, String detail,
                          Map<String, Double> metrics) {

    public Correctness {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** A check without further accuracy figures. */
    public Correctness(double maxAbsErr, double maxRelErr, Tolerance tolerance, boolean passed, String detail) {
        this(maxAbsErr, maxRelErr, tolerance, passed, detail, Map.of());
    }

    /** A copy carrying {@code extra} accuracy figures besides any already present. */
    public Correctness withMetrics(Map<String, Double> extra) {
        Map<String, Double> all = new LinkedHashMap<>(metrics);
        all.putAll(extra);
        return new Correctness(maxAbsErr, maxRelErr, tolerance, passed, detail, all);
    }

    /** Compares element by element with the {@code allclose} rule (rtol scaled by |ref|). */
    public static Correctness compare(float[] out, double[] ref, Tolerance tolerance) {
        return compare(out, ref, i -> Math.abs(ref[i]), tolerance);
    }

    /**
     * Compares element by element, scaling rtol by {@code scale.applyAsDouble(i)}. The first failing element
     * is named in {@link #detail()}.
     */
    public static Correctness compare(float[] out, double[] ref, IntToDoubleFunction scale, Tolerance tolerance) {
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
            double abs;
            if (Double.isFinite(r)) {
                abs = Double.isFinite(o) ? Math.abs(o - r) : Double.POSITIVE_INFINITY;
                double s = scale.applyAsDouble(i);
                if (s != 0) {
                    maxRel = Math.max(maxRel, abs / s);
                }
            } else {
                abs = Double.compare(o, r) == 0 ? 0 : Double.POSITIVE_INFINITY;
            }
            maxAbs = Math.max(maxAbs, abs);
            if (firstBad < 0 && !tolerance.accepts(o, r, scale.applyAsDouble(i))) {
                firstBad = i;
            }
        }
        String detail = firstBad < 0 ? ""
                : "element " + firstBad + " is " + out[firstBad] + ", reference " + ref[firstBad]
                  + " (allowed error " + (tolerance.atol() + tolerance.rtol() * scale.applyAsDouble(firstBad)) + ")";
        return new Correctness(maxAbs, maxRel, tolerance, firstBad < 0, detail);
    }
}
