package dev.mlbench.kernels.cpu.softmax;

import dev.mlbench.tracks.softmax.SoftmaxDistribution;
import dev.mlbench.tracks.softmax.SoftmaxInputs;
import dev.mlbench.tracks.softmax.SoftmaxReference;
import dev.mlbench.tracks.softmax.SoftmaxTrack;
import dev.mlbench.tracks.softmax.SoftmaxWorkload;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static dev.mlbench.tracks.softmax.SoftmaxDistribution.CONSTANT;
import static dev.mlbench.tracks.softmax.SoftmaxDistribution.LARGE;
import static dev.mlbench.tracks.softmax.SoftmaxDistribution.MASKED;
import static dev.mlbench.tracks.softmax.SoftmaxDistribution.NORMAL;

/**
 * Every softmax kernel, with each exp, matches the reference within a relative error of 1e-5 with no NaN or
 * infinity, on awkward lengths and on hostile rows, on one and two threads, run after run. Rows shorter than a
 * vector run one row per lane, so their shapes include more rows than lanes, with full and partial groups.
 */
class SoftmaxKernelShapeTest {

    private static final SoftmaxTrack TRACK = new SoftmaxTrack();
    private static final int L = SoftmaxAlgorithm.L;
    private static final int BLOCK = SoftmaxAlgorithm.BLOCK;

    /** Inputs and reference per workload, computed once and shared by every kernel and thread count. */
    private static final Map<SoftmaxWorkload, Operands> OPERANDS = new ConcurrentHashMap<>();

    private record Operands(SoftmaxInputs inputs, SoftmaxReference reference) {
    }

    /** Single elements, prime lengths that fit no vector, and lengths that cross the fp32 summation block. */
    static Stream<Named<SoftmaxWorkload>> awkwardLengths() {
        return Stream.of(
                shape(1, 1, NORMAL, "a single element"),
                shape(9, 1, NORMAL, "rows of one element"),
                shape(3, 7, NORMAL, "prime"),
                shape(2, 13, NORMAL, "prime"),
                shape(1, 31, NORMAL, "prime"),
                shape(5, 97, NORMAL, "prime"),
                shape(2 * L + 5, 7, NORMAL, "short rows: two groups of a row per lane and a tail group"),
                shape(L, L - 1, NORMAL, "short rows: one full group"),
                shape(1, 1031, NORMAL, "prime, split over threads"),
                shape(2, BLOCK - 1, NORMAL, "one short of a summation block"),
                shape(1, BLOCK + 1, NORMAL, "one past a summation block"),
                shape(1, 3 * BLOCK + 4 * L + 3, NORMAL, "three blocks and a tail"));
    }

    /**
     * Every kind of tail relative to the vector (L lanes) and to the four-vector unrolled loops: one short, exact,
     * one over, for one, two and four vectors, and two unrolled steps with a vector and a scalar tail.
     */
    static Stream<Named<SoftmaxWorkload>> vectorTails() {
        int[] ns = {L - 1, L, L + 1, 2 * L - 1, 2 * L, 2 * L + 1, 3 * L + 1, 4 * L - 1, 4 * L, 4 * L + 1, 8 * L + L + 3};
        List<Named<SoftmaxWorkload>> shapes = new ArrayList<>();
        for (int n : ns) {
            shapes.add(shape(3, n, NORMAL, "L=" + L));
            shapes.add(shape(1, n, NORMAL, "L=" + L));
        }
        return shapes.stream();
    }

    /**
     * Rows where exp of a logit overflows fp32 unless the maximum is handled (±1e4), rows of -inf with one
     * finite logit, all-equal rows, and single elements of each, on vector tails and across blocks.
     */
    static Stream<Named<SoftmaxWorkload>> hostileRows() {
        List<Named<SoftmaxWorkload>> shapes = new ArrayList<>();
        for (SoftmaxDistribution d : List.of(LARGE, MASKED, CONSTANT)) {
            shapes.add(shape(7, 1, d, "single elements"));
            shapes.add(shape(4, L - 1, d, "under one vector"));
            shapes.add(shape(3 * L + 1, 1, d, "single elements, a row per lane, a tail group of one"));
            shapes.add(shape(2 * L + 3, 7, d, "short rows, a row per lane"));
            shapes.add(shape(5, 4 * L + 3, d, "unrolled step and tails"));
            shapes.add(shape(2, 1031, d, "prime"));
            shapes.add(shape(1, 2 * BLOCK + 7, d, "across blocks, split over threads"));
            shapes.add(shape(1, 10 * BLOCK + 5, d, "ten blocks: fp32 rounding of the block sums adds up"));
        }
        return shapes.stream();
    }

    static Stream<Arguments> kernelsOnAwkwardLengths() {
        return crossWithKernelsAndThreads(awkwardLengths());
    }

    static Stream<Arguments> kernelsOnVectorTails() {
        return crossWithKernelsAndThreads(vectorTails());
    }

    static Stream<Arguments> kernelsOnHostileRows() {
        return crossWithKernelsAndThreads(hostileRows());
    }

    @ParameterizedTest(name = "{0} on {1}, {2} thread(s)")
    @MethodSource("kernelsOnAwkwardLengths")
    void matchesReferenceOnAwkwardLengths(SoftmaxKernelsUnderTest.Setup setup, SoftmaxWorkload w, int threads) throws Exception {
        check(setup, w, threads);
    }

    @ParameterizedTest(name = "{0} on {1}, {2} thread(s)")
    @MethodSource("kernelsOnVectorTails")
    void matchesReferenceOnEveryVectorTail(SoftmaxKernelsUnderTest.Setup setup, SoftmaxWorkload w, int threads) throws Exception {
        check(setup, w, threads);
    }

    @ParameterizedTest(name = "{0} on {1}, {2} thread(s)")
    @MethodSource("kernelsOnHostileRows")
    void matchesReferenceOnHostileRows(SoftmaxKernelsUnderTest.Setup setup, SoftmaxWorkload w, int threads) throws Exception {
        check(setup, w, threads);
    }

    private static void check(SoftmaxKernelsUnderTest.Setup setup, SoftmaxWorkload w, int threads) throws Exception {
        SoftmaxKernelsUnderTest.assumeRunnable(setup.kernel());
        Operands operands = operands(w);
        SoftmaxKernelsUnderTest.assertMatchesReferenceTwice(setup, w, operands.inputs(), operands.reference(), threads);
    }

    private static Stream<Arguments> crossWithKernelsAndThreads(Stream<Named<SoftmaxWorkload>> shapes) {
        List<SoftmaxKernelsUnderTest.Setup> setups = SoftmaxKernelsUnderTest.all();
        return shapes.flatMap(shape -> setups.stream().flatMap(setup ->
                Arrays.stream(SoftmaxKernelsUnderTest.THREAD_COUNTS).mapToObj(t -> Arguments.of(setup, shape, t))));
    }

    private static Named<SoftmaxWorkload> shape(int rows, int n, SoftmaxDistribution d, String note) {
        SoftmaxWorkload w = new SoftmaxWorkload(rows, n, d);
        return Named.of(TRACK.label(w) + " (" + note + ")", w);
    }

    private static Operands operands(SoftmaxWorkload w) {
        return OPERANDS.computeIfAbsent(w, shape -> {
            SoftmaxInputs inputs = TRACK.inputs(shape, 31L * (31L * shape.rows() + shape.n()) + shape.distribution().ordinal());
            return new Operands(inputs, TRACK.reference(shape, inputs));
        });
    }
}
