package dev.mlbench.kernels.cpu;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Backend;
import dev.mlbench.core.spi.ForkEnvironment;
import org.bytedeco.openblas.global.openblas;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenBLAS through the bytedeco JavaCPP preset, a release that detects current CPUs (ND4J runs an older one in its
 * own stack). Loading the native library is the probe: it fails with the loader's message where the platform's
 * natives are missing. Its details name the core the library runs ({@link OpenBlasCore}).
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
        d.put("runtime_config", OpenBlasCore.config().orElse("unavailable: openblas_get_config not found"));
        d.put("preset", "org.bytedeco:openblas " + openblas.class.getPackage().getImplementationVersion());
        d.putAll(OpenBlasCore.details(System.getenv(), library()));
        return d;
    }

    /**
     * This OpenBLAS detects current CPUs itself, so its forks only lose an inherited {@code OPENBLAS_CORETYPE}
     * (or get a deliberate {@code BENCH_OPENBLAS_CORETYPE}).
     */
    @Override
    public ForkEnvironment forkEnvironment() {
        return OpenBlasCore.forkEnvironment(System.getenv(), null, library());
    }

    private static String library() {
        return "OpenBLAS " + openblas.OPENBLAS_VERSION.trim().replaceFirst("^OpenBLAS\\s*", "");
    }

    private static final class Holder {
        static final Availability AVAILABILITY = probeOnce();
    }

    private static Availability probeOnce() {
        try {
            org.bytedeco.javacpp.Loader.load(openblas.class);
            return Availability.available(OpenBlasCore.config().orElse(openblas.OPENBLAS_VERSION.trim()));
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, or a loader RuntimeException
            return Availability.unavailable("the OpenBLAS native library could not be loaded: " + e);
        }
    }
}
