package dev.mlbench.kernels.cpu;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Backend;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

/** ND4J's native CPU backend (libnd4j, which calls OpenBLAS for GEMM). Probed by initialising ND4J once. */
public final class Nd4jBackend implements Backend {

    /** The backend's name. */
    public static final String NAME = "nd4j";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "ND4J native CPU backend (deeplearning4j's tensor library)";
    }

    @Override
    public Availability probe() {
        return Holder.AVAILABILITY;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("version", version());
        d.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        return d;
    }

    /** ND4J's jars carry no implementation version; the Maven metadata inside nd4j-api does. */
    static String version() {
        try (var in = Nd4j.class.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
            if (in != null) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (java.io.IOException e) {
            // fall through
        }
        return "unknown";
    }

    private static final class Holder {
        static final Availability AVAILABILITY = probeOnce();
    }

    private static Availability probeOnce() {
        try {
            Nd4j.create(new float[] {1f}, new long[] {1, 1}, 'c');
            return Availability.available("ND4J " + version() + " " + Nd4j.getBackend().getClass().getSimpleName());
        } catch (Throwable e) { // ND4J reports a missing native backend with several kinds of errors
            return Availability.unavailable("ND4J could not initialise its native backend: " + e);
        }
    }
}
