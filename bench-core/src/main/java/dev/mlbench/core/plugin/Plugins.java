package dev.mlbench.core.plugin;

import dev.mlbench.core.registry.Registry;
import dev.mlbench.core.spi.Spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Loads plugin jars: tracks, kernels, backends and meters found through the same {@link java.util.ServiceLoader}
 * SPI as the built-ins. Each jar is checked on its own (its manifest's SPI version, that its providers load,
 * that no name clashes with the built-ins or an earlier plugin); a jar that fails is left out with a problem
 * naming it, and everything else loads as if it were not there.
 */
public final class Plugins {

    private Plugins() {
    }

    /**
     * The registry of the built-ins plus the accepted plugins.
     *
     * @param registry the combined registry
     * @param loader   the class loader it was built from (the built-ins' when there are no plugins)
     * @param jars     the accepted plugin jars, in load order
     * @param problems one paragraph per rejected jar, naming it
     */
    public record Loaded(Registry registry, ClassLoader loader, List<Path> jars, List<String> problems) {
    }

    /** Loads the jars in each of {@code locations} (a folder of jars, or a jar). Missing folders are an error. */
    public static Loaded load(List<Path> locations) {
        ClassLoader parent = Registry.class.getClassLoader();
        List<Path> accepted = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path jar : jars(locations)) {
            String problem = check(jar);
            if (problem == null) {
                List<Path> candidate = new ArrayList<>(accepted);
                candidate.add(jar);
                try {
                    Registry.load(loader(candidate, parent));
                    accepted.add(jar);
                } catch (IllegalStateException e) {
                    problem = e.getMessage();
                }
            }
            if (problem != null) {
                problems.add("plugin " + jar + " was not loaded: " + problem);
            }
        }
        ClassLoader loader = accepted.isEmpty() ? parent : loader(accepted, parent);
        Registry registry = Registry.load(loader);
        problems.addAll(registry.rejected()); // providers without a usable name: the rest of their jar still runs
        return new Loaded(registry, loader, List.copyOf(accepted), List.copyOf(problems));
    }

    private static List<Path> jars(List<Path> locations) {
        List<Path> jars = new ArrayList<>();
        for (Path location : locations) {
            if (Files.isRegularFile(location)) {
                jars.add(location);
            } else if (Files.isDirectory(location)) {
                try (Stream<Path> s = Files.list(location)) {
                    s.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().forEach(jars::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list plugin folder " + location, e);
                }
            } else {
                throw new IllegalArgumentException("plugin folder " + location + " does not exist");
            }
        }
        return jars;
    }

    /** Why {@code jar} cannot be a plugin of this harness, or null when its manifest says it can. */
    static String check(Path jar) {
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
        } catch (IOException e) {
            return "not a readable jar (" + e.getMessage() + ")";
        }
        String declared = manifest == null ? null : manifest.getMainAttributes().getValue(Spi.MANIFEST_ATTRIBUTE);
        if (declared == null) {
            return "its manifest has no " + Spi.MANIFEST_ATTRIBUTE + " attribute, so it was not built as a bench plugin"
                    + " (this harness implements SPI version " + Spi.VERSION + "; see docs/adding-a-track.md)";
        }
        if (!declared.trim().equals(String.valueOf(Spi.VERSION))) {
            return "it was built for SPI version " + declared.trim() + ", and this harness implements SPI version " + Spi.VERSION
                    + "; rebuild it against this harness";
        }
        return null;
    }

    private static URLClassLoader loader(List<Path> jars, ClassLoader parent) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return new URLClassLoader("bench-plugins", urls, parent);
    }
}
