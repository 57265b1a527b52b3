package dev.mlbench.core.spi;

import java.util.Map;

/**
 * A family of kernels that share a runtime: plain Java, the Vector API, a native library, a GPU API.
 * Found through {@link java.util.ServiceLoader}. The harness probes each backend once per process
 * and caches the answer, so {@link #probe()} may be slow but must never throw.
 */
public interface Backend {

    /**
     * The {@link #details()} key of a warning about every row of this backend (a native library running below the
     * widest code it has for this CPU): the run prints it once, rows carry it, and comparisons show it beside their ratios.
     */
    String WARNING = "warning";

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

    /**
     * The class path and environment of the JVMs that check and time this backend's kernels, when they must
     * differ from the harness JVM's (a conflicting native stack, a library setting read at load). Called only
     * after {@link #probe()} said the backend is available; must not throw.
     */
    default ForkEnvironment forkEnvironment() {
        return ForkEnvironment.INHERITED;
    }
}
