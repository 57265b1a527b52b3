package dev.mlbench.kernels.cpu;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Backend;
import org.bytedeco.openblas.global.openblas;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Map;

/**
 * OpenBLAS through the bytedeco JavaCPP preset (the same native library ND4J uses). Loading the native
 * library is the probe: it fails with the loader's message where the platform's natives are missing.
 */
public final class OpenBlasBackend implements Backend {

    /** The backend's name. */
    public static final String NAME = "openblas";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "OpenBLAS via the bytedeco JavaCPP preset (native BLAS peer)";
    }

    @Override
    public Availability probe() {
        return Holder.AVAILABILITY;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("version", openblas.OPENBLAS_VERSION.trim());
        d.put("build_target", openblas.OPENBLAS_CHAR_CORENAME.trim());
        String config = runtimeConfig();
        d.put("runtime_config", config == null ? "unavailable: openblas_get_config not found" : config);
        d.put("preset", "org.bytedeco:openblas " + org.bytedeco.openblas.global.openblas.class.getPackage().getImplementationVersion());
        return d;
    }

    /**
     * OpenBLAS's own description of the build it runs, including the CPU kernel set its dynamic dispatch
     * chose (e.g. "OpenBLAS 0.3.19 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64"). The preset's constants only
     * name the build's baseline target, so the running core is read through the FFM API.
     */
    static String runtimeConfig() {
        try {
            Optional<MemorySegment> symbol = SymbolLookup.loaderLookup().find("openblas_get_config");
            if (symbol.isEmpty()) {
                return null;
            }
            MethodHandle getConfig = Linker.nativeLinker().downcallHandle(symbol.get(), FunctionDescriptor.of(ValueLayout.ADDRESS));
            MemorySegment text = (MemorySegment) getConfig.invokeExact();
            return text.equals(MemorySegment.NULL) ? null : text.reinterpret(1024).getString(0).trim();
        } catch (Throwable e) { // a missing symbol or restricted native access: the version constant still stands
            return null;
        }
    }

    private static final class Holder {
        static final Availability AVAILABILITY = probeOnce();
    }

    private static Availability probeOnce() {
        try {
            org.bytedeco.javacpp.Loader.load(openblas.class);
            String config = runtimeConfig();
            return Availability.available(config != null ? config : openblas.OPENBLAS_VERSION.trim());
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, or a loader RuntimeException
            return Availability.unavailable("the OpenBLAS native library could not be loaded: " + e);
        }
    }
}
