package dev.mlbench.core.measure;

import dev.mlbench.core.spi.ForkEnvironment;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Starts benchmark and check JVMs with a backend's {@link ForkEnvironment}. JMH builds a fork's command line itself
 * ({@code JVM [flags] -cp HARNESS_CLASS_PATH ForkedMain host port}) and lets only the JVM executable be chosen, so
 * the JVM it is given is a small shell script, one per distinct environment, that sets and unsets the backend's
 * variables, puts the backend's class path in place of the {@code -cp} value, and execs this JVM's {@code java}.
 */
public final class ForkLauncher {

    private static final Map<ForkEnvironment, Path> WRAPPERS = new ConcurrentHashMap<>();

    private ForkLauncher() {
    }

    /** This JVM's {@code java} executable. */
    public static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * The executable a fork with {@code env} is started through: this JVM's {@code java} for an inherited
     * environment, otherwise a wrapper script written once per environment into the temporary folder.
     */
    public static Path executable(ForkEnvironment env) {
        if (env.inherited()) {
            return java();
        }
        return WRAPPERS.computeIfAbsent(env, ForkLauncher::writeWrapper);
    }

    /**
     * The class path of a fork with {@code env}: the harness's, with the {@code Class-Path} of manifest-only jars
     * (the runnable jar, surefire's booter) spelled out so that replaced jars can be left out, then the backend's own.
     */
    public static String classPath(ForkEnvironment env) {
        Set<Path> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                expand(Path.of(e).toAbsolutePath().normalize(), entries);
            }
        }
        List<String> kept = new ArrayList<>();
        for (Path p : entries) {
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (env.replacedJars().stream().noneMatch(name::startsWith)) {
                kept.add(p.toString());
            }
        }
        env.classPath().forEach(p -> kept.add(p.toAbsolutePath().toString()));
        return String.join(File.pathSeparator, kept);
    }

    private static void expand(Path entry, Set<Path> into) {
        if (!into.add(entry) || !entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String cp = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (cp == null) {
                return;
            }
            for (String ref : cp.trim().split("\\s+")) {
                if (!ref.isEmpty()) {
                    URI uri = entry.getParent().toUri().resolve(ref);
                    expand(uri.getScheme() == null || uri.getScheme().equals("file") ? Path.of(uri).normalize() : entry, into);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // not a readable jar: kept as it is, the JVM reports it if it matters
        }
    }

    /** The wrapper script's text: the environment, the class path substitution, exec java. */
    static String script(ForkEnvironment env) {
        StringBuilder s = new StringBuilder("#!/bin/sh\n# benchmark JVM of a backend with its own environment\n");
        env.unset().stream().sorted().forEach(name -> s.append("unset ").append(name).append('\n'));
        env.set().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> s.append("export ").append(e.getKey()).append('=').append(quote(e.getValue())).append('\n'));
        if (!env.classPath().isEmpty() || !env.replacedJars().isEmpty()) {
            s.append("cp=").append(quote(classPath(env))).append('\n')
                    .append("first=1\nprev=\n")
                    .append("for a do\n")
                    .append("  if [ \"$first\" = 1 ]; then set --; first=0; fi\n")
                    .append("  if [ \"$prev\" = -cp ] || [ \"$prev\" = -classpath ]; then set -- \"$@\" \"$cp\"; else set -- \"$@\" \"$a\"; fi\n")
                    .append("  prev=$a\n")
                    .append("done\n");
        }
        s.append("exec ").append(quote(java().toString())).append(" \"$@\"\n");
        return s.toString();
    }

    private static Path writeWrapper(ForkEnvironment env) {
        try {
            Path file = Files.createTempFile("bench-fork-", ".sh", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            file.toFile().deleteOnExit();
            Files.writeString(file, script(env));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark JVM wrapper into " + System.getProperty("java.io.tmpdir"), e);
        }
    }

    /** A single-quoted shell word. */
    private static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * What an exit status of a dead JVM means: above 128 a shell reports death by signal {@code status - 128};
     * a JVM killed by a signal it does not handle (SIGKILL) or crashing (SIGSEGV, SIGABRT after hs_err) ends so.
     */
    public static String describeExit(int status) {
        if (status > 128 && status < 128 + 65) {
            int signal = status - 128;
            String name = switch (signal) {
                case 4 -> "SIGILL";
                case 6 -> "SIGABRT";
                case 7 -> "SIGBUS";
                case 9 -> "SIGKILL";
                case 11 -> "SIGSEGV";
                case 15 -> "SIGTERM";
                default -> "signal " + signal;
            };
            return "exit status " + status + ": killed by " + name;
        }
        return "exit status " + status;
    }
}
