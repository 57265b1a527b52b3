package dev.mlbench.kernels.gpu.gemm;

import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmLayout;
import dev.mlbench.tracks.gemm.GemmWorkload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GPU GEMM kernels compute only the plain product and decline every other layout, α and β with a reason (no GPU needed). */
class GpuGemmLayoutSupportTest {

    static List<GemmKernel> kernels() {
        return List.of(new OpenClGemmKernel(), new CudaGemmKernel(), new CublasGemmKernel());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void servesThePlainProductAndDeclinesTheRest(GemmKernel kernel) {
        assertTrue(kernel.unsupported(new GemmWorkload(8, 8, 8)).isEmpty(), kernel.name() + " declined C = A·B");
        for (GemmWorkload w : List.of(new GemmWorkload(8, 8, 8, GemmLayout.NT, 1f, 0f), new GemmWorkload(8, 8, 8, GemmLayout.TN, 1f, 0f),
                new GemmWorkload(8, 8, 8, GemmLayout.NN, 2f, 0f), new GemmWorkload(8, 8, 8, GemmLayout.NN, 1f, 1f))) {
            assertTrue(kernel.unsupported(w).orElse("").contains("nn layout"), kernel.name() + " accepted " + w);
        }
    }
}
