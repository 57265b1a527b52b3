package dev.mlbench.core.env;

import java.util.List;
import java.util.Map;

/**
 * The environment fingerprint recorded with every run: what decides whether two runs are comparable.
 *
 * @param cpuModel      CPU model name
 * @param cores         logical processors available to the JVM
 * @param memoryBytes   physical memory
 * @param os            operating system name, version and architecture
 * @param jdk           JVM vendor and version
 * @param jvmArgs       flags of the harness JVM
 * @param vectorBitSize the Vector API's preferred vector size, or null when the Vector API is unavailable
 * @param backends      every backend with its availability, reason and details
 * @param gpus          GPUs found (empty when none): every display or accelerator device on the PCI bus, and
 *                      every device a GPU backend enumerates, each entry naming its {@code source}
 * @param facts         further facts contributed by backend modules
 * @param host          this machine's host name; null in files written before schema v3
 * @param scheduler     the batch scheduler's facts when the run is a scheduler's job (a Slurm array task), else null
 */
public record Environment(String cpuModel, int cores, long memoryBytes, String os, String jdk, List<String> jvmArgs,
                          Integer vectorBitSize, Map<String, BackendInfo> backends, List<Object> gpus,
                          Map<String, Object> facts, String host, Scheduler scheduler) {

    /** An environment outside any scheduler with no host name: what files before schema v3 hold. */
    public Environment(String cpuModel, int cores, long memoryBytes, String os, String jdk, List<String> jvmArgs,
                       Integer vectorBitSize, Map<String, BackendInfo> backends, List<Object> gpus, Map<String, Object> facts) {
        this(cpuModel, cores, memoryBytes, os, jdk, jvmArgs, vectorBitSize, backends, gpus, facts, null, null);
    }

    /**
     * @param available whether the backend can run here
     * @param reason    why not, or what was found
     * @param details   versions and settings
     */
    public record BackendInfo(boolean available, String reason, Map<String, Object> details) {
    }
}
