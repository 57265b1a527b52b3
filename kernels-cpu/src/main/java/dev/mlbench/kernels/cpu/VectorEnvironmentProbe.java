package dev.mlbench.kernels.cpu;

import dev.mlbench.core.spi.EnvironmentProbe;

import java.util.HashMap;
import java.util.Map;

/** Adds the Vector API's preferred bit size to the environment fingerprint (null when unavailable). */
public final class VectorEnvironmentProbe implements EnvironmentProbe {

    @Override
    public Map<String, Object> facts() {
        Map<String, Object> facts = new HashMap<>();
        facts.put("vector_bit_size", VectorBackend.usable() ? VectorInfo.preferredBitSize() : null);
        return facts;
    }
}
