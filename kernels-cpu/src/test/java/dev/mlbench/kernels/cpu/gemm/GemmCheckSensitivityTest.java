package dev.mlbench.kernels.cpu.gemm;

import dev.mlbench.core.spi.Correctness;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmReference;
import dev.mlbench.tracks.gemm.GemmTrack;
import dev.mlbench.tracks.gemm.GemmWorkload;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The track check the kernel tests rely on is not vacuous: on the decode shape it rejects one dropped product term and any NaN. */
class GemmCheckSensitivityTest {

    private static final GemmTrack TRACK = new GemmTrack();
    private static final GemmWorkload DECODE = new GemmWorkload(1, 4096, 4096);

    private static GemmInputs inputs;
    private static GemmReference reference;
    /** The reference rounded to fp32: the best output a kernel can give. */
    private static float[] exact;

    @BeforeAll
    static void computeDecodeReference() {
        inputs = TRACK.inputs(DECODE, 2024);
        reference = TRACK.reference(DECODE, inputs);
        exact = new float[reference.c().length];
        for (int j = 0; j < exact.length; j++) {
            exact[j] = (float) reference.c()[j];
        }
    }

    @Test
    void theReferenceRoundedToFloatPasses() {
        Correctness result = check(exact);
        assertTrue(result.passed(), result.detail());
    }

    @ParameterizedTest(name = "element {0}")
    @ValueSource(ints = {0, 2047, 4095})
    void anElementMissingOneTypicalProductTermFails(int j) {
        int n = DECODE.n();
        float[] a = inputs.a();
        float[] b = inputs.b();
        // The median-sized term of element j: dropping it is a typical single-term error, not the easiest one.
        Integer[] terms = new Integer[DECODE.k()];
        Arrays.setAll(terms, p -> p);
        Arrays.sort(terms, (p, q) -> Double.compare(Math.abs((double) a[p] * b[p * n + j]), Math.abs((double) a[q] * b[q * n + j])));
        int median = terms[terms.length / 2];
        float[] corrupted = exact.clone();
        corrupted[j] = (float) (reference.c()[j] - (double) a[median] * b[median * n + j]);

        Correctness result = check(corrupted);

        assertFalse(result.passed(), "dropping term " + median + " of element " + j + " went unnoticed");
        assertTrue(result.detail().startsWith("element " + j + " "), result.detail());
    }

    @Test
    void aNanInTheOutputFails() {
        float[] corrupted = exact.clone();
        corrupted[1234] = Float.NaN;

        Correctness result = check(corrupted);

        assertFalse(result.passed());
        assertTrue(result.detail().startsWith("element 1234 "), result.detail());
    }

    @Test
    void anInfinityInTheOutputFails() {
        float[] corrupted = exact.clone();
        corrupted[4095] = Float.POSITIVE_INFINITY;

        assertFalse(check(corrupted).passed());
    }

    @Test
    void anOutputOfTheWrongLengthFails() {
        assertFalse(check(Arrays.copyOf(exact, exact.length - 1)).passed());
    }

    private static Correctness check(float[] output) {
        return TRACK.check(DECODE, output, reference, GemmTrack.DEFAULT_TOLERANCE);
    }
}
