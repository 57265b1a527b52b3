package dev.mlbench.kernels.gpu;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.EnergyMeter;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * NVIDIA GPU energy through NVML, called with the FFM API (no binding library), loaded only when
 * {@code libnvidia-ml.so.1} exists. On Volta and newer, {@code nvmlDeviceGetTotalEnergyConsumption} gives a
 * millijoule counter that is differenced around each iteration; where it is not supported, board power
 * ({@code nvmlDeviceGetPowerUsage}, milliwatts) is sampled every {@value #SAMPLE_MS} ms on a daemon thread and
 * integrated, which {@link #describe()} says. Every GPU is a domain ({@code gpu0}, {@code gpu1}...), all counted
 * in the total.
 */
public final class NvmlMeter implements EnergyMeter {

    static final String LIBRARY = "libnvidia-ml.so.1";
    static final int SAMPLE_MS = 20;
    private static final int NVML_SUCCESS = 0;

    private volatile Nvml nvml;
    private volatile String failure;

    @Override
    public String name() {
        return "nvml";
    }

    @Override
    public Availability availability() {
        try {
            Nvml n = nvml();
            return Availability.available(n.devices.size() + " GPU(s), " + (n.counters ? "energy counters" : "power sampling"));
        } catch (IOException e) {
            return Availability.unavailable(e.getMessage());
        }
    }

    @Override
    public String describe() {
        try {
            Nvml n = nvml();
            return "NVML " + (n.counters ? "total energy counters (nvmlDeviceGetTotalEnergyConsumption)"
                    : "board power sampled every " + SAMPLE_MS + " ms and integrated (no energy counter on this GPU)")
                    + ": gpu0.." + "gpu" + (n.devices.size() - 1) + "; whole boards, every process on them";
        } catch (IOException e) {
            return "NVML: " + e.getMessage();
        }
    }

    @Override
    public Session open() throws IOException {
        Nvml n = nvml();
        return n.counters ? n.counterSession() : n.samplingSession();
    }

    private Nvml nvml() throws IOException {
        if (nvml != null) {
            return nvml;
        }
        if (failure != null) {
            throw new IOException(failure);
        }
        synchronized (this) {
            if (nvml == null && failure == null) {
                try {
                    nvml = Nvml.load();
                } catch (IOException e) {
                    failure = e.getMessage();
                }
            }
        }
        if (nvml == null) {
            throw new IOException(failure);
        }
        return nvml;
    }

    /** The loaded library and its devices. */
    private static final class Nvml {
        private final MethodHandle energy;
        private final MethodHandle power;
        private final MethodHandle errorString;
        private final List<MemorySegment> devices;
        private final boolean counters;

        private Nvml(MethodHandle energy, MethodHandle power, MethodHandle errorString, List<MemorySegment> devices, boolean counters) {
            this.energy = energy;
            this.power = power;
            this.errorString = errorString;
            this.devices = devices;
            this.counters = counters;
        }

        @SuppressWarnings("restricted") // bench runs with --enable-native-access; without it the JVM only warns
        static Nvml load() throws IOException {
            if (!NativeLibraries.loadable(LIBRARY)) {
                throw new IOException("no NVML (" + LIBRARY + " not found: no NVIDIA driver)");
            }
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup lib = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
                MethodHandle init = handle(linker, lib, "nvmlInit_v2", FunctionDescriptor.of(ValueLayout.JAVA_INT));
                MethodHandle count = handle(linker, lib, "nvmlDeviceGetCount_v2",
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
                MethodHandle byIndex = handle(linker, lib, "nvmlDeviceGetHandleByIndex_v2",
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
                MethodHandle energy = handle(linker, lib, "nvmlDeviceGetTotalEnergyConsumption",
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
                MethodHandle power = handle(linker, lib, "nvmlDeviceGetPowerUsage",
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
                MethodHandle errorString = handle(linker, lib, "nvmlErrorString",
                        FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
                int rc = (int) init.invokeExact();
                if (rc != NVML_SUCCESS) {
                    throw new IOException("nvmlInit failed: " + message(errorString, rc));
                }
                List<MemorySegment> devices = new ArrayList<>();
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment n = arena.allocate(ValueLayout.JAVA_INT);
                    check(errorString, (int) count.invokeExact(n), "nvmlDeviceGetCount");
                    for (int i = 0; i < n.get(ValueLayout.JAVA_INT, 0); i++) {
                        MemorySegment h = arena.allocate(ValueLayout.ADDRESS);
                        check(errorString, (int) byIndex.invokeExact(i, h), "nvmlDeviceGetHandleByIndex");
                        devices.add(h.get(ValueLayout.ADDRESS, 0));
                    }
                }
                if (devices.isEmpty()) {
                    throw new IOException("NVML sees no GPU");
                }
                Nvml probe = new Nvml(energy, power, errorString, devices, true);
                boolean counters = probe.readEnergyMj(devices.getFirst()).isPresent();
                if (!counters && probe.readPowerMw(devices.getFirst()).isEmpty()) {
                    throw new IOException("this GPU reports neither total energy nor power through NVML");
                }
                return new Nvml(energy, power, errorString, devices, counters);
            } catch (IOException e) {
                throw e;
            } catch (Throwable t) {
                throw new IOException("NVML could not be used: " + t, t);
            }
        }

        private static MethodHandle handle(Linker linker, SymbolLookup lib, String name, FunctionDescriptor fd) throws IOException {
            MemorySegment symbol = lib.find(name).orElseThrow(() -> new IOException("NVML too old: no " + name));
            return linker.downcallHandle(symbol, fd);
        }

        private static void check(MethodHandle errorString, int rc, String call) throws IOException {
            if (rc != NVML_SUCCESS) {
                throw new IOException(call + " failed: " + message(errorString, rc));
            }
        }

        private static String message(MethodHandle errorString, int rc) {
            try {
                MemorySegment s = (MemorySegment) errorString.invokeExact(rc);
                return s.reinterpret(256).getString(0) + " (NVML error " + rc + ")";
            } catch (Throwable t) {
                return "NVML error " + rc;
            }
        }

        /** Millijoules since the driver loaded, or empty when the GPU has no such counter. */
        Optional<Long> readEnergyMj(MemorySegment device) throws IOException {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment out = arena.allocate(ValueLayout.JAVA_LONG);
                int rc = (int) energy.invokeExact(device, out);
                return rc == NVML_SUCCESS ? Optional.of(out.get(ValueLayout.JAVA_LONG, 0)) : Optional.empty();
            } catch (Throwable t) {
                throw new IOException("nvmlDeviceGetTotalEnergyConsumption failed: " + t, t);
            }
        }

        /** Board power in milliwatts, or empty when not reported. */
        Optional<Integer> readPowerMw(MemorySegment device) throws IOException {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment out = arena.allocate(ValueLayout.JAVA_INT);
                int rc = (int) power.invokeExact(device, out);
                return rc == NVML_SUCCESS ? Optional.of(out.get(ValueLayout.JAVA_INT, 0)) : Optional.empty();
            } catch (Throwable t) {
                throw new IOException("nvmlDeviceGetPowerUsage failed: " + t, t);
            }
        }

        Session counterSession() throws IOException {
            long[] last = new long[devices.size()];
            for (int i = 0; i < last.length; i++) {
                last[i] = readEnergyMj(devices.get(i)).orElseThrow(() -> new IOException("energy counter vanished"));
            }
            return new Session() {
                @Override
                public Map<String, Double> joulesSinceLast() throws IOException {
                    Map<String, Double> joules = new LinkedHashMap<>();
                    for (int i = 0; i < last.length; i++) {
                        long now = readEnergyMj(devices.get(i)).orElseThrow(() -> new IOException("energy counter vanished"));
                        joules.put("gpu" + i, (now - last[i]) / 1e3); // a 64-bit millijoule counter: no wraparound in practice
                        last[i] = now;
                    }
                    return joules;
                }

                @Override
                public boolean inTotal(String domain) {
                    return true;
                }
            };
        }

        Session samplingSession() {
            double[] joules = new double[devices.size()];
            Thread sampler = new Thread(() -> {
                long prev = System.nanoTime();
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        Thread.sleep(SAMPLE_MS);
                        long now = System.nanoTime();
                        for (int i = 0; i < joules.length; i++) {
                            double watts = readPowerMw(devices.get(i)).orElse(0) / 1e3;
                            synchronized (joules) {
                                joules[i] += watts * (now - prev) / 1e9;
                            }
                        }
                        prev = now;
                    } catch (InterruptedException e) {
                        return;
                    } catch (IOException e) {
                        return; // the next joulesSinceLast sees no progress; the profiler then reports nothing
                    }
                }
            }, "bench-nvml-power");
            sampler.setDaemon(true);
            sampler.start();
            return new Session() {
                @Override
                public Map<String, Double> joulesSinceLast() throws IOException {
                    if (!sampler.isAlive()) {
                        throw new IOException("NVML power sampling stopped");
                    }
                    Map<String, Double> out = new LinkedHashMap<>();
                    synchronized (joules) {
                        for (int i = 0; i < joules.length; i++) {
                            out.put("gpu" + i, joules[i]);
                            joules[i] = 0;
                        }
                    }
                    return out;
                }

                @Override
                public boolean inTotal(String domain) {
                    return true;
                }

                @Override
                public void close() {
                    sampler.interrupt();
                }
            };
        }
    }
}
