package dev.mlbench.core.spi;

import java.util.Map;

/**
 * A family of kernels that share a runtime: plain Java, the Vector API, a native library, a GPU API.
 * Found through {@link java.util.ServiceLoader}. The harness probes each backend once per process
 * and caches the answer, so {@link #probe()} may be slow but must never throw.
 */
public interface Backend {

    /** Short unique name used in definitions and on the command line, e.g. {@code cpu-vector}. */
    String name();

    /** One line saying what this backend is. */
    String description();

    /** Whether this backend can run here; must not throw, must return a reason when unavailable. */
    Availability probe();

    /**
     * Facts about the backend as found on this machine (library versions, vector width, device), recorded
     * in every result's environment. Called only after {@link #probe()} said it is available.
     */
    default Map<String, Object> details() {
        return Map.of();
    }
}
