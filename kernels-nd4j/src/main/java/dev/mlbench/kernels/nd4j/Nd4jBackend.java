package dev.mlbench.kernels.nd4j;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Backend;
import dev.mlbench.core.spi.ForkEnvironment;
import dev.mlbench.kernels.cpu.OpenBlasCore;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ND4J's native CPU backend (libnd4j, which calls OpenBLAS for GEMM). ND4J 1.0.0-M2.1 brings javacpp
 * 1.5.7 and OpenBLAS 0.3.19, which cannot share a class path with the OpenBLAS peer's newer ones, so the harness does not
 * load ND4J: its kernels are checked and timed in JVMs whose class path is ND4J's own stack (the jars this module's build
 * copies into {@code nd4j-stack} beside its jar) in place of the harness's javacpp and OpenBLAS. Where ND4J is on the
 * class path already (this module's own tests, and those JVMs), it runs in process.
 * <p>
 * OpenBLAS 0.3.19 does not know current CPUs (it takes Zen 5 for an SSE-era core), so ND4J's JVMs are told the core
 * for this CPU's vector ISA unless {@code BENCH_OPENBLAS_CORETYPE} chooses one ({@link OpenBlasCore}).
 */
public final class Nd4jBackend implements Backend {

    /** The backend's name. */
    public static final String NAME = "nd4j";
    /** Overrides where ND4J's stack is looked for. */
    public static final String STACK_PROPERTY = "bench.nd4j.stack";
    private static final String LIBRARY = "OpenBLAS 0.3.19 under ND4J";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "ND4J native CPU backend (deeplearning4j's tensor library), in JVMs of its own native stack";
    }

    @Override
    public Availability probe() {
        return Holder.AVAILABILITY;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        if (!nd4jOnClassPath()) {
            d.put("stack", stack().toString());
            return d;
        }
        d.put("version", version());
        d.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        d.putAll(OpenBlasCore.details(System.getenv(), LIBRARY));
        return d;
    }

    @Override
    public ForkEnvironment forkEnvironment() {
        String best = OpenBlasCore.bestCoreFor(OpenBlasCore.cpuVectorBits(), OpenBlasCore.cpuFlags());
        ForkEnvironment core = OpenBlasCore.forkEnvironment(System.getenv(), best, LIBRARY);
        if (nd4jOnClassPath()) {
            return core;
        }
        return new ForkEnvironment(stackJars(), List.of("javacpp-", "openblas-"), core.set(), core.unset(),
                "ND4J runs on its own javacpp 1.5.7 and OpenBLAS 0.3.19" + (core.reason().isEmpty() ? "" : "; " + core.reason()));
    }

    /** Whether ND4J's classes can be loaded by this JVM (its own stack is on the class path). */
    static boolean nd4jOnClassPath() {
        try {
            Class.forName("org.nd4j.linalg.factory.Nd4j", false, Nd4jBackend.class.getClassLoader());
            Class.forName("org.bytedeco.openblas.global.openblas_nolapack", false, Nd4jBackend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * ND4J's stack: {@value #STACK_PROPERTY} when set, else the {@code nd4j-stack} folder beside this module's jar
     * (or beside its classes folder in a build tree).
     */
    static Path stack() {
        return ForkEnvironment.stackFolder(Nd4jBackend.class, "nd4j-stack", STACK_PROPERTY);
    }

    private static List<Path> stackJars() {
        return ForkEnvironment.jarsIn(stack());
    }

    /** ND4J's jars carry no implementation version; the Maven metadata inside nd4j-api does. */
    static String version() {
        try (var in = Nd4j.class.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
            if (in != null) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }

    private static final class Holder {
        static final Availability AVAILABILITY = probeOnce();
    }

    private static Availability probeOnce() {
        if (!nd4jOnClassPath()) {
            List<Path> jars = stackJars();
            if (jars.stream().noneMatch(j -> j.getFileName().toString().startsWith("nd4j-native"))) {
                return Availability.unavailable("ND4J's own stack was not found in " + stack()
                        + " (it is built with the harness: mvn install; or point -D" + STACK_PROPERTY + " at it)");
            }
            return Availability.available("ND4J in JVMs of its own stack (" + jars.size() + " jars in " + stack() + ")");
        }
        try {
            Nd4j.create(new float[] {1f}, new long[] {1, 1}, 'c');
            return Availability.available("ND4J " + version() + " " + Nd4j.getBackend().getClass().getSimpleName());
        } catch (Throwable e) { // ND4J reports a missing native backend with several kinds of errors
            return Availability.unavailable("ND4J could not initialise its native backend: " + e);
        }
    }
}
