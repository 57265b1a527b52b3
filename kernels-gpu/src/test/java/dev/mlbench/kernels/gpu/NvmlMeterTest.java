package dev.mlbench.kernels.gpu;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.EnergyMeter;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The NVML energy meter: a clear reason without a driver, real readings with one. */
class NvmlMeterTest {

    @Test
    void withoutTheDriverItIsUnavailableAndSaysWhy() {
        assumeFalse(NativeLibraries.loadable(NvmlMeter.LIBRARY), "NVML is installed here");
        Availability a = new NvmlMeter().availability();
        assertFalse(a.available());
        assertEquals("no NVML (libnvidia-ml.so.1 not found: no NVIDIA driver)", a.reason());
    }

    @Test
    void withAGpuTheCountersAdvanceAndNeverGoNegative() throws Exception {
        assumeTrue(NativeLibraries.loadable(NvmlMeter.LIBRARY), "no NVIDIA driver on this machine");
        NvmlMeter meter = new NvmlMeter();
        assertTrue(meter.availability().available(), meter.availability().reason());
        try (EnergyMeter.Session s = meter.open()) {
            Thread.sleep(300);
            Map<String, Double> j = s.joulesSinceLast();
            assertTrue(j.containsKey("gpu0"), j.toString());
            j.values().forEach(v -> assertTrue(v >= 0, j.toString()));
        }
    }
}
