package dev.mlbench.core.spi;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How the JVMs that check and time a backend's kernels differ from the harness JVM: their class path and their
 * environment variables. A backend whose native stack cannot share one class path with the harness's (ND4J on
 * javacpp 1.5.7 beside OpenBLAS on javacpp 1.5.13) brings its own jars, and the harness never loads them itself:
 * its kernels are checked in a child JVM and timed in JMH forks that both see {@link #classPath()} instead of the
 * jars named by {@link #replacedJars()}. Environment variables reach native libraries that read them once, at load
 * (OpenBLAS's {@code OPENBLAS_CORETYPE}), which no Java call can change afterwards.
 *
 * @param classPath    jars (or folders) added to the fork's class path; empty: the harness's class path as it is
 * @param replacedJars file-name prefixes of harness class path entries left out of the fork's class path
 *                     (e.g. {@code javacpp-}), so that the backend's own versions of them are the only ones
 * @param set          environment variables set in the forks, by name
 * @param unset        environment variables removed from the forks
 * @param reason       why the forks differ, for rows and warnings (e.g. "OpenBLAS 0.3.19 does not detect this CPU")
 */
public record ForkEnvironment(List<Path> classPath, List<String> replacedJars, Map<String, String> set, Set<String> unset,
                              String reason) {

    /** Forks exactly like the harness JVM: its class path and its environment. */
    public static final ForkEnvironment INHERITED = new ForkEnvironment(List.of(), List.of(), Map.of(), Set.of(), "");

    public ForkEnvironment {
        classPath = List.copyOf(classPath);
        replacedJars = List.copyOf(replacedJars);
        set = Map.copyOf(set);
        unset = Set.copyOf(unset);
        reason = reason == null ? "" : reason;
        for (String name : set.keySet()) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("not an environment variable name: '" + name + "'");
            }
        }
    }

    /** Only environment variables differ: {@code set} set, {@code unset} removed. */
    public static ForkEnvironment variables(Map<String, String> set, Set<String> unset, String reason) {
        return new ForkEnvironment(List.of(), List.of(), set, unset, reason);
    }

    /** Whether the forks are exactly like the harness JVM. */
    public boolean inherited() {
        return classPath.isEmpty() && replacedJars.isEmpty() && set.isEmpty() && unset.isEmpty();
    }

    /**
     * Whether the backend brings a class path of its own: then the harness JVM cannot run its kernels, and
     * their correctness check runs in a child JVM with this environment too.
     */
    public boolean ownClassPath() {
        return !classPath.isEmpty();
    }

    /**
     * Where a backend with a native stack of its own keeps its jars: the folder named by the system property
     * {@code overrideProperty} when set, else {@code folder} beside the jar (or classes folder) {@code anchor} was
     * loaded from, where the build copies it.
     */
    public static Path stackFolder(Class<?> anchor, String folder, String overrideProperty) {
        String override = System.getProperty(overrideProperty);
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        try {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.getParent().resolve(folder);
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of(folder).toAbsolutePath();
        }
    }

    /** The jars in {@code folder}, sorted; none when it does not exist. */
    public static List<Path> jarsIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
