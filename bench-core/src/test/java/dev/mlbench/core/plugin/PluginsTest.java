package dev.mlbench.core.plugin;

import dev.mlbench.core.spi.Spi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plugin jars are checked one by one; a bad one is named and left out, and the rest loads. */
class PluginsTest {

    @TempDir
    Path dir;

    /** Writes a jar with the given SPI version (null: none) and files. */
    private Path jar(String name, String spiVersion, Map<String, String> files) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (spiVersion != null) {
            manifest.getMainAttributes().putValue(Spi.MANIFEST_ATTRIBUTE, spiVersion);
        }
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                j.putNextEntry(new JarEntry(f.getKey()));
                j.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void noPluginsGiveTheBuiltIns() {
        Plugins.Loaded loaded = Plugins.load(List.of(dir));
        assertEquals(List.of(), loaded.jars());
        assertEquals(List.of(), loaded.problems());
        assertTrue(loaded.registry().track("axpy").isPresent());
    }

    @Test
    void aJarWithoutTheSpiVersionIsNamedAndLeftOut() throws Exception {
        Path jar = jar("plain.jar", null, Map.of());
        Plugins.Loaded loaded = Plugins.load(List.of(dir));
        assertEquals(List.of(), loaded.jars());
        assertEquals(1, loaded.problems().size());
        assertTrue(loaded.problems().getFirst().startsWith("plugin " + jar + " was not loaded: its manifest has no Bench-SPI-Version"),
                loaded.problems().getFirst());
    }

    @Test
    void anSpiVersionMismatchIsNamed() throws Exception {
        Path jar = jar("future.jar", "99", Map.of());
        String problem = Plugins.load(List.of(jar)).problems().getFirst();
        assertEquals("plugin " + jar + " was not loaded: it was built for SPI version 99, and this harness implements SPI version "
                + Spi.VERSION + "; rebuild it against this harness", problem);
    }

    @Test
    void aJarWhoseProviderCannotLoadIsNamedAndTheRestStillLoads() throws Exception {
        Path broken = jar("a-broken.jar", "1", Map.of("META-INF/services/dev.mlbench.core.spi.Track", "no.such.TrackClass\n"));
        Plugins.Loaded loaded = Plugins.load(List.of(dir));
        assertEquals(1, loaded.problems().size());
        String problem = loaded.problems().getFirst();
        assertTrue(problem.startsWith("plugin " + broken + " was not loaded: cannot load a Track provider") && problem.contains("no.such.TrackClass"),
                problem);
        assertTrue(loaded.registry().track("axpy").isPresent(), "the built-ins are unaffected");
    }

    @Test
    void aDuplicateNameIsNamedWithBothOrigins() throws Exception {
        // the jar declares a backend under the name of a built-in one
        Path dup = jar("dup.jar", "1", Map.of("META-INF/services/dev.mlbench.core.spi.Backend", ImpostorBackend.class.getName() + "\n"));
        Plugins.Loaded loaded = Plugins.load(List.of(dup));
        String problem = loaded.problems().getFirst();
        assertTrue(problem.startsWith("plugin " + dup + " was not loaded: conflicting plugins: two backends are named 'test-backend': "
                + "dev.mlbench.core.testtrack.TestBackend (from "), problem);
        assertTrue(problem.contains(ImpostorBackend.class.getName() + " (from "), problem);
        assertEquals(List.of(), loaded.jars());
    }

    @Test
    void providersWithoutAUsableNameAreLeftOutWithAReasonAndTheRestLoads() throws Exception {
        Path jar = jar("careless.jar", "1", Map.of(
                "META-INF/services/dev.mlbench.core.spi.Backend", NamelessProviders.NullNamedBackend.class.getName() + "\n",
                "META-INF/services/dev.mlbench.core.spi.Kernel", NamelessProviders.ThrowingNameKernel.class.getName() + "\n"));
        Plugins.Loaded loaded = Plugins.load(List.of(jar));
        assertEquals(List.of(jar), loaded.jars(), "the jar itself is usable");
        assertEquals(2, loaded.problems().size(), loaded.problems()::toString);
        assertTrue(loaded.problems().get(0).startsWith("backend provider " + NamelessProviders.NullNamedBackend.class.getName() + " (from ")
                && loaded.problems().get(0).endsWith("was left out: its name() returned null"), loaded.problems().get(0));
        assertTrue(loaded.problems().get(1).startsWith("kernel provider " + NamelessProviders.ThrowingNameKernel.class.getName() + " (from ")
                && loaded.problems().get(1).endsWith("was left out: its name() threw IllegalStateException: no name yet"), loaded.problems().get(1));
        assertTrue(loaded.registry().kernels("axpy").containsKey("plain"), "the other kernels are registered");
        assertTrue(loaded.registry().backends().containsKey("test-backend"));
        assertTrue(loaded.problems().stream().noneMatch(p -> p.contains("\n")), "one line each");
    }

    @Test
    void aMissingFolderIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Plugins.load(List.of(dir.resolve("none"))));
        assertEquals("plugin folder " + dir.resolve("none") + " does not exist", e.getMessage());
    }

    @Test
    void acceptedJarsJoinTheBenchmarkClassPath() throws Exception {
        Path ok = jar("ok.jar", "1", Map.of());
        Plugins.Loaded loaded = Plugins.load(List.of(ok));
        assertEquals(List.of(ok), loaded.jars());
        String before = System.getProperty("java.class.path");
        try {
            dev.mlbench.core.measure.JmhMeasurer.addToForkClassPath(loaded.jars());
            assertEquals(before + java.io.File.pathSeparator + ok.toAbsolutePath(), System.getProperty("java.class.path"));
            dev.mlbench.core.measure.JmhMeasurer.addToForkClassPath(List.of());
            assertEquals(before + java.io.File.pathSeparator + ok.toAbsolutePath(), System.getProperty("java.class.path"), "no jars, no change");
        } finally {
            System.setProperty("java.class.path", before);
        }
    }
}
