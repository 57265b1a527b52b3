package dev.mlbench.core.results;

import dev.mlbench.core.definition.CacheState;
import dev.mlbench.core.spi.Work;

import java.util.Map;
import java.util.Objects;

/**
 * Throughput and cost derived from a trial's median time and the track's work model, plus what the JMH
 * profilers and the kernel reported. Built by name with {@link #builder()}: a figure not set there is absent (null, or
 * empty for the maps).
 *
 * @param ops              operations per call (work model), counted in {@code opUnit}
 * @param opUnit           what {@code ops} counts; written as {@code flop}, {@code int_op} or {@code binary_op}
 * @param bytes            minimum bytes moved per operation (work model)
 * @param roof             the calibrated bandwidth {@code bytes} is compared with: {@code memory}, {@code disk} or
 *                         {@code disk_read}
 * @param gops             10^9 operations (of {@code opUnit}) per second at the median time
 * @param gflops           the same as {@code gops} when the unit is {@code flop}, else null
 * @param gbps             GB/s (10^9 bytes) at the median time
 * @param pctOfPeak        gflops as a percentage of the calibrated FP32 peak; null when not calibrated or not FLOPs
 * @param pctOfBandwidth   gbps as a percentage of the calibrated bandwidth of {@code roof}, or null when not calibrated
 * @param allocBytesPerOp  heap bytes allocated per operation (JMH's GC profiler), or null when not reported
 * @param energyJ          joules per operation over every counted energy domain, or null when energy could not be measured
 * @param avgWatts         average power of those domains while measuring, or null
 * @param gopsPerJoule     10^9 operations per joule ({@code ops / energyJ / 1e9}: GFLOP/J for FLOPs), or null
 * @param energyDomains    joules per operation of each domain ({@code rapl.package-0}, {@code rapl.dram}, {@code nvml.gpu0}...)
 * @param energySource     how energy was measured and what it includes, or "unavailable: reason"
 * @param extra            figures the kernel reported about itself ({@code Prepared.metrics()}) and means of its
 *                         per-operation iteration counters, by name
 * @param cache            the memory level the row's group asked for: {@code cold} (every call on evicted operands), or
 *                         {@code warm} (operands where the last call left them); null in files older than the field.
 *                         A row above {@link #IN_CACHE_PCT} of its roof's bandwidth has no {@code pctOfBandwidth},
 *                         whatever it asked for
 * @param workingSetBytes  the bytes the row's calls cycle through: {@code bytes} for a warm row, times the copies of the
 *                         operands a cold row rotates through; null in files older than the field
 * @param settleMs         mean over the row's forks of the milliseconds each ran the kernel before its warm-up, waiting
 *                         for a steady time per call (the profile's {@code settle_ms}); null when nothing settled (a
 *                         limit of 0, a single-shot track) and in files older than the field
 * @param unsettledForks   the forks whose time per call was still changing, or the JIT still compiling, when that limit
 *                         ran out: their warm-up started on code that may not be the kernel's steady state; null with
 *                         {@code settleMs}
 */
public record Metrics(double ops, Work.OpUnit opUnit, double bytes, Work.Roof roof, double gops, Double gflops, double gbps,
                      Double pctOfPeak, Double pctOfBandwidth, Double allocBytesPerOp, Double energyJ, Double avgWatts,
                      Double gopsPerJoule, Map<String, Double> energyDomains, String energySource, Map<String, Double> extra,
                      CacheState cache, Double workingSetBytes, Double settleMs, Integer unsettledForks) {

    /**
     * Above this share of its roof's calibrated bandwidth a row cannot be reading that memory level: it is in a cache,
     * and is shown as such rather than as a share of DRAM or disk.
     */
    public static final double IN_CACHE_PCT = 110;

    public Metrics {
        Objects.requireNonNull(opUnit, "opUnit");
        Objects.requireNonNull(roof, "roof");
    }

    /** The unit {@code gops} is shown in: {@code GFLOP/s}, {@code GOP/s} or {@code GBOP/s}. */
    public String displayUnit() {
        return opUnit.displayUnit();
    }

    /** An empty builder: FLOPs against memory, every other figure absent. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these metrics, to change some of them. */
    public Builder toBuilder() {
        return new Builder().work(ops, opUnit, bytes, roof).gops(gops).gflops(gflops).gbps(gbps).pctOfPeak(pctOfPeak)
                .pctOfBandwidth(pctOfBandwidth).allocBytesPerOp(allocBytesPerOp).energyJ(energyJ).avgWatts(avgWatts)
                .gopsPerJoule(gopsPerJoule).energyDomains(energyDomains).energySource(energySource).extra(extra).cache(cache)
                .workingSetBytes(workingSetBytes).settling(settleMs, unsettledForks);
    }

    /** Metrics by name; see the record's components for what each figure is. */
    public static final class Builder {
        private double ops;
        private Work.OpUnit opUnit = Work.OpUnit.FLOP;
        private double bytes;
        private Work.Roof roof = Work.Roof.MEMORY;
        private double gops;
        private Double gflops;
        private double gbps;
        private Double pctOfPeak;
        private Double pctOfBandwidth;
        private Double allocBytesPerOp;
        private Double energyJ;
        private Double avgWatts;
        private Double gopsPerJoule;
        private Map<String, Double> energyDomains = Map.of();
        private String energySource;
        private Map<String, Double> extra = Map.of();
        private CacheState cache;
        private Double workingSetBytes;
        private Double settleMs;
        private Integer unsettledForks;

        private Builder() {
        }

        /** The work model's figures: operations per call in {@code unit}, bytes per call and the roof they are shares of. */
        public Builder work(double ops, Work.OpUnit unit, double bytes, Work.Roof roof) {
            this.ops = ops;
            this.opUnit = unit;
            this.bytes = bytes;
            this.roof = roof;
            return this;
        }

        public Builder gops(double gops) {
            this.gops = gops;
            return this;
        }

        public Builder gflops(Double gflops) {
            this.gflops = gflops;
            return this;
        }

        public Builder gbps(double gbps) {
            this.gbps = gbps;
            return this;
        }

        public Builder pctOfPeak(Double pctOfPeak) {
            this.pctOfPeak = pctOfPeak;
            return this;
        }

        public Builder pctOfBandwidth(Double pctOfBandwidth) {
            this.pctOfBandwidth = pctOfBandwidth;
            return this;
        }

        public Builder allocBytesPerOp(Double allocBytesPerOp) {
            this.allocBytesPerOp = allocBytesPerOp;
            return this;
        }

        public Builder energyJ(Double energyJ) {
            this.energyJ = energyJ;
            return this;
        }

        public Builder avgWatts(Double avgWatts) {
            this.avgWatts = avgWatts;
            return this;
        }

        public Builder gopsPerJoule(Double gopsPerJoule) {
            this.gopsPerJoule = gopsPerJoule;
            return this;
        }

        public Builder energyDomains(Map<String, Double> energyDomains) {
            this.energyDomains = energyDomains;
            return this;
        }

        public Builder energySource(String energySource) {
            this.energySource = energySource;
            return this;
        }

        public Builder extra(Map<String, Double> extra) {
            this.extra = extra;
            return this;
        }

        public Builder cache(CacheState cache) {
            this.cache = cache;
            return this;
        }

        public Builder workingSetBytes(Double workingSetBytes) {
            this.workingSetBytes = workingSetBytes;
            return this;
        }

        /** What settling the forks took: their mean milliseconds and how many ran out of time. */
        public Builder settling(Double settleMs, Integer unsettledForks) {
            this.settleMs = settleMs;
            this.unsettledForks = unsettledForks;
            return this;
        }

        public Metrics build() {
            return new Metrics(ops, opUnit, bytes, roof, gops, gflops, gbps, pctOfPeak, pctOfBandwidth, allocBytesPerOp, energyJ,
                    avgWatts, gopsPerJoule, energyDomains, energySource, extra, cache, workingSetBytes,
                    settleMs, unsettledForks);
        }
    }
}
