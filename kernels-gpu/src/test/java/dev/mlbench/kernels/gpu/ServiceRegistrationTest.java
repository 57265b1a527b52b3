package dev.mlbench.kernels.gpu;

import dev.mlbench.core.spi.Backend;
import dev.mlbench.core.spi.EnvironmentProbe;
import dev.mlbench.core.spi.Kernel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceRegistrationTest {

    @Test
    void bothBackendsAreFoundByServiceLoader() {
        var names = ServiceLoader.load(Backend.class).stream().map(p -> p.get().name()).toList();
        assertTrue(names.containsAll(List.of("opencl", "cuda")), names.toString());
    }

    @Test
    void theGpuEnvironmentProbeIsFoundByServiceLoader() {
        assertTrue(ServiceLoader.load(EnvironmentProbe.class).stream()
                .anyMatch(p -> p.type() == GpuEnvironmentProbe.class));
    }

    @Test
    void theGpuKernelsAreFoundByServiceLoaderOnTheirTracksAndBackends() {
        var kernels = ServiceLoader.load(Kernel.class).stream().map(ServiceLoader.Provider::get)
                .map(k -> k.track() + "/" + k.name() + "@" + k.backend()).toList();
        assertTrue(kernels.containsAll(List.of("gemm/opencl-tiled@opencl", "gemm/cuda-tiled@cuda", "gemm/cublas@cuda",
                        "softmax/opencl-online@opencl", "attention/opencl-flash@opencl")),
                kernels.toString());
    }
}
