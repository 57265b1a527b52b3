package dev.mlbench.examples.rmsnorm;

import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Prepared;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both kernels against the double reference on awkward row lengths, with huge and tiny rows. */
class RmsNormKernelsTest {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private static final RmsNormTrack TRACK = new RmsNormTrack();

    @AfterAll
    static void shutdown() {
        POOL.shutdownNow();
    }

    static Stream<Integer> lengths() {
        // 1, primes, and every tail around one, two and four vectors of the widest species (16 floats)
        return Stream.concat(Stream.of(1, 2, 3, 7, 31, 97, 4099), IntStream.rangeClosed(13, 67).boxed());
    }

    private static float[] run(RmsNormKernel kernel, RmsNormTrack.Workload w, RmsNormTrack.Inputs in, int threads) throws Exception {
        try (Prepared<float[]> p = kernel.prepare(w, in, new KernelConfig(new ParamValues(Map.of()), threads, POOL))) {
            p.run();
            return p.output();
        }
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void bothKernelsMatchTheReference(int n) throws Exception {
        RmsNormTrack.Workload w = new RmsNormTrack.Workload(3, n, 1e-6);
        RmsNormTrack.Inputs in = TRACK.inputs(w, n);
        double[] ref = TRACK.reference(w, in);
        for (RmsNormKernel k : new RmsNormKernel[] {new ScalarRmsNorm(), new VectorRmsNorm()}) {
            for (int threads : new int[] {1, 2}) {
                Correctness c = TRACK.check(w, run(k, w, in, threads), ref, TRACK.defaultTolerance());
                assertTrue(c.passed(), k.name() + " n=" + n + " threads=" + threads + ": " + c.detail());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void hugeAndTinyRowsStayFinite(int n) throws Exception {
        RmsNormTrack.Workload w = new RmsNormTrack.Workload(2, n, 1e-6);
        float[] x = new float[2 * n];
        for (int i = 0; i < n; i++) {
            x[i] = 1e18f * (i % 2 == 0 ? 1 : -1); // each square fits float (1e36), their sum over n > 340 does not
            x[n + i] = 1e-20f;                    // squares underflow: eps dominates
        }
        float[] g = new float[n];
        java.util.Arrays.fill(g, 1f);
        RmsNormTrack.Inputs in = new RmsNormTrack.Inputs(x, g);
        double[] ref = TRACK.reference(w, in);
        Correctness c = TRACK.check(w, run(new VectorRmsNorm(), w, in, 2), ref, TRACK.defaultTolerance());
        assertTrue(c.passed(), "n=" + n + ": " + c.detail());
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void aWrongKernelIsCaught(int n) throws Exception {
        RmsNormTrack.Workload w = new RmsNormTrack.Workload(2, n, 1e-6);
        RmsNormTrack.Inputs in = TRACK.inputs(w, 7);
        float[] y = run(new VectorRmsNorm(), w, in, 1);
        y[y.length - 1] *= 1.001f; // the last element: the scalar tail of the vector loop
        assertFalse(TRACK.check(w, y, TRACK.reference(w, in), TRACK.defaultTolerance()).passed());
    }
}
