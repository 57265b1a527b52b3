package dev.mlbench.tracks.softmax;

import dev.mlbench.core.spi.Correctness;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The check the kernel tests rely on is not vacuous: it passes the best fp32 answer and rejects a naive softmax on
 * large logits, a relative error of 2e-5 in one element, a NaN, and a zero where the probability is still
 * representable; it lets through only probabilities flushed to zero below its floor.
 */
class SoftmaxCheckSensitivityTest {

    private static final SoftmaxTrack TRACK = new SoftmaxTrack();

    @Test
    void theReferenceRoundedToFloatPasses() {
        for (SoftmaxDistribution d : SoftmaxDistribution.values()) {
            SoftmaxWorkload w = new SoftmaxWorkload(4, 997, d);
            SoftmaxReference ref = TRACK.reference(w, TRACK.inputs(w, 3));
            Correctness result = SoftmaxTrackTest.check(w, rounded(ref), ref);
            assertTrue(result.passed(), d + ": " + result.detail());
            assertTrue(result.maxRelErr() <= 0x1p-24, d + ": max relative error " + result.maxRelErr());
        }
    }

    @Test
    void aNaiveSoftmaxWithoutTheMaximumFailsOnLargeLogits() {
        SoftmaxWorkload w = new SoftmaxWorkload(4, 1000, SoftmaxDistribution.LARGE);
        SoftmaxInputs in = TRACK.inputs(w, 1);
        float[] out = new float[in.x().length];
        for (int i = 0; i < w.rows(); i++) {
            float sum = 0;
            for (int j = 0; j < w.n(); j++) {
                out[i * w.n() + j] = (float) Math.exp(in.x()[i * w.n() + j]);
                sum += out[i * w.n() + j];
            }
            for (int j = 0; j < w.n(); j++) {
                out[i * w.n() + j] /= sum;
            }
        }
        Correctness result = SoftmaxTrackTest.check(w, out, TRACK.reference(w, in));
        assertFalse(result.passed(), "a naive softmax overflowed and still passed");
    }

    @Test
    void oneElementOffByTwiceTheToleranceFails() {
        SoftmaxWorkload w = new SoftmaxWorkload(2, 513, SoftmaxDistribution.NORMAL);
        SoftmaxReference ref = TRACK.reference(w, TRACK.inputs(w, 9));
        float[] out = rounded(ref);
        out[700] *= 1 + 2e-5f;
        Correctness result = SoftmaxTrackTest.check(w, out, ref);
        assertFalse(result.passed());
        assertTrue(result.detail().startsWith("element 700 "), result.detail());
    }

    @Test
    void aNanFails() {
        SoftmaxWorkload w = new SoftmaxWorkload(1, 64, SoftmaxDistribution.MASKED);
        SoftmaxReference ref = TRACK.reference(w, TRACK.inputs(w, 9));
        float[] out = rounded(ref);
        out[5] = Float.NaN;
        assertFalse(SoftmaxTrackTest.check(w, out, ref).passed());
    }

    @Test
    void aZeroFailsWhereTheProbabilityIsRepresentableButPassesBelowTheFloor() {
        SoftmaxWorkload w = new SoftmaxWorkload(1, 2, SoftmaxDistribution.NORMAL);
        // softmax(0, -50) = (1 - e^-50, e^-50 ≈ 2e-22); softmax(0, -85) = (1, e^-85 ≈ 1.2e-37)
        SoftmaxReference representable = reference(0f, -50f);
        assertFalse(SoftmaxTrackTest.check(w, new float[] {1f, 0f}, representable).passed());
        SoftmaxReference belowFloor = reference(0f, -85f);
        assertTrue(SoftmaxTrackTest.check(w, new float[] {1f, 0f}, belowFloor).passed());
    }

    private static SoftmaxReference reference(float... row) {
        double[] y = new double[row.length];
        SoftmaxTrack.referenceRow(row, 0, row.length, y, 0);
        return new SoftmaxReference(y);
    }

    private static float[] rounded(SoftmaxReference ref) {
        float[] out = new float[ref.y().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ref.y()[i];
        }
        return out;
    }
}
