package dev.mlbench.core.spi;

import java.io.IOException;
import java.util.Map;

/**
 * A source of energy readings (RAPL through Linux powercap, NVML for NVIDIA GPUs...), found through
 * {@link java.util.ServiceLoader}. The harness reads every available meter before and after each measured
 * iteration in the benchmark JVM and records joules per operation; a meter that cannot read says why
 * instead of guessing.
 */
public interface EnergyMeter {

    /** Short name used in result keys, e.g. {@code rapl}. */
    String name();

    /** Whether this meter can read here, with the reason when not ("no powercap interface..."). Never throws. */
    Availability availability();

    /**
     * How the readings are made and what they include, for {@code energy_source}
     * (e.g. "RAPL via powercap: package-0, dram; the package domain counts every process on the socket").
     */
    String describe();

    /** Starts reading; the session's first {@link Session#joulesSinceLast()} counts from this call. */
    Session open() throws IOException;

    /** An open meter. */
    interface Session extends AutoCloseable {

        /**
         * Joules used per domain since the previous call (or {@link #open()}), counter wraparound handled.
         * Domains are named as the meter names them (e.g. {@code package-0}, {@code dram}, {@code gpu0}).
         */
        Map<String, Double> joulesSinceLast() throws IOException;

        /**
         * Whether {@code domain} is summed into the total: domains contained in others (a package's core
         * and uncore) are reported but not added twice.
         */
        boolean inTotal(String domain);

        @Override
        default void close() {
        }
    }
}
