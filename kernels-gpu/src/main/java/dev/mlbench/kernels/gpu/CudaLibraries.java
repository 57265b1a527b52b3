package dev.mlbench.kernels.gpu;

import dev.mlbench.core.spi.Availability;
import jcuda.nvrtc.JNvrtc;

import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Whether the CUDA toolkit libraries the CUDA kernels need beyond the driver are present: NVRTC
 * ({@code libnvrtc.so.12}) for the kernels compiled at run time, cuBLAS ({@code libcublas.so.12}) for the
 * peer. Each is probed once, after the driver, and never throws.
 */
public final class CudaLibraries {

    static final String NVRTC = "libnvrtc.so.12";
    static final String CUBLAS = "libcublas.so.12";
    private static final String WHERE = "install the CUDA 12 toolkit (or its pip wheels nvidia-cuda-nvrtc-cu12 / "
            + "nvidia-cublas-cu12) and put its lib64 folder on LD_LIBRARY_PATH";

    private CudaLibraries() {
    }

    /** NVRTC, with its version; unavailable when the driver is, when the library is missing, or when it is newer than the driver. */
    public static Availability nvrtc() {
        return Holder.NVRTC_RESULT;
    }

    /** cuBLAS; unavailable when the driver is or when the library is missing. */
    public static Availability cublas() {
        return Holder.CUBLAS_RESULT;
    }

    private static final class Holder {
        static final Availability NVRTC_RESULT = guard(CudaLibraries::probeNvrtc);
        static final Availability CUBLAS_RESULT = guard(CudaLibraries::probeCublas);
    }

    private static Availability guard(Supplier<Availability> probe) {
        CudaBackend.Probe driver = CudaBackend.cached();
        if (!driver.availability().available()) {
            return Availability.unavailable("CUDA backend unavailable: " + driver.availability().reason());
        }
        try {
            return probe.get();
        } catch (Throwable t) {
            return Availability.unavailable("probing the CUDA toolkit failed: " + t);
        }
    }

    private static Availability probeNvrtc() {
        if (!NativeLibraries.loadable(NVRTC)) {
            return Availability.unavailable(missing("NVRTC", NVRTC, NativeLibraries::loadable, "libnvrtc.so.11.2", "libnvrtc.so.11.1", "libnvrtc.so.11.0"));
        }
        int[] major = new int[1];
        int[] minor = new int[1];
        JNvrtc.setExceptionsEnabled(true);
        JNvrtc.nvrtcVersion(major, minor);
        int toolkit = major[0] * 1000 + minor[0] * 10;
        int driverApi = CudaBackend.cached().driverApi();
        if (toolkit > driverApi) {
            // PTX carries the ISA version of the toolkit that wrote it; an older driver refuses to load it.
            return Availability.unavailable("NVRTC is CUDA " + major[0] + "." + minor[0] + " but the driver supports only CUDA "
                    + CudaBackend.versionString(driverApi) + ", so it could not load the PTX NVRTC writes; update the "
                    + "driver or use a toolkit no newer than the driver");
        }
        return Availability.available("NVRTC " + major[0] + "." + minor[0]);
    }

    /** Why {@code library} is missing: a toolkit too old when one of {@code older} loads, else not installed. */
    static String missing(String what, String library, Predicate<String> loadable, String... older) {
        for (String old : older) {
            if (loadable.test(old)) {
                return what + " from CUDA 12 (" + library + ") not found, only the older " + old
                        + ": the CUDA toolkit is too old for JCuda 12.6; " + WHERE;
            }
        }
        return what + " (" + library + ") not found; " + WHERE;
    }

    private static Availability probeCublas() {
        if (!NativeLibraries.loadable(CUBLAS)) {
            return Availability.unavailable(missing("cuBLAS", CUBLAS, NativeLibraries::loadable, "libcublas.so.11"));
        }
        return Availability.available("cuBLAS " + CUBLAS);
    }
}
