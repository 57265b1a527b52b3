package dev.mlbench.core.env;

import dev.mlbench.core.registry.Registry;
import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Backend;
import dev.mlbench.core.spi.EnvironmentProbe;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the environment fingerprint of this JVM and host. */
public final class EnvironmentProbeRunner {

    /** The key of the preferred vector size among probe facts. */
    public static final String VECTOR_BIT_SIZE = "vector_bit_size";
    /** The key of the GPU list among probe facts. */
    public static final String GPUS = "gpus";

    private EnvironmentProbeRunner() {
    }

    /** Probes everything; backends are probed through the registry's cache. */
    public static Environment probe(Registry registry) {
        Map<String, Environment.BackendInfo> backends = new LinkedHashMap<>();
        for (Backend b : registry.backends().values()) {
            Availability a = registry.backendAvailability(b.name());
            Map<String, Object> details = Map.of();
            if (a.available()) {
                try {
                    details = b.details();
                } catch (RuntimeException | LinkageError e) {
                    details = Map.of("error", e.toString());
                }
            }
            backends.put(b.name(), new Environment.BackendInfo(a.available(), a.reason(), details));
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        for (EnvironmentProbe p : registry.environmentProbes()) {
            try {
                facts.putAll(p.facts());
            } catch (RuntimeException | LinkageError e) {
                facts.put(p.getClass().getName(), "probe failed: " + e);
            }
        }
        Integer vectorBits = facts.remove(VECTOR_BIT_SIZE) instanceof Number n ? n.intValue() : null;
        Object gpuFact = facts.remove(GPUS);
        List<Object> gpus = new ArrayList<>(PciGpus.list());
        if (gpuFact instanceof List<?> l) {
            gpus.addAll(l);
        }
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
        String jdk = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        return new Environment(cpuModel(), Runtime.getRuntime().availableProcessors(), memoryBytes(), os, jdk,
                ManagementFactory.getRuntimeMXBean().getInputArguments(), vectorBits, backends, gpus, facts, hostName(), Scheduler.detect());
    }

    /**
     * This machine's host name: the kernel's ({@code /proc/sys/kernel/hostname}), else {@code HOSTNAME}, else
     * what the resolver says; "unknown" only when all three fail.
     */
    public static String hostName() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: try the others
        }
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc is hidden: fall back to what the JVM knows
        }
        return System.getProperty("os.arch") + " (model unknown)";
    }

    static long memoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }
}
