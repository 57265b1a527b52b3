package dev.mlbench.core.spi;

import java.util.List;
import java.util.Optional;

/**
 * One implementation of a track's operation. A track defines the contract kernels implement (usually
 * an abstract class fixing {@code W}, {@code I} and {@code O}); backends modules provide the kernels,
 * which are found through {@link java.util.ServiceLoader} exactly as plugin kernels are.
 *
 * @param <W> the track's workload type
 * @param <I> the track's input type
 * @param <O> the track's output type
 */
public interface Kernel<W, I, O> {

    /** Unique name within its track, e.g. {@code vector}. */
    String name();

    /** The name of the track this kernel serves. */
    String track();

    /** The name of the {@link Backend} it runs on. */
    String backend();

    /** One line saying what this kernel does and how. */
    default String description() {
        return "";
    }

    /** Tunable parameters a track definition may set or sweep, with their defaults. */
    default List<ParamSpec> tunables() {
        return List.of();
    }

    /**
     * Whether this kernel can run here beyond its backend being available (e.g. a missing CPU feature).
     * Must not throw.
     */
    default Availability availability() {
        return Availability.available("");
    }

    /**
     * Why this kernel does not serve {@code workload} (e.g. a decode-only kernel given several queries), or
     * empty when it does. Such trials become {@code skipped} rows with this reason instead of failing.
     * Called when the run is planned; must be cheap and must not throw.
     */
    default Optional<String> unsupported(W workload) {
        return Optional.empty();
    }

    /**
     * Sets up everything the timed operation needs (buffers, packed operands, device copies) outside
     * the timed region.
     *
     * @param workload the shape and options of this trial
     * @param inputs   the seeded inputs, shared with the reference; kernels must not modify them
     * @param config   tunable values, thread count and the run's thread pool
     * @return the prepared operation; closed by the harness
     */
    Prepared<O> prepare(W workload, I inputs, KernelConfig config) throws Exception;
}
