package dev.mlbench.kernels.cpu.gemm;

import dev.mlbench.core.spi.Correctness;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmLayout;
import dev.mlbench.tracks.gemm.GemmReference;
import dev.mlbench.tracks.gemm.GemmTrack;
import dev.mlbench.tracks.gemm.GemmWorkload;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every GEMM kernel honours the layout, α and β of the workload: C = α·op(A)·op(B) + β·C₀ with C₀ preloaded,
 * on a flat shape (m ≤ 16) and a tall one, on one and two threads; and the check catches a kernel that
 * ignores any of them.
 */
class GemmKernelLayoutTest {

    private static final GemmTrack TRACK = new GemmTrack();
    /** (α, β): the plain product, a scaled one, an update of C, and a negative update. */
    private static final float[][] SCALES = {{1f, 0f}, {-2.5f, 0f}, {1f, 1f}, {0.5f, -1.5f}};

    static Stream<Arguments> kernelsOnEveryLayoutAndScale() {
        List<Arguments> cases = new ArrayList<>();
        for (Named<GemmKernel> kernel : GemmKernelsUnderTest.named()) {
            for (GemmLayout layout : GemmLayout.values()) {
                for (float[] scale : SCALES) {
                    for (int m : new int[] {3, 37}) {
                        GemmWorkload w = new GemmWorkload(m, 53, 71, layout, scale[0], scale[1]);
                        for (int threads : GemmKernelsUnderTest.THREAD_COUNTS) {
                            cases.add(Arguments.of(kernel, Named.of(TRACK.label(w), w), threads));
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on {1}, {2} thread(s)")
    @MethodSource("kernelsOnEveryLayoutAndScale")
    void computesAlphaOpAOpBPlusBetaC(GemmKernel kernel, GemmWorkload w, int threads) throws Exception {
        GemmKernelsUnderTest.assumeRunnable(kernel);
        GemmInputs in = TRACK.inputs(w, 11L * w.hashCode());
        GemmKernelsUnderTest.assertMatchesReferenceTwice(kernel, w, in, TRACK.reference(w, in), threads, "layout, alpha, beta");
    }

    @Test
    void ignoringBetaIsCaught() {
        GemmWorkload update = new GemmWorkload(5, 9, 33, GemmLayout.NN, 1f, 0.25f);
        GemmInputs in = TRACK.inputs(update, 3);
        GemmWorkload plain = new GemmWorkload(5, 9, 33, GemmLayout.NN, 1f, 0f);
        assertFalse(check(update, in, rounded(TRACK.reference(plain, in))).passed(), "an output without beta*C passed");
    }

    @Test
    void ignoringAlphaIsCaught() {
        GemmWorkload scaled = new GemmWorkload(5, 9, 33, GemmLayout.NN, 2f, 0f);
        GemmInputs in = TRACK.inputs(scaled, 4);
        assertFalse(check(scaled, in, rounded(TRACK.reference(new GemmWorkload(5, 9, 33), in))).passed(), "an output without alpha passed");
    }

    @Test
    void readingTheWrongLayoutIsCaught() {
        // Square so that every layout's operands have the same shape and only the indexing differs.
        for (GemmLayout stored : GemmLayout.values()) {
            for (GemmLayout assumed : GemmLayout.values()) {
                if (stored == assumed) {
                    continue;
                }
                GemmWorkload actual = new GemmWorkload(8, 8, 8, stored, 1f, 0f);
                GemmInputs in = TRACK.inputs(actual, 5);
                float[] wrong = rounded(TRACK.reference(new GemmWorkload(8, 8, 8, assumed, 1f, 0f), in));
                assertFalse(check(actual, in, wrong).passed(), "reading " + stored + " operands as " + assumed + " passed");
            }
        }
    }

    @Test
    void theRoundedReferencePassesForEveryLayoutAndScale() {
        for (GemmLayout layout : GemmLayout.values()) {
            for (float[] scale : SCALES) {
                GemmWorkload w = new GemmWorkload(7, 11, 13, layout, scale[0], scale[1]);
                GemmInputs in = TRACK.inputs(w, 6);
                Correctness result = check(w, in, rounded(TRACK.reference(w, in)));
                assertTrue(result.passed(), TRACK.label(w) + ": " + result.detail());
            }
        }
    }

    @Test
    void theInitialCIsDrawnOnlyWhenBetaIsNotZero() {
        assertTrue(TRACK.inputs(new GemmWorkload(3, 4, 5), 1).c().length == 0);
        assertTrue(TRACK.inputs(new GemmWorkload(3, 4, 5, GemmLayout.TN, 1f, 2f), 1).c().length == 12);
    }

    private static Correctness check(GemmWorkload w, GemmInputs in, float[] out) {
        return TRACK.check(w, out, TRACK.reference(w, in), GemmTrack.DEFAULT_TOLERANCE);
    }

    private static float[] rounded(GemmReference ref) {
        float[] out = new float[ref.c().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ref.c()[i];
        }
        return out;
    }
}
