package dev.mlbench.kernels.gpu;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Backend;
import dev.mlbench.kernels.gpu.opencl.ClContext;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Kernels on OpenCL devices through JOCL. Available when an ICD loader, at least one platform and at
 * least one device are installed; the reason says which of the three is missing.
 */
public final class OpenClBackend implements Backend {

    /** The backend's name. */
    public static final String NAME = "opencl";
    /** The library JOCL opens on Linux: the unversioned name, which only the loader's dev package installs. */
    static final String LOADER = "libOpenCL.so";
    static final String NO_LOADER = "no OpenCL loader (" + LOADER + ") found; install an ICD loader and a platform, "
            + "e.g. apt-get install ocl-icd-opencl-dev pocl-opencl-icd (JOCL opens the unversioned " + LOADER
            + ", so the runtime-only libOpenCL.so.1 is not enough)";

    /** One OpenCL device as found by the probe. */
    record Device(String name, String type, long globalMemoryBytes, int computeUnits) {
    }

    /** One OpenCL platform (an installed ICD) and its devices. */
    record Platform(String name, String version, List<Device> devices) {
    }

    /** The once-computed outcome: availability and, when available, what was found. */
    record Probe(Availability availability, List<Platform> platforms) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "OpenCL kernels through JOCL (GPUs, or CPUs through an ICD such as PoCL)";
    }

    /** Whether an OpenCL device is usable; computed once per process, never throws. */
    @Override
    public Availability probe() {
        return Holder.RESULT.availability();
    }

    /** Every platform with its version and devices (name, type, global memory, compute units). */
    @Override
    public Map<String, Object> details() {
        List<Map<String, Object>> platforms = new ArrayList<>();
        for (Platform p : Holder.RESULT.platforms()) {
            List<Map<String, Object>> devices = new ArrayList<>();
            for (Device d : p.devices()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", d.name());
                m.put("type", d.type());
                m.put("global_memory_bytes", d.globalMemoryBytes());
                m.put("compute_units", d.computeUnits());
                devices.add(m);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("version", p.version());
            m.put("devices", devices);
            platforms.add(m);
        }
        return platforms.isEmpty() ? Map.of() : Map.of("platforms", platforms);
    }

    private static final class Holder {
        static final Probe RESULT = probeOnce();
    }

    private static Probe probeOnce() {
        try {
            return query();
        } catch (CLException e) {
            return unavailable("querying OpenCL failed with " + e.getMessage());
        } catch (UnsatisfiedLinkError e) {
            return unavailable("JOCL could not bind to OpenCL: " + firstLine(e.getMessage()));
        } catch (Throwable t) {
            return unavailable("probing OpenCL failed: " + firstLine(t.toString()));
        }
    }

    private static Probe query() {
        // JOCL's native code prints its own dlopen failure to stdout, where it would corrupt a report
        // written there; asking the linker first keeps the binding untouched when the loader is absent.
        if (!NativeLibraries.loadable(LOADER)) {
            return unavailable(NO_LOADER);
        }
        CL.setExceptionsEnabled(true);
        int[] count = new int[1];
        try {
            CL.clGetPlatformIDs(0, null, count);
        } catch (CLException e) {
            // ocl-icd answers "platform not found" rather than zero when no ICD is registered.
            if (e.getStatus() != CL.CL_PLATFORM_NOT_FOUND_KHR) {
                throw e;
            }
            count[0] = 0;
        }
        if (count[0] == 0) {
            return unavailable("an OpenCL loader (" + LOADER + ") is installed but no platform is registered "
                    + "(no ICD in /etc/OpenCL/vendors); install one, e.g. apt-get install pocl-opencl-icd, "
                    + "or the GPU vendor's OpenCL driver");
        }
        cl_platform_id[] ids = new cl_platform_id[count[0]];
        CL.clGetPlatformIDs(ids.length, ids, null);
        List<Platform> platforms = new ArrayList<>();
        for (cl_platform_id id : ids) {
            platforms.add(new Platform(platformString(id, CL.CL_PLATFORM_NAME),
                    platformString(id, CL.CL_PLATFORM_VERSION), devices(id)));
        }
        List<Platform> withDevices = platforms.stream().filter(p -> !p.devices().isEmpty()).toList();
        if (withDevices.isEmpty()) {
            return unavailable(platforms.size() + " OpenCL platform(s) found ("
                    + platforms.stream().map(Platform::name).collect(Collectors.joining(", "))
                    + ") but none has a device; check that the driver sees the hardware (for a GPU, the kernel "
                    + "driver and device permissions) or install a CPU platform such as pocl-opencl-icd");
        }
        String note = withDevices.stream()
                .map(p -> p.name() + ": " + p.devices().stream().map(Device::name).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
        return new Probe(Availability.available(note), List.copyOf(platforms));
    }

    private static List<Device> devices(cl_platform_id platform) {
        int[] count = new int[1];
        try {
            CL.clGetDeviceIDs(platform, CL.CL_DEVICE_TYPE_ALL, 0, null, count);
        } catch (CLException e) {
            // A platform without devices reports an error instead of zero.
            if (e.getStatus() != CL.CL_DEVICE_NOT_FOUND) {
                throw e;
            }
            return List.of();
        }
        cl_device_id[] ids = new cl_device_id[count[0]];
        CL.clGetDeviceIDs(platform, CL.CL_DEVICE_TYPE_ALL, ids.length, ids, null);
        List<Device> devices = new ArrayList<>();
        for (cl_device_id id : ids) {
            long[] type = new long[1];
            CL.clGetDeviceInfo(id, CL.CL_DEVICE_TYPE, Sizeof.cl_ulong, Pointer.to(type), null);
            long[] memory = new long[1];
            CL.clGetDeviceInfo(id, CL.CL_DEVICE_GLOBAL_MEM_SIZE, Sizeof.cl_ulong, Pointer.to(memory), null);
            int[] units = new int[1];
            CL.clGetDeviceInfo(id, CL.CL_DEVICE_MAX_COMPUTE_UNITS, Sizeof.cl_uint, Pointer.to(units), null);
            devices.add(new Device(ClContext.deviceString(id, CL.CL_DEVICE_NAME), CL.stringFor_cl_device_type(type[0]).strip(),
                    memory[0], units[0]));
        }
        return List.copyOf(devices);
    }

    private static String platformString(cl_platform_id id, int param) {
        long[] size = new long[1];
        CL.clGetPlatformInfo(id, param, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        CL.clGetPlatformInfo(id, param, bytes.length, Pointer.to(bytes), null);
        return cString(bytes);
    }

    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8).trim();
    }

    private static Probe unavailable(String reason) {
        return new Probe(Availability.unavailable(reason), List.of());
    }

    private static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return "(no message)";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
