package dev.mlbench.kernels.cpu.quant;

import dev.mlbench.core.spi.Kernel;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.tracks.quantization.Activations;
import dev.mlbench.tracks.quantization.QuantFormat;
import dev.mlbench.tracks.quantization.QuantInputs;
import dev.mlbench.tracks.quantization.QuantKernel;
import dev.mlbench.tracks.quantization.QuantOp;
import dev.mlbench.tracks.quantization.QuantTrack;
import dev.mlbench.tracks.quantization.QuantWorkload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every registered quantization kernel, on every op and format it supports, against dequantize-then-
 * reference: the double product of the operands exactly as the format decodes them (for fp32: the
 * unquantized operands), on awkward shapes (1, primes, tails of every block and group size, fewer rows and
 * more rows than the GEMM micro-kernel's four) with Gaussian and outlier activations, on one and two threads.
 * Quantize and dequantize must reproduce the reference codec bit for bit.
 */
class QuantKernelTest {

    /** m, n, k: 1; primes; k one under, at and over 32 and 128 and their multiples. */
    private static final int[][] SHAPES = {
            {1, 1, 1}, {1, 7, 31}, {1, 13, 32}, {1, 5, 33}, {1, 3, 97}, {1, 11, 127}, {1, 4, 128}, {1, 9, 129},
            {1, 17, 257}, {1, 33, 300}, {2, 5, 61}, {3, 7, 160}, {4, 3, 130}, {5, 19, 131}, {16, 9, 256}, {17, 6, 263}};

    private static final QuantTrack TRACK = new QuantTrack();

    static List<QuantKernel> kernels() {
        List<QuantKernel> out = new ArrayList<>();
        for (Kernel<?, ?, ?> k : ServiceLoader.load(Kernel.class)) {
            if (k instanceof QuantKernel q) {
                out.add(q);
            }
        }
        return out;
    }

    static List<QuantWorkload> workloads() {
        List<QuantWorkload> out = new ArrayList<>();
        for (QuantFormat f : QuantFormat.values()) {
            for (int[] s : SHAPES) {
                Activations a = (s[1] + s[2]) % 2 == 0 ? Activations.GAUSSIAN : Activations.OUTLIERS;
                out.add(new QuantWorkload(s[0] == 1 ? QuantOp.GEMV : QuantOp.GEMM, s[0], s[1], s[2], f, a));
                out.add(new QuantWorkload(QuantOp.GEMM, s[0], s[1], s[2], f, a == Activations.GAUSSIAN ? Activations.OUTLIERS : Activations.GAUSSIAN));
                out.add(new QuantWorkload(QuantOp.QUANTIZE, s[0] + 1, 1, s[2], f, a));
                out.add(new QuantWorkload(QuantOp.DEQUANTIZE, s[0] + 2, 1, s[2], f, a));
            }
        }
        return out;
    }

    static float[] run(QuantKernel kernel, QuantWorkload w, QuantInputs in, int threads) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads);
             Prepared<float[]> p = kernel.prepare(w, in, new KernelConfig(ParamValues.empty(), threads, pool))) {
            p.run();
            float[] first = p.output().clone();
            p.run();
            float[] second = p.output().clone();
            assertArrayEquals(first, second, kernel.name() + ": a second run() gave a different output");
            assertTrue(p.metrics().values().stream().allMatch(v -> Double.isFinite(v)), "metrics are finite");
            return second;
        }
    }

    /** Largest |out − expected| / (Σ|x̂||ŵ| + tiny) over all outputs. */
    static double worstError(float[] out, float[] x, float[] wt, int m, int n, int k) {
        double worst = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = 0;
                double mag = 0;
                for (int p = 0; p < k; p++) {
                    double t = (double) x[i * k + p] * wt[j * k + p];
                    exact += t;
                    mag += Math.abs(t);
                }
                double err = Math.abs(out[i * n + j] - exact) / (mag + 1e-30);
                worst = Math.max(worst, Double.isNaN(err) ? Double.POSITIVE_INFINITY : err);
            }
        }
        return worst;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void matchesDequantizeThenReference(QuantKernel kernel) throws Exception {
        int checked = 0;
        for (QuantWorkload w : workloads()) {
            if (!kernel.supports(w)) {
                continue;
            }
            QuantInputs in = TRACK.inputs(w, 7 + w.k());
            QuantInputs expected = kernel.name().equals("fp32") ? in : QuantTrack.dequantized(w, in);
            for (int threads : new int[] {1, 2}) {
                float[] out = run(kernel, w, in, threads);
                String what = kernel.name() + " on " + TRACK.label(w) + ", " + threads + " thread(s)";
                if (w.op().isProduct()) {
                    double err = worstError(out, expected.x(), expected.w(), w.m(), w.n(), w.k());
                    assertTrue(err <= 2e-5, what + ": error " + err + " of Σ|x̂||ŵ|");
                } else {
                    assertArrayEquals(expected.x(), out, what);
                }
            }
            checked++;
        }
        assertTrue(checked > 0, kernel.name() + " supports none of the test workloads");
    }

    /** The comparison above catches one product term dropped from one output. */
    @Test
    void theComparisonCatchesOneDroppedTerm() {
        QuantWorkload w = new QuantWorkload(QuantOp.GEMM, 3, 5, 257, QuantFormat.INT4_G32, Activations.GAUSSIAN);
        QuantInputs dq = QuantTrack.dequantized(w, TRACK.inputs(w, 3));
        float[] out = new float[15];
        double[] exact = QuantTrack.product(dq.x(), dq.w(), 3, 5, 257);
        for (int i = 0; i < 15; i++) {
            out[i] = (float) exact[i];
        }
        assertTrue(worstError(out, dq.x(), dq.w(), 3, 5, 257) <= 2e-5);
        int worstTerm = 0;
        for (int p = 0; p < 257; p++) {
            if (Math.abs(dq.x()[2 * 257 + p] * dq.w()[4 * 257 + p]) > Math.abs(dq.x()[2 * 257 + worstTerm] * dq.w()[4 * 257 + worstTerm])) {
                worstTerm = p;
            }
        }
        out[14] -= dq.x()[2 * 257 + 200] * dq.w()[4 * 257 + 200];
        assertTrue(worstError(out, dq.x(), dq.w(), 3, 5, 257) > 2e-5, "a dropped term must be caught");
    }

    @Test
    void everyFormatHasAProductKernelBesideSimulated() {
        for (QuantFormat f : QuantFormat.values()) {
            QuantWorkload w = new QuantWorkload(QuantOp.GEMV, 1, 64, 4096, f, Activations.OUTLIERS);
            long count = kernels().stream().filter(k -> k.supports(w)).count();
            assertTrue(count >= 2, f.label() + " is served by fp32 and simulated at least");
        }
    }

    @Test
    void unsupportedWorkloadsAreRefused() {
        QuantWorkload w = new QuantWorkload(QuantOp.GEMV, 1, 4, 64, QuantFormat.MXFP4, Activations.GAUSSIAN);
        QuantKernel w8a8 = new W8A8Kernel();
        assertFalse(w8a8.supports(w));
        assertTrue(w8a8.unsupported(w).orElseThrow().contains("mxfp4"), "the harness skips it with a reason");
        assertTrue(new Fp32QuantKernel().unsupported(w).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> run(w8a8, w, TRACK.inputs(w, 1), 1));
        assertFalse(w8a8.supports(new QuantWorkload(QuantOp.GEMV, 1, 1, W8A8Kernel.MAX_K + 1, QuantFormat.INT8, Activations.GAUSSIAN)),
                "int32 sums could overflow");
    }

    @Test
    void llmInt8ReportsTheOutlierFraction() throws Exception {
        QuantWorkload w = new QuantWorkload(QuantOp.GEMM, 4, 8, 1024, QuantFormat.LLM_INT8, Activations.OUTLIERS);
        try (ExecutorService pool = Executors.newFixedThreadPool(1);
             Prepared<float[]> p = new LlmInt8Kernel().prepare(w, TRACK.inputs(w, 5), new KernelConfig(ParamValues.empty(), 1, pool))) {
            p.run();
            double fraction = p.metrics().get("outlier_fraction");
            assertTrue(fraction > 0 && fraction <= 2.0 / 1024, "at most the 2 outlier channels of 1024: " + fraction);
            assertEquals(8.0 * (8 * 1024 + 4 * 8) / (8 * 1024), p.metrics().get("bits_per_weight"), 1e-9);
        }
    }

    @Test
    void codecKernelRejectsNaNAndInfinity() {
        for (QuantFormat f : QuantFormat.values()) {
            for (float value : new float[] {Float.NaN, Float.NEGATIVE_INFINITY}) {
                QuantWorkload w = new QuantWorkload(QuantOp.QUANTIZE, 2, 1, 40, f, Activations.GAUSSIAN);
                QuantInputs in = TRACK.inputs(w, 1);
                QuantInputs bad = new QuantInputs(in.x().clone(), in.w());
                bad.x()[41] = value;
                assertThrows(IllegalArgumentException.class, () -> run(new CodecKernel(), w, bad, 2), f.label() + " " + value);
            }
        }
    }

    /** Products of huge and tiny weights and activations stay accurate (scales neither overflow nor flush). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void hugeAndTinyOperands(QuantKernel kernel) throws Exception {
        for (QuantFormat f : QuantFormat.values()) {
            QuantWorkload w = new QuantWorkload(QuantOp.GEMM, 2, 5, 97, f, Activations.OUTLIERS);
            if (!kernel.supports(w)) {
                continue;
            }
            QuantInputs in = TRACK.inputs(w, 9);
            for (float s : new float[] {1e15f, 1e-15f}) {
                QuantInputs scaled = new QuantInputs(in.x().clone(), in.w().clone());
                for (int i = 0; i < scaled.x().length; i++) {
                    scaled.x()[i] *= s;
                }
                for (int i = 0; i < scaled.w().length; i++) {
                    scaled.w()[i] *= s;
                }
                QuantInputs expected = kernel.name().equals("fp32") ? scaled : QuantTrack.dequantized(w, scaled);
                float[] out = run(kernel, w, scaled, 2);
                double err = worstError(out, expected.x(), expected.w(), w.m(), w.n(), w.k());
                assertTrue(err <= 2e-5, kernel.name() + " " + f.label() + " scaled by " + s + ": error " + err);
            }
        }
    }
}
