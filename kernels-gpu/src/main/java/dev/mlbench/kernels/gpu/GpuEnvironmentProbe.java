package dev.mlbench.kernels.gpu;

import dev.mlbench.core.spi.EnvironmentProbe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds the CUDA devices to the environment fingerprint under {@code gpus}: one entry per device, or an
 * empty list when CUDA is unavailable. Reads {@link CudaBackend}'s cached probe, so the driver is queried once.
 */
public final class GpuEnvironmentProbe implements EnvironmentProbe {

    /** The key the harness reads the GPU list from. */
    static final String GPUS = "gpus";

    /** {@code gpus}: a list of maps with source ({@code cuda}), name, compute_capability, memory_bytes and driver_version. */
    @Override
    public Map<String, Object> facts() {
        CudaBackend.Probe probe = CudaBackend.cached();
        List<Map<String, Object>> gpus = new ArrayList<>();
        for (CudaBackend.Device d : probe.devices()) {
            Map<String, Object> gpu = new LinkedHashMap<>();
            gpu.put("source", "cuda");
            gpu.put("name", d.name());
            gpu.put("compute_capability", d.computeCapability());
            gpu.put("memory_bytes", d.memoryBytes());
            gpu.put("driver_version", probe.driverVersion());
            gpus.add(gpu);
        }
        return Map.of(GPUS, gpus);
    }
}
