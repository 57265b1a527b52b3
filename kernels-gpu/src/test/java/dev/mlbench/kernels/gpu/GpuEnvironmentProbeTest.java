package dev.mlbench.kernels.gpu;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class GpuEnvironmentProbeTest {

    private static List<?> gpus() {
        return assertInstanceOf(List.class, new GpuEnvironmentProbe().facts().get("gpus"));
    }

    @Test
    void listsOneGpuPerCudaDeviceOfTheCachedProbe() {
        assertEquals(CudaBackend.cached().devices().size(), gpus().size());
    }

    @Test
    void withoutCudaTheListIsEmpty() {
        assumeFalse(new CudaBackend().probe().available(), "CUDA is available here");
        assertTrue(gpus().isEmpty());
    }

    @Test
    void eachGpuHasNameComputeCapabilityMemoryAndDriver() {
        assumeTrue(new CudaBackend().probe().available(), "CUDA unavailable");
        for (Object gpu : gpus()) {
            Map<?, ?> m = assertInstanceOf(Map.class, gpu);
            assertTrue(m.keySet().containsAll(List.of("name", "compute_capability", "memory_bytes", "driver_version")), m.toString());
        }
    }
}
