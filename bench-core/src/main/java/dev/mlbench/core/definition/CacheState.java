package dev.mlbench.core.definition;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * The memory level a workload group's rows claim to measure (the definition's {@code cache} key). A memory-bound kernel
 * timed back to back on one set of operands reads them from the cache its last call left them in, so its bandwidth says
 * nothing about DRAM: {@link #COLD} rows rotate through copies of their operands (see
 * {@link dev.mlbench.core.measure.ColdRotation}).
 */
public enum CacheState {
    /** Operands stay where the last call left them: in cache whenever they fit. The default. */
    WARM,
    /** Every call finds its operands evicted: they rotate through copies whose total exceeds twice the last-level cache. */
    COLD;

    /** The key in definitions and results: {@code warm} or {@code cold}. */
    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
