package dev.mlbench.core.spi;

import java.util.Map;

/**
 * Contributes facts to the environment fingerprint that only a backend module can read
 * (the Vector API's preferred bit size, GPU devices). Found through {@link java.util.ServiceLoader};
 * must not throw.
 */
public interface EnvironmentProbe {

    /** Keys and values added to the environment; keys must not clash with other probes. */
    Map<String, Object> facts();
}
