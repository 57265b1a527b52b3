package dev.mlbench.kernels.torch;

import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.tracks.quantization.Activations;
import dev.mlbench.tracks.quantization.QuantFormat;
import dev.mlbench.tracks.quantization.QuantInputs;
import dev.mlbench.tracks.quantization.QuantOp;
import dev.mlbench.tracks.quantization.QuantTrack;
import dev.mlbench.tracks.quantization.QuantWorkload;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libtorch's dynamic int8 linear against the track's own check (the SQNR floor of per-tensor int8 against the fp32
 * product) on awkward shapes and outlier activations; and the thread count reaching both of libtorch's pools.
 */
class TorchInt8LinearKernelTest {

    /** m, n, k: 1; primes; tails of FBGEMM's 8-, 16- and 64-wide blocks; fewer and more rows than a register tile. */
    private static final int[][] SHAPES = {
            {1, 1, 1}, {1, 7, 31}, {1, 13, 32}, {1, 5, 33}, {1, 3, 97}, {1, 17, 257}, {2, 5, 61}, {3, 7, 160},
            {5, 19, 131}, {16, 9, 256}, {17, 6, 263}, {1, 64, 4096}, {7, 129, 1023}};

    private static final QuantTrack TRACK = new QuantTrack();
    private final TorchInt8LinearKernel kernel = new TorchInt8LinearKernel();

    @BeforeAll
    static void needsLibtorch() {
        Assumptions.assumeTrue(TorchBackend.nativesOnClassPath(), "libtorch's natives are not installed: build with -Ptorch");
    }

    private float[] run(QuantWorkload w, QuantInputs in, int threads) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads);
             Prepared<float[]> p = kernel.prepare(w, in, new KernelConfig(ParamValues.empty(), threads, pool))) {
            p.run();
            float[] first = p.output();
            p.run();
            assertArrayEquals(first, p.output(), "a second run() gave a different output");
            assertEquals(1.0, p.metrics().get("compression") * (1 + 4.0 / w.k()) / 4.0, 1e-9, "n·k int8 codes and a 4-byte offset per channel");
            return p.output();
        }
    }

    @Test
    void passesTheInt8FloorOnAwkwardShapesAndOutliers() throws Exception {
        for (int[] s : SHAPES) {
            for (Activations a : Activations.values()) {
                QuantWorkload w = new QuantWorkload(s[0] == 1 ? QuantOp.GEMV : QuantOp.GEMM, s[0], s[1], s[2], QuantFormat.INT8, a);
                QuantInputs in = TRACK.inputs(w, 11 + s[2]);
                double[] ref = TRACK.reference(w, in);
                for (int threads : new int[] {1, 2}) {
                    Correctness c = TRACK.check(w, run(w, in, threads), ref, TRACK.defaultTolerance());
                    assertTrue(c.passed(), TRACK.label(w) + ", " + threads + " thread(s): " + c.detail() + " " + c.metrics());
                }
            }
        }
    }

    private static QuantInputs scaled(QuantInputs in, float s) {
        QuantInputs out = new QuantInputs(in.x().clone(), in.w().clone());
        for (int i = 0; i < out.x().length; i++) {
            out.x()[i] *= s;
        }
        for (int i = 0; i < out.w().length; i++) {
            out.w()[i] *= s;
        }
        return out;
    }

    /** Huge operands keep the accuracy of unit ones: per-tensor scales do not overflow. */
    @Test
    void hugeOperandsKeepTheirAccuracy() throws Exception {
        QuantWorkload w = new QuantWorkload(QuantOp.GEMM, 2, 5, 97, QuantFormat.INT8, Activations.OUTLIERS);
        QuantInputs in = TRACK.inputs(w, 9);
        double unit = TRACK.check(w, run(w, in, 2), TRACK.reference(w, in), TRACK.defaultTolerance()).metrics().get("sqnr_db");
        QuantInputs huge = scaled(in, 1e15f);
        Correctness c = TRACK.check(w, run(w, huge, 2), TRACK.reference(w, huge), TRACK.defaultTolerance());
        assertTrue(c.passed(), c.detail());
        assertEquals(unit, c.metrics().get("sqnr_db"), 1.0, "the SQNR of unit operands");
    }

    /**
     * Tiny operands (10^-15) come back from libtorch 2.10's FBGEMM int8 linear as all zeros, where the track's own
     * int8 codec keeps them (QuantKernelTest): the track's check must mark such a row invalid rather than time it.
     */
    @Test
    void tinyOperandsComeBackAsZerosAndTheCheckFailsThem() throws Exception {
        QuantWorkload w = new QuantWorkload(QuantOp.GEMM, 2, 5, 97, QuantFormat.INT8, Activations.OUTLIERS);
        QuantInputs tiny = scaled(TRACK.inputs(w, 9), 1e-15f);
        float[] out = run(w, tiny, 2);
        for (float v : out) {
            assertEquals(0f, v, "libtorch now keeps tiny operands: turn this into an accuracy test like the huge one");
        }
        assertFalse(TRACK.check(w, out, TRACK.reference(w, tiny), TRACK.defaultTolerance()).passed());
    }

    /** The check above is not blind to this kernel: the same output against another weight matrix fails it. */
    @Test
    void theCheckFailsAProductOfOtherWeights() throws Exception {
        QuantWorkload w = new QuantWorkload(QuantOp.GEMM, 5, 19, 131, QuantFormat.INT8, Activations.GAUSSIAN);
        QuantInputs in = TRACK.inputs(w, 3);
        QuantInputs other = new QuantInputs(in.x(), TRACK.inputs(w, 4).w());
        Correctness c = TRACK.check(w, run(w, other, 1), TRACK.reference(w, in), TRACK.defaultTolerance());
        assertFalse(c.passed(), c.metrics().toString());
    }

    @Test
    void servesPerTensorInt8ProductsOnly() {
        assertTrue(kernel.supports(new QuantWorkload(QuantOp.GEMV, 1, 8, 8, QuantFormat.INT8, Activations.GAUSSIAN)));
        assertFalse(kernel.supports(new QuantWorkload(QuantOp.GEMV, 1, 8, 8, QuantFormat.INT8_VW, Activations.GAUSSIAN)));
        assertFalse(kernel.supports(new QuantWorkload(QuantOp.QUANTIZE, 8, 1, 8, QuantFormat.INT8, Activations.GAUSSIAN)));
    }

    /** A one-thread torch row runs on one thread: ATen's pool and OpenBLAS's, which its matrix products use. */
    @Test
    void theRowsThreadsReachAtenAndOpenBlas() {
        for (int threads : new int[] {1, 2}) {
            TorchThreads.use(threads);
            assertEquals(threads, torch.get_num_threads());
            assertEquals(threads, openblas.blas_get_num_threads());
        }
    }
}
