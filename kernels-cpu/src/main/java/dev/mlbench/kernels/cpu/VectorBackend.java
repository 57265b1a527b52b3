package dev.mlbench.kernels.cpu;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Backend;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU kernels written with the Java Vector API (jdk.incubator.vector). Unavailable when the incubator
 * module is not in the boot layer, with the flag that fixes it; the Vector API classes are touched only
 * after that check, through {@link VectorInfo}.
 */
public final class VectorBackend implements Backend {

    /** The backend's name. */
    public static final String NAME = "cpu-vector";
    static final String MODULE = "jdk.incubator.vector";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Java Vector API kernels (SIMD on the CPU)";
    }

    @Override
    public Availability probe() {
        return Holder.AVAILABILITY;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("vector_bit_size", VectorInfo.preferredBitSize());
        d.put("float_lanes", VectorInfo.floatLanes());
        return d;
    }

    /** Whether the Vector API can be used in this JVM. */
    static boolean usable() {
        return Holder.AVAILABILITY.available();
    }

    private static final class Holder {
        static final Availability AVAILABILITY = probeOnce();
    }

    private static Availability probeOnce() {
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            return Availability.unavailable("the " + MODULE + " module is not enabled; run with --add-modules " + MODULE
                    + " (the ./bench launcher does this)");
        }
        // Without C2 the Vector API is not intrinsified and runs tens of times slower than scalar code:
        // better unavailable than silently misleading.
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.equals("-Xint") || arg.startsWith("-XX:TieredStopAtLevel=") && !arg.endsWith("=4")) {
                return Availability.unavailable("the JVM runs with " + arg + ", so the Vector API is not compiled to SIMD instructions");
            }
        }
        try {
            int bits = VectorInfo.preferredBitSize();
            if (bits < 128) {
                return Availability.unavailable("the preferred vector size is " + bits + " bits: this CPU has no usable SIMD");
            }
            return Availability.available(bits + "-bit vectors (" + VectorInfo.floatLanes() + " float lanes)");
        } catch (LinkageError e) {
            return Availability.unavailable("the Vector API could not be loaded: " + e);
        }
    }
}
