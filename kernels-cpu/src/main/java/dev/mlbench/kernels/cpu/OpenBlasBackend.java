package dev.mlbench.kernels.cpu;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Backend;
import org.bytedeco.openblas.global.openblas;

import java.util.LinkedHashMap;
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
        d.put("preset", "org.bytedeco:openblas " + org.bytedeco.openblas.global.openblas.class.getPackage().getImplementationVersion());
        return d;
    }

    private static final class Holder {
        static final Availability AVAILABILITY = probeOnce();
    }

    private static Availability probeOnce() {
        try {
            org.bytedeco.javacpp.Loader.load(openblas.class);
            return Availability.available(openblas.OPENBLAS_VERSION.trim());
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, or a loader RuntimeException
            return Availability.unavailable("the OpenBLAS native library could not be loaded: " + e);
        }
    }
}
