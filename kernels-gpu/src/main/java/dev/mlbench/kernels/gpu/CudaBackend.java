package dev.mlbench.kernels.gpu;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Backend;
import jcuda.CudaException;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.JCudaDriver;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kernels on NVIDIA GPUs through JCuda's driver API. Available when an NVIDIA driver that supports
 * CUDA 12.6 (what JCuda 12.6 is built against) is loaded and sees at least one device.
 */
public final class CudaBackend implements Backend {

    /** The backend's name. */
    public static final String NAME = "cuda";
    /** The oldest driver API version JCuda 12.6 works with, as {@code cuDriverGetVersion} reports it. */
    static final int REQUIRED_DRIVER_VERSION = 12060;

    /** One CUDA device as found by the probe. */
    record Device(int ordinal, String name, int ccMajor, int ccMinor, long memoryBytes) {

        /** Compute capability as NVIDIA writes it, e.g. {@code 9.0}. */
        String computeCapability() {
            return ccMajor + "." + ccMinor;
        }
    }

    /**
     * The once-computed outcome.
     *
     * @param driverVersion the driver API version, e.g. {@code 12.8}, or empty when no driver answered
     * @param driverApi     the same as {@code cuDriverGetVersion} reports it (e.g. 12080), 0 when unknown
     * @param devices       every device, empty when unavailable
     */
    record Probe(Availability availability, String driverVersion, int driverApi, List<Device> devices) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "CUDA kernels through JCuda's driver API (NVIDIA GPUs)";
    }

    /** Whether a CUDA device is usable; computed once per process, never throws. */
    @Override
    public Availability probe() {
        return Holder.RESULT.availability();
    }

    /** The driver version and every device with its name, compute capability and total memory. */
    @Override
    public Map<String, Object> details() {
        Probe probe = Holder.RESULT;
        if (probe.devices().isEmpty()) {
            return Map.of();
        }
        List<Map<String, Object>> devices = new ArrayList<>();
        for (Device d : probe.devices()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ordinal", d.ordinal());
            m.put("name", d.name());
            m.put("compute_capability", d.computeCapability());
            m.put("memory_bytes", d.memoryBytes());
            devices.add(m);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("driver_version", probe.driverVersion());
        details.put("devices", devices);
        return details;
    }

    /** The cached probe, shared with {@link GpuEnvironmentProbe} so the driver is queried once. */
    static Probe cached() {
        return Holder.RESULT;
    }

    private static final class Holder {
        static final Probe RESULT = probeOnce();
    }

    private static Probe probeOnce() {
        try {
            return query();
        } catch (UnsatisfiedLinkError e) {
            return unavailable(explainLinkError(e.getMessage()));
        } catch (CudaException e) {
            return unavailable("querying the CUDA driver failed with " + e.getMessage());
        } catch (Throwable t) {
            return unavailable("probing CUDA failed: " + firstLine(t.toString()));
        }
    }

    private static Probe query() {
        // The first touch runs JCudaDriver's static initializer, which loads the JNI library; that library
        // links libcuda.so.1 directly, so a missing driver surfaces here as an UnsatisfiedLinkError.
        JCudaDriver.setExceptionsEnabled(true);
        // Asked before cuInit because it needs no initialization, so a failing cuInit can name the driver.
        int version = driverVersion();
        String driver = versionString(version);
        try {
            JCudaDriver.cuInit(0);
        } catch (CudaException e) {
            String reported = version > 0 ? " (driver reports CUDA " + driver + ")" : "";
            return unavailable("cuInit(0) failed with " + e.getMessage() + reported + initHint(e.getMessage()));
        }
        // Checked before any further call: the JNI library is opened with lazy binding, so an entry point an
        // old driver lacks could abort the JVM at its first call rather than fail with an error code.
        if (version < REQUIRED_DRIVER_VERSION) {
            return unavailable("the NVIDIA driver reports CUDA " + driver + " but JCuda 12.6 needs a driver supporting "
                    + versionString(REQUIRED_DRIVER_VERSION) + " or newer; update the NVIDIA driver");
        }
        int[] count = new int[1];
        JCudaDriver.cuDeviceGetCount(count);
        if (count[0] == 0) {
            return unavailable("the NVIDIA driver (CUDA " + driver + ") reports no CUDA devices; check that a GPU is "
                    + "attached and that CUDA_VISIBLE_DEVICES does not hide it");
        }
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < count[0]; i++) {
            devices.add(device(i));
        }
        Device first = devices.getFirst();
        String note = first.name() + " (compute capability " + first.computeCapability() + ")"
                + (devices.size() > 1 ? " and " + (devices.size() - 1) + " more" : "")
                + ", driver CUDA " + driver;
        return new Probe(Availability.available(note), driver, version, List.copyOf(devices));
    }

    private static Device device(int ordinal) {
        CUdevice dev = new CUdevice();
        JCudaDriver.cuDeviceGet(dev, ordinal);
        byte[] name = new byte[256];
        JCudaDriver.cuDeviceGetName(name, name.length, dev);
        int[] major = new int[1];
        int[] minor = new int[1];
        JCudaDriver.cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev);
        JCudaDriver.cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev);
        long[] memory = new long[1];
        JCudaDriver.cuDeviceTotalMem(memory, dev);
        return new Device(ordinal, cString(name), major[0], minor[0], memory[0]);
    }

    private static String initHint(String result) {
        return switch (result) {
            case "CUDA_ERROR_NO_DEVICE" -> "; no GPU is visible: check that one is attached and that "
                    + "CUDA_VISIBLE_DEVICES does not hide it";
            case "CUDA_ERROR_STUB_LIBRARY" -> "; the libcuda.so found is the CUDA toolkit's stub, not a driver: "
                    + "remove the toolkit's stubs directory from LD_LIBRARY_PATH or install the NVIDIA driver";
            default -> "";
        };
    }

    /**
     * JCuda's message holds both load attempts with their stack traces; the useful part is the linker's
     * complaint in the last attempt, which names the library that is missing.
     */
    static String explainLinkError(String message) {
        String detail = firstLine(message);
        if (message != null) {
            for (String line : message.split("\n")) {
                line = line.strip();
                int at = line.indexOf("libcuda.so");
                if (at >= 0 && !line.startsWith("at ")) {
                    return "no NVIDIA driver: " + line.substring(at) + "; install an NVIDIA driver supporting CUDA "
                            + versionString(REQUIRED_DRIVER_VERSION) + " or newer, which JCuda 12.6 needs";
                }
                if (line.startsWith("java.lang.UnsatisfiedLinkError: ")) {
                    detail = line.substring("java.lang.UnsatisfiedLinkError: ".length());
                }
            }
        }
        if (detail.contains("undefined symbol")) {
            return "the NVIDIA driver is too old for JCuda 12.6 (" + detail + "); install a driver supporting CUDA "
                    + versionString(REQUIRED_DRIVER_VERSION) + " or newer";
        }
        return "JCuda's native driver binding could not be loaded: " + detail;
    }

    /** The driver API version, or 0 when the library cannot say (the toolkit's stub answers only errors). */
    private static int driverVersion() {
        int[] version = new int[1];
        try {
            JCudaDriver.cuDriverGetVersion(version);
            return version[0];
        } catch (CudaException e) {
            return 0;
        }
    }

    static String versionString(int version) {
        return version <= 0 ? "unknown" : version / 1000 + "." + version % 1000 / 10;
    }

    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8).trim();
    }

    private static Probe unavailable(String reason) {
        return new Probe(Availability.unavailable(reason), "", 0, List.of());
    }

    private static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return "(no message)";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
