package dev.mlbench.kernels.cpu.gemm;

import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmReference;
import dev.mlbench.tracks.gemm.GemmTrack;
import dev.mlbench.tracks.gemm.GemmWorkload;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every GEMM kernel passes the track's check on inputs built to break naive kernels: extreme scales, outliers, cancellation. */
class GemmKernelHostileInputTest {

    private static final int L = GemmKernelsUnderTest.preferredFloatLanes();
    /** A flat shape (column-split path) and a tall one (row-split path), both with a column tail and an odd k. */
    private static final List<GemmWorkload> SHAPES = List.of(
            new GemmWorkload(3, 4 * L + 3, 257),
            new GemmWorkload(65, 4 * L + 3, 257));

    /** Builds one hostile input for a shape. */
    private record Hostile(String name, Function<GemmWorkload, GemmInputs> build) {
    }

    static Stream<Hostile> hostileInputs() {
        return Stream.of(
                // |a|, |b| up to 1e15: each product is up to 1e30 and k = 257 of them sum to well below fp32's 3.4e38.
                new Hostile("huge magnitudes (1e15)", w -> new GemmInputs(uniform(w.m() * w.k(), 1e15, 1), uniform(w.k() * w.n(), 1e15, 2))),
                // Products near 1e-30, still normal in fp32: a kernel that flushes them to zero misses by more than atol.
                new Hostile("tiny A (1e-30)", w -> new GemmInputs(uniform(w.m() * w.k(), 1e-30, 3), uniform(w.k() * w.n(), 1, 4))),
                // Products near 1e-38, fp32's smallest normal: partial sums go subnormal.
                new Hostile("subnormal-adjacent products (1e-19 x 1e-19)", w -> new GemmInputs(uniform(w.m() * w.k(), 1e-19, 5), uniform(w.k() * w.n(), 1e-19, 6))),
                new Hostile("an outlier channel (column 3 of A at 1e4)", GemmKernelHostileInputTest::outlierChannel),
                new Hostile("mixed signs that cancel to a small residual", GemmKernelHostileInputTest::cancellingPairs));
    }

    static Stream<Arguments> kernelsOnHostileInputs() {
        List<Named<GemmKernel>> kernels = GemmKernelsUnderTest.named();
        return hostileInputs().flatMap(hostile -> SHAPES.stream().flatMap(w -> kernels.stream().flatMap(kernel ->
                Arrays.stream(GemmKernelsUnderTest.THREAD_COUNTS).mapToObj(t -> Arguments.of(
                        kernel, Named.of(hostile.name(), hostile), Named.of(new GemmTrack().label(w), w), t)))));
    }

    @ParameterizedTest(name = "{0} with {1} on {2}, {3} thread(s)")
    @MethodSource("kernelsOnHostileInputs")
    void passesTheTrackCheckOnHostileInputs(GemmKernel kernel, Hostile hostile, GemmWorkload w, int threads) throws Exception {
        GemmKernelsUnderTest.assumeRunnable(kernel);
        GemmInputs inputs = hostile.build().apply(w);
        GemmReference ref = GemmTrack.referenceProduct(w, inputs);
        GemmKernelsUnderTest.assertMatchesReferenceTwice(kernel, w, inputs, ref, threads, hostile.name());
    }

    @Test
    void everyHostileInputHasAReferenceThatFitsInAFloat() {
        GemmWorkload w = SHAPES.get(0);
        for (Hostile hostile : hostileInputs().toList()) {
            GemmReference ref = GemmTrack.referenceProduct(w, hostile.build().apply(w));
            for (double c : ref.c()) {
                assertTrue(Double.isFinite(c) && Math.abs(c) < Float.MAX_VALUE, hostile.name() + ": reference " + c + " is not a finite float");
            }
        }
    }

    @Test
    void cancellingPairsLeaveOnlyAResidualFarBelowTheErrorScale() {
        GemmWorkload w = SHAPES.get(0);
        GemmReference ref = GemmTrack.referenceProduct(w, cancellingPairs(w));
        for (int i = 0; i < ref.c().length; i++) {
            assertTrue(Math.abs(ref.c()[i]) < 1e-6 * ref.magnitude()[i],
                    "element " + i + " is " + ref.c()[i] + " against a magnitude of " + ref.magnitude()[i]);
        }
    }

    @Test
    void theOutlierChannelIsOneColumnOfAInEveryRow() {
        GemmWorkload w = SHAPES.get(0);
        float[] a = outlierChannel(w).a();
        for (int i = 0; i < w.m(); i++) {
            assertEquals(1e4f, a[i * w.k() + 3], "row " + i);
            assertTrue(Math.abs(a[i * w.k() + 4]) <= 1, "row " + i + ", next column");
        }
    }

    /** A uniform in [-1, 1) except column 3, which is 1e4 in every row: the activation outliers of LLMs. */
    private static GemmInputs outlierChannel(GemmWorkload w) {
        float[] a = uniform(w.m() * w.k(), 1, 7);
        for (int i = 0; i < w.m(); i++) {
            a[i * w.k() + 3] = 1e4f;
        }
        return new GemmInputs(a, uniform(w.k() * w.n(), 1, 8));
    }

    /**
     * Rows of B come in equal pairs and A's elements in opposite pairs of magnitude up to 1e3, so each pair of
     * products cancels exactly; the last reduction index (k is odd) adds a small residual of magnitude 1e-3.
     */
    private static GemmInputs cancellingPairs(GemmWorkload w) {
        int m = w.m();
        int n = w.n();
        int k = w.k();
        float[] a = uniform(m * k, 1e3, 9);
        float[] b = uniform(k * n, 1, 10);
        for (int i = 0; i < m; i++) {
            for (int p = 0; p + 1 < k; p += 2) {
                a[i * k + p + 1] = -a[i * k + p];
            }
            if (k % 2 == 1) {
                a[i * k + k - 1] *= 1e-6f;
            }
        }
        for (int p = 0; p + 1 < k; p += 2) {
            System.arraycopy(b, p * n, b, (p + 1) * n, n);
        }
        return new GemmInputs(a, b);
    }

    /** Uniform in [-scale, scale), seeded. */
    private static float[] uniform(int length, double scale, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return x;
    }
}
