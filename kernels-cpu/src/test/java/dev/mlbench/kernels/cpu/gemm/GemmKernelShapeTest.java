package dev.mlbench.kernels.cpu.gemm;

import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmReference;
import dev.mlbench.tracks.gemm.GemmTrack;
import dev.mlbench.tracks.gemm.GemmWorkload;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Every GEMM kernel matches the track's reference on awkward shapes, on one and two threads, run after run. */
class GemmKernelShapeTest {

    private static final GemmTrack TRACK = new GemmTrack();
    /** Lanes of the preferred float species; the vector kernel's tiles are 2 (packed) or 4 (streaming) vectors wide. */
    private static final int L = GemmKernelsUnderTest.preferredFloatLanes();
    /** A reduction long enough for rounding to accumulate, prime so it lines up with no block. */
    private static final int LONG_K = 1031;

    /** Inputs and reference per shape, computed once and shared by every kernel and thread count. */
    private static final Map<GemmWorkload, Operands> OPERANDS = new ConcurrentHashMap<>();

    private record Operands(GemmInputs inputs, GemmReference reference) {
    }

    /** Single elements, prime dimensions that fit no block, a one-long reduction and the LLM decode shape. */
    static Stream<Named<GemmWorkload>> awkwardShapes() {
        return Stream.of(
                shape(1, 1, 1, "a single product"),
                shape(7, 13, 17, "primes"),
                shape(31, 37, 41, "primes"),
                shape(1, 1, 4099, "one output, long reduction"),
                shape(97, 3, 5, "tall and narrow"),
                shape(1, 4096, 4096, "decode"));
    }

    /**
     * Every kind of column tail relative to the vector kernel's 2L- and 4L-column tiles (one short, exact, one
     * over, a lone vector with a scalar tail either side, two tiles and a vector-plus-scalar tail), crossed
     * with row counts on both sides of the streaming/packed threshold (16 rows) and of a 6-row tile, and with
     * a reduction of one and a long one. (VectorGemmPathsTest crosses every block of the vector kernel.)
     */
    static Stream<Named<GemmWorkload>> tailShapes() {
        int[] ms = {1, 2, 3, 16, 17, 65};
        int[] ns = {L - 1, L + 1, 4 * L - 1, 4 * L, 4 * L + 1, 8 * L + 3};
        int[] ks = {1, LONG_K};
        List<Named<GemmWorkload>> shapes = new ArrayList<>();
        for (int k : ks) {
            for (int m : ms) {
                for (int n : ns) {
                    shapes.add(shape(m, n, k, "L=" + L));
                }
            }
        }
        return shapes.stream();
    }

    static Stream<Arguments> kernelsOnAwkwardShapes() {
        return crossWithKernelsAndThreads(awkwardShapes());
    }

    static Stream<Arguments> kernelsOnTailShapes() {
        return crossWithKernelsAndThreads(tailShapes());
    }

    @ParameterizedTest(name = "{0} on {1}, {2} thread(s)")
    @MethodSource("kernelsOnAwkwardShapes")
    void matchesReferenceOnAwkwardShapesAndRepeatsExactly(GemmKernel kernel, GemmWorkload w, int threads) throws Exception {
        GemmKernelsUnderTest.assumeRunnable(kernel);
        Operands operands = operands(w);
        GemmKernelsUnderTest.assertMatchesReferenceTwice(kernel, w, operands.inputs(), operands.reference(), threads, "awkward shape");
    }

    @ParameterizedTest(name = "{0} on {1}, {2} thread(s)")
    @MethodSource("kernelsOnTailShapes")
    void matchesReferenceOnEveryBlockTailAndRepeatsExactly(GemmKernel kernel, GemmWorkload w, int threads) throws Exception {
        GemmKernelsUnderTest.assumeRunnable(kernel);
        Operands operands = operands(w);
        GemmKernelsUnderTest.assertMatchesReferenceTwice(kernel, w, operands.inputs(), operands.reference(), threads, "block tails");
    }

    private static Stream<Arguments> crossWithKernelsAndThreads(Stream<Named<GemmWorkload>> shapes) {
        List<Named<GemmKernel>> kernels = GemmKernelsUnderTest.named();
        return shapes.flatMap(shape -> kernels.stream().flatMap(kernel ->
                java.util.Arrays.stream(GemmKernelsUnderTest.THREAD_COUNTS).mapToObj(t -> Arguments.of(kernel, shape, t))));
    }

    private static Named<GemmWorkload> shape(int m, int n, int k, String note) {
        GemmWorkload w = new GemmWorkload(m, n, k);
        return Named.of(TRACK.label(w) + " (" + note + ")", w);
    }

    private static Operands operands(GemmWorkload w) {
        return OPERANDS.computeIfAbsent(w, shape -> {
            GemmInputs inputs = TRACK.inputs(shape, 31L * shape.hashCode() + 7);
            return new Operands(inputs, TRACK.reference(shape, inputs));
        });
    }
}
