package dev.mlbench.kernels.gpu.gemm;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.kernels.gpu.CudaBackend;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmWorkload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.mlbench.kernels.gpu.gemm.GpuGemmTesting.TRACK;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The CUDA tiled GEMM and cuBLAS against the track's reference on awkward shapes. Without an NVIDIA GPU,
 * driver, NVRTC or cuBLAS these tests are skipped (not passed) with the probe's reason.
 */
class CudaGemmKernelTest {

    private static final int[][] TILINGS = {
            {1, 1}, {2, 1}, {4, 1}, {8, 1}, {16, 1}, {32, 1},
            {1, 2}, {4, 3}, {8, 4}, {16, 2}, {16, 4}, {16, 8}, {32, 4}};
    private static final int[][] AWKWARD = {{1, 1, 1}, {7, 13, 17}, {31, 37, 41}, {1, 1, 1031}, {97, 3, 5}, {1, 4096, 4096}};

    static Stream<Arguments> tiledOnAwkwardShapesAndTails() {
        List<Arguments> cases = new ArrayList<>();
        for (int[] tw : TILINGS) {
            int t = tw[0];
            int b = t * tw[1];
            for (int[] s : AWKWARD) {
                cases.add(Arguments.of(t, tw[1], new GemmWorkload(s[0], s[1], s[2])));
            }
            cases.add(Arguments.of(t, tw[1], new GemmWorkload(2 * b + 1, Math.max(1, b - 1), 3 * t + 1)));
            cases.add(Arguments.of(t, tw[1], new GemmWorkload(Math.max(1, 2 * b - 1), 2 * b + 1, t)));
            cases.add(Arguments.of(t, tw[1], new GemmWorkload(b + 1, 3 * b, 4 * t + 1)));
        }
        return cases.stream();
    }

    static Stream<GemmWorkload> awkwardShapes() {
        return Stream.concat(Stream.of(AWKWARD).map(s -> new GemmWorkload(s[0], s[1], s[2])),
                Stream.of(new GemmWorkload(65, 33, 129), new GemmWorkload(512, 512, 512)));
    }

    @ParameterizedTest(name = "tile {0}, work {1}, {2}")
    @MethodSource("tiledOnAwkwardShapesAndTails")
    void tiledMatchesTheReference(int tile, int work, GemmWorkload w) throws Exception {
        CudaGemmKernel kernel = new CudaGemmKernel();
        GpuGemmTesting.assumeRunnable(kernel);
        GpuGemmTesting.assertMatchesReference(kernel, w, TRACK.inputs(w, 7), Map.of(CudaGemmKernel.TILE, tile, CudaGemmKernel.WORK, work));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awkwardShapes")
    void cublasMatchesTheReference(GemmWorkload w) throws Exception {
        CublasGemmKernel kernel = new CublasGemmKernel();
        GpuGemmTesting.assumeRunnable(kernel);
        GpuGemmTesting.assertMatchesReference(kernel, w, TRACK.inputs(w, 7), Map.of());
    }

    @Test
    void hugeValuesAndOutlierChannelsPassOnBothKernels() throws Exception {
        GemmWorkload w = new GemmWorkload(33, 35, 67);
        GemmInputs in = TRACK.inputs(w, 5);
        float[] a = in.a().clone();
        float[] b = in.b().clone();
        for (int i = 0; i < a.length; i++) {
            a[i] *= 1e18f;
        }
        for (int i = 0; i < w.m(); i++) {
            a[i * w.k() + 3] *= 1e4f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] *= 1e15f;
        }
        GemmInputs hostile = new GemmInputs(a, b);
        for (GemmKernel kernel : List.<GemmKernel>of(new CudaGemmKernel(), new CublasGemmKernel())) {
            GpuGemmTesting.assumeRunnable(kernel);
            GpuGemmTesting.assertMatchesReference(kernel, w, hostile, kernel.tunables().isEmpty() ? Map.of() : Map.of("tile", 8, "work", 4));
        }
    }

    /** The check is not vacuous on this device: losing A's last column is caught. */
    @Test
    void aDroppedReductionStepIsCaught() throws Exception {
        CudaGemmKernel kernel = new CudaGemmKernel();
        GpuGemmTesting.assumeRunnable(kernel);
        GpuGemmTesting.assertDroppedLastReductionStepIsCaught(kernel, Map.of("tile", 16, "work", 1));
        GpuGemmTesting.assertDroppedLastReductionStepIsCaught(kernel, Map.of("tile", 8, "work", 4));
    }

    /** Runs everywhere: without CUDA both kernels say why, naming what is missing, and never throw. */
    @Test
    void withoutCudaBothKernelsAreUnavailableWithTheBackendsReason() {
        Availability backend = new CudaBackend().probe();
        assumeFalse(backend.available(), "CUDA is available here");
        for (GemmKernel kernel : List.<GemmKernel>of(new CudaGemmKernel(), new CublasGemmKernel())) {
            Availability a = assertDoesNotThrow(kernel::availability);
            assertFalse(a.available(), kernel.name());
            assertTrue(a.reason().contains(backend.reason()), a.reason());
        }
    }
}
