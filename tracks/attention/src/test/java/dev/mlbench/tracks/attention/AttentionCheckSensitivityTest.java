package dev.mlbench.tracks.attention;

import dev.mlbench.core.spi.Correctness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The check the kernel tests rely on is not vacuous: it accepts the reference rounded to fp32, and rejects the
 * mistakes an attention kernel makes: one key left out, a causal mask off by one, a NaN.
 */
class AttentionCheckSensitivityTest {

    private static final AttentionTrack TRACK = new AttentionTrack();

    private static float[] rounded(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    /** Row i of head 0 computed over keys 0 .. keys−1 only, in double, written over {@code out}. */
    private static void overwriteRow(AttentionWorkload w, AttentionInputs in, int i, int keys, float[] out) {
        int d = w.headDim();
        double[] s = new double[keys];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < keys; j++) {
            for (int c = 0; c < d; c++) {
                s[j] += (double) in.q()[i * d + c] * in.k()[j * d + c];
            }
            s[j] /= Math.sqrt(d);
            max = Math.max(max, s[j]);
        }
        double sum = 0;
        for (int j = 0; j < keys; j++) {
            s[j] = Math.exp(s[j] - max);
            sum += s[j];
        }
        for (int c = 0; c < d; c++) {
            double o = 0;
            for (int j = 0; j < keys; j++) {
                o += s[j] * in.v()[j * d + c];
            }
            out[i * d + c] = (float) (o / sum);
        }
    }

    private static Correctness check(AttentionWorkload w, float[] out, AttentionReference ref) {
        return TRACK.check(w, out, ref, AttentionTrack.DEFAULT_TOLERANCE);
    }

    @ParameterizedTest(name = "large logits: {0}")
    @ValueSource(booleans = {false, true})
    void theReferenceRoundedToFloatPasses(boolean large) {
        AttentionWorkload w = new AttentionWorkload(1, 2, 1, 64, 1024, 64, true, large);
        AttentionInputs in = TRACK.inputs(w, 5);
        AttentionReference ref = TRACK.reference(w, in);
        Correctness result = check(w, rounded(ref.o()), ref);
        assertTrue(result.passed(), result.detail());
    }

    @ParameterizedTest(name = "row {0}")
    @ValueSource(ints = {0, 31, 63})
    void aRowMissingItsLastKeyFails(int row) {
        AttentionWorkload w = new AttentionWorkload(1, 1, 1, 64, 1024, 64, false, false);
        AttentionInputs in = TRACK.inputs(w, 6);
        AttentionReference ref = TRACK.reference(w, in);
        float[] out = rounded(ref.o());
        overwriteRow(w, in, row, w.seqKv() - 1, out);

        Correctness result = check(w, out, ref);

        assertFalse(result.passed(), "dropping the last key of row " + row + " went unnoticed");
        assertTrue(result.detail().startsWith("element " + row * 64), result.detail());
    }

    @ParameterizedTest(name = "row {0}")
    @ValueSource(ints = {3, 500, 1022})
    void aCausalMaskOffByOneFails(int row) {
        AttentionWorkload w = new AttentionWorkload(1, 1, 1, 1024, 1024, 64, true, false);
        AttentionInputs in = TRACK.inputs(w, 7);
        AttentionReference ref = TRACK.reference(w, in);
        float[] out = rounded(ref.o());
        overwriteRow(w, in, row, w.visibleKeys(row) + 1, out);

        assertFalse(check(w, out, ref).passed(), "row " + row + " seeing one key too many went unnoticed");
    }

    @Test
    void aNanInTheOutputFails() {
        AttentionWorkload w = new AttentionWorkload(1, 1, 1, 3, 5, 8, false, true);
        AttentionInputs in = TRACK.inputs(w, 8);
        AttentionReference ref = TRACK.reference(w, in);
        float[] out = rounded(ref.o());
        out[7] = Float.NaN;

        assertFalse(check(w, out, ref).passed());
    }
}
