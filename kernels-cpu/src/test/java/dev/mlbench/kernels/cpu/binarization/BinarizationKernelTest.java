package dev.mlbench.kernels.cpu.binarization;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Backend;
import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.Kernel;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.tracks.binarization.BinarizationAlgorithm;
import dev.mlbench.tracks.binarization.BinarizationInputs;
import dev.mlbench.tracks.binarization.BinarizationKernel;
import dev.mlbench.tracks.binarization.BinarizationOutput;
import dev.mlbench.tracks.binarization.BinarizationReference;
import dev.mlbench.tracks.binarization.BinarizationTrack;
import dev.mlbench.tracks.binarization.BinarizationWorkload;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every registered binarization kernel passes the track's check (exact for binary kernels) on awkward
 * shapes, every algorithm, noisy inputs and hostile values, on one and two threads, and repeats exactly.
 */
class BinarizationKernelTest {

    private static final BinarizationTrack TRACK = new BinarizationTrack();
    private static final Map<BinarizationWorkload, Operands> OPERANDS = new ConcurrentHashMap<>();

    private record Operands(BinarizationInputs inputs, BinarizationReference reference) {
    }

    @SuppressWarnings("rawtypes")
    static List<BinarizationKernel> kernels() {
        List<BinarizationKernel> out = new ArrayList<>();
        for (Kernel k : ServiceLoader.load(Kernel.class)) {
            if (BinarizationTrack.NAME.equals(k.track())) {
                out.add((BinarizationKernel) k);
            }
        }
        return out;
    }

    static Stream<Named<BinarizationWorkload>> shapes() {
        BinarizationAlgorithm x = BinarizationAlgorithm.XNOR_NET;
        List<BinarizationWorkload> w = new ArrayList<>(List.of(
                BinarizationWorkload.gemm(1, 1, 1, x),
                BinarizationWorkload.gemm(7, 13, 17, x),
                BinarizationWorkload.gemm(5, 33, 64, x),
                BinarizationWorkload.gemm(9, 17, 65, x),
                BinarizationWorkload.gemm(13, 31, 1031, x),
                BinarizationWorkload.pack(1, 1, x),
                BinarizationWorkload.pack(7, 130, x),
                BinarizationWorkload.pack(3, 1031, BinarizationAlgorithm.REACTNET),
                BinarizationWorkload.conv3x3(1, 1, 1, 1, x),
                BinarizationWorkload.conv3x3(3, 5, 7, 9, x),
                BinarizationWorkload.conv3x3(64, 6, 5, 17, x),
                BinarizationWorkload.conv3x3(65, 4, 3, 16, x),
                BinarizationWorkload.conv3x3(130, 3, 9, 5, x),
                BinarizationWorkload.gemm(6, 10, 100, x).withNoise(0.5)));
        for (BinarizationAlgorithm a : BinarizationAlgorithm.values()) {
            w.add(BinarizationWorkload.gemm(11, 19, 200, a));
            w.add(BinarizationWorkload.conv3x3(20, 5, 6, 18, a));
        }
        return w.stream().map(s -> Named.of(TRACK.label(s), s));
    }

    static Stream<Arguments> cases() {
        List<BinarizationKernel> kernels = kernels();
        return shapes().flatMap(shape -> kernels.stream().flatMap(kernel ->
                Stream.of(1, 2).map(t -> Arguments.of(Named.of(kernel.name(), kernel), shape, t))));
    }

    @ParameterizedTest(name = "{0} on {1}, {2} thread(s)")
    @MethodSource("cases")
    void passesTheTrackCheckAndRepeatsExactly(BinarizationKernel kernel, BinarizationWorkload w, int threads) throws Exception {
        assumeRunnable(kernel);
        Assumptions.assumeTrue(kernel.unsupported(w).isEmpty(), () -> kernel.name() + " declines " + TRACK.label(w));
        Operands o = operands(w);
        BinarizationOutput[] outputs = runTwice(kernel, w, o.inputs(), threads, defaults(kernel));
        for (BinarizationOutput out : outputs) {
            Correctness c = TRACK.check(w, out, o.reference(), BinarizationTrack.DEFAULT_TOLERANCE);
            assertTrue(c.passed(), () -> kernel.name() + " on " + TRACK.label(w) + ": " + c.detail());
        }
        assertArrayEquals(outputs[0].values(), outputs[1].values(), "second run differs");
        if (outputs[0].packed() != null) {
            assertArrayEquals(outputs[0].packed(), outputs[1].packed(), "second run differs");
        }
    }

    @Test
    void fp32KernelsDeclinePackAndServeTheOtherOps() {
        for (BinarizationKernel kernel : kernels()) {
            boolean fp32 = kernel.name().startsWith("fp32");
            assertTrue(kernel.unsupported(BinarizationWorkload.pack(2, 3, BinarizationAlgorithm.BNN)).isPresent() == fp32, kernel.name());
            assertTrue(kernel.unsupported(BinarizationWorkload.gemm(2, 3, 4, BinarizationAlgorithm.BNN)).isEmpty(), kernel.name());
        }
    }

    @Test
    void harleySealPassesTheSameChecksAsPlainCounting() throws Exception {
        BlockedBinaryKernel kernel = new BlockedBinaryKernel();
        assumeRunnable(kernel);
        for (BinarizationWorkload w : List.of(BinarizationWorkload.gemm(9, 17, 1031, BinarizationAlgorithm.XNOR_NET),
                BinarizationWorkload.conv3x3(65, 4, 3, 16, BinarizationAlgorithm.XNOR_PP),
                BinarizationWorkload.gemm(3, 40, 64 * 9 + 5, BinarizationAlgorithm.REACTNET))) {
            Operands o = operands(w);
            for (int threads : new int[] {1, 2}) {
                BinarizationOutput out = runTwice(kernel, w, o.inputs(), threads, new ParamValues(Map.of("csa", 1L)))[1];
                Correctness c = TRACK.check(w, out, o.reference(), BinarizationTrack.DEFAULT_TOLERANCE);
                assertTrue(c.passed(), () -> TRACK.label(w) + ": " + c.detail());
            }
        }
    }

    @Test
    void hostileActivationsAreBinarizedAsTheReferenceSays() throws Exception {
        BinarizationWorkload w = BinarizationWorkload.gemm(4, 9, 70, BinarizationAlgorithm.BNN);
        BinarizationInputs clean = TRACK.inputs(w, 1);
        float[] a = clean.activations().clone();
        float[] special = {0f, -0f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, -Float.MIN_VALUE, 1e30f, -1e30f};
        for (int i = 0; i < a.length; i += 3) {
            a[i] = special[i % special.length];
        }
        BinarizationInputs in = new BinarizationInputs(a, a, clean.weights(), clean.calibration());
        BinarizationReference ref = TRACK.reference(w, in);
        for (BinarizationKernel kernel : kernels()) {
            if (kernel.name().startsWith("fp32")) {
                continue; // the fp32 operator of infinities and NaN is not defined
            }
            if (!runnable(kernel)) {
                continue;
            }
            BinarizationOutput out = runTwice(kernel, w, in, 2, defaults(kernel))[0];
            Correctness c = TRACK.check(w, out, ref, BinarizationTrack.DEFAULT_TOLERANCE);
            assertTrue(c.passed(), () -> kernel.name() + ": " + c.detail());
        }
    }

    @Test
    void theCheckRejectsAPopcountOffByOneAndAFlippedBit() throws Exception {
        BinarizationWorkload gemm = BinarizationWorkload.gemm(7, 13, 4096, BinarizationAlgorithm.XNOR_NET);
        Operands o = operands(gemm);
        BinarizationOutput out = runTwice(new ScalarBinaryKernel(), gemm, o.inputs(), 1, ParamValues.empty())[0];
        float[] y = out.values().clone();
        double[] exact = o.reference().binary();
        double[] scale = o.reference().binaryScale();
        // the same output with one dot product off by 2 (one popcount off by one), at the largest |dot|
        int worst = 0;
        for (int i = 0; i < y.length; i++) {
            if (scale[i] > scale[worst]) {
                worst = i;
            }
        }
        y[worst] += 2 * (float) rcOf(o, worst);
        assertFalse(TRACK.check(gemm, BinarizationOutput.binary(y), o.reference(), BinarizationTrack.DEFAULT_TOLERANCE).passed(),
                "an off-by-one popcount at the largest |dot| must fail");

        BinarizationWorkload pack = BinarizationWorkload.pack(3, 100, BinarizationAlgorithm.BNN);
        Operands p = operands(pack);
        BinarizationOutput packed = runTwice(new ScalarBinaryKernel(), pack, p.inputs(), 1, ParamValues.empty())[0];
        long[] bits = packed.packed().clone();
        bits[3] ^= 1L << 35;
        assertFalse(TRACK.check(pack, BinarizationOutput.packed(bits, packed.values()), p.reference(),
                BinarizationTrack.DEFAULT_TOLERANCE).passed());
        assertFalse(TRACK.check(gemm, BinarizationOutput.fp32(out.values()), o.reference(), BinarizationTrack.DEFAULT_TOLERANCE).passed(),
                "the binary output is far from the fp32 operator");
    }

    /** |r_i c_j| of output {@code index}: the reference scale divided by (|dot| + 1). */
    private static double rcOf(Operands o, int index) {
        double scale = o.reference().binaryScale()[index];
        double value = Math.abs(o.reference().binary()[index]);
        // scale = rc(|dot| + 1), value = rc|dot|  =>  rc = scale - value
        return scale - value;
    }

    static BinarizationOutput[] runTwice(BinarizationKernel kernel, BinarizationWorkload w, BinarizationInputs in, int threads,
                                         ParamValues params) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads);
             Prepared<BinarizationOutput> prepared = kernel.prepare(w, in, new KernelConfig(params, threads, pool))) {
            prepared.run();
            BinarizationOutput first = copy(prepared.output());
            prepared.run();
            return new BinarizationOutput[] {first, copy(prepared.output())};
        }
    }

    private static BinarizationOutput copy(BinarizationOutput o) {
        return new BinarizationOutput(o.kind(), o.packed() == null ? null : o.packed().clone(), o.values().clone());
    }

    static ParamValues defaults(BinarizationKernel kernel) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParamSpec spec : kernel.tunables()) {
            values.put(spec.name(), spec.defaultValue());
        }
        return new ParamValues(values);
    }

    private static boolean runnable(BinarizationKernel kernel) {
        return availability(kernel).available();
    }

    private static Availability availability(BinarizationKernel kernel) {
        for (Backend b : ServiceLoader.load(Backend.class)) {
            if (b.name().equals(kernel.backend())) {
                return b.probe().and(kernel.availability());
            }
        }
        return Availability.unavailable("no backend " + kernel.backend());
    }

    private static void assumeRunnable(BinarizationKernel kernel) {
        Availability a = availability(kernel);
        Assumptions.assumeTrue(a.available(), () -> kernel.name() + " cannot run here: " + a.reason());
    }

    private static Operands operands(BinarizationWorkload w) {
        return OPERANDS.computeIfAbsent(w, s -> {
            BinarizationInputs in = TRACK.inputs(s, 31L * s.hashCode() + 7);
            return new Operands(in, TRACK.reference(s, in));
        });
    }
}
