package dev.mlbench.core.spi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The allclose rule and how errors are reported. */
class CorrectnessTest {

    private final Tolerance tol = new Tolerance(1e-6, 1e-3);

    @Test
    void withinAtolPlusRtolPasses() {
        Correctness c = Correctness.compare(new float[] {1.0005f, 0f}, new double[] {1.0, 0.0}, tol);
        assertTrue(c.passed(), c.detail());
        assertEquals(0.0005, c.maxAbsErr(), 1e-6);
    }

    @Test
    void beyondToleranceFailsAndNamesTheFirstBadElement() {
        Correctness c = Correctness.compare(new float[] {1f, 1.01f, 5f}, new double[] {1.0, 1.0, 1.0}, tol);
        assertFalse(c.passed());
        assertTrue(c.detail().startsWith("element 1 is 1.01"), c.detail());
        assertEquals(4.0, c.maxAbsErr(), 1e-6);
    }

    @Test
    void nanOutputForAFiniteReferenceFailsWithInfiniteError() {
        Correctness c = Correctness.compare(new float[] {Float.NaN}, new double[] {1.0}, tol);
        assertFalse(c.passed());
        assertEquals(Double.POSITIVE_INFINITY, c.maxAbsErr());
    }

    @Test
    void infiniteReferenceMustBeMatchedExactly() {
        assertTrue(Correctness.compare(new float[] {Float.NEGATIVE_INFINITY}, new double[] {Double.NEGATIVE_INFINITY}, tol).passed());
        assertFalse(Correctness.compare(new float[] {Float.POSITIVE_INFINITY}, new double[] {Double.NEGATIVE_INFINITY}, tol).passed());
        assertFalse(Correctness.compare(new float[] {0f}, new double[] {Double.NaN}, tol).passed());
    }

    @Test
    void customScaleReplacesAbsRefAndDefinesRelativeError() {
        // ref 0 after cancellation: |ref| scale would demand atol; a magnitude scale of 100 allows 0.1
        Correctness c = Correctness.compare(new float[] {0.05f}, new double[] {0.0}, i -> 100.0, tol);
        assertTrue(c.passed());
        assertEquals(0.05 / 100.0, c.maxRelErr(), 1e-9);
    }

    @Test
    void differentLengthsFail() {
        assertFalse(Correctness.compare(new float[2], new double[3], tol).passed());
    }
}
