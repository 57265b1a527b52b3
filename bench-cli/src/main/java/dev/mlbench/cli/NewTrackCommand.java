package dev.mlbench.cli;

import dev.mlbench.core.registry.Registry;
import dev.mlbench.core.run.HarnessInfo;
import dev.mlbench.core.spi.Spi;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Writes a compilable plugin project for a new track. */
@Command(name = "new-track", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes a Maven project for a new track, built as a plugin jar.", "",
                "The project holds the track (op contract, seeded inputs, scalar reference, work model), one kernel, its definition and a test. "
                        + "It builds with 'mvn package' and runs with 'bench run --track NAME --plugins DIR/target'. See docs/adding-a-track.md.", "",
                "Example:", "  bench new-track rmsnorm --dir ../rmsnorm-track", ""})
final class NewTrackCommand implements Callable<Integer> {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern PACKAGE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");
    private static final String TEMPLATES = "/dev/mlbench/cli/newtrack/";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The track's name: lower case letters, digits and dashes, e.g. layer-norm.")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to write the project (must not exist or be empty). Default: ./NAME")
    Path dir;

    @Option(names = "--package", paramLabel = "PKG", description = "Java package of the generated classes. Default: org.example.bench.NAME")
    String javaPackage;

    @Override
    public Integer call() throws IOException {
        if (!NAME.matcher(name).matches()) {
            throw new UsageError("track name '" + name + "' is not valid: use lower case letters, digits and single dashes, starting with a letter (e.g. layer-norm)");
        }
        if (Registry.builtIn().track(name).isPresent()) {
            throw new UsageError("a track named '" + name + "' already exists; choose another name");
        }
        String pkg = javaPackage != null ? javaPackage : "org.example.bench." + name.replace('-', '_');
        if (!PACKAGE.matcher(pkg).matches()) {
            throw new UsageError("package '" + pkg + "' is not a valid Java package name in lower case");
        }
        Path root = dir != null ? dir : Path.of(name);
        if (Files.exists(root) && (!Files.isDirectory(root) || !isEmpty(root))) {
            throw new UsageError(root + " already exists and is not an empty folder; choose another --dir");
        }
        String className = className(name);
        Map<String, String> values = Map.of("@NAME@", name, "@CLASS@", className, "@PACKAGE@", pkg,
                "@BENCH_VERSION@", HarnessInfo.read().version(), "@SPI_VERSION@", String.valueOf(Spi.VERSION),
                "@JUNIT_VERSION@", HarnessInfo.junitVersion());
        Path src = Path.of("src/main/java").resolve(pkg.replace('.', '/'));
        Path test = Path.of("src/test/java").resolve(pkg.replace('.', '/'));
        Path resources = Path.of("src/main/resources/META-INF");
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(Path.of("pom.xml"), template("pom.xml.tmpl", values));
        files.put(Path.of("README.md"), template("README.md.tmpl", values));
        files.put(src.resolve(className + "Track.java"), template("Track.java.tmpl", values));
        files.put(src.resolve(className + "Kernel.java"), template("Kernel.java.tmpl", values));
        files.put(src.resolve("Scalar" + className + "Kernel.java"), template("ScalarKernel.java.tmpl", values));
        files.put(test.resolve(className + "KernelTest.java"), template("KernelTest.java.tmpl", values));
        files.put(resources.resolve("services/dev.mlbench.core.spi.Track"), pkg + "." + className + "Track\n");
        files.put(resources.resolve("services/dev.mlbench.core.spi.Kernel"), pkg + ".Scalar" + className + "Kernel\n");
        files.put(resources.resolve("bench/tracks/" + name + ".yaml"), template("definition.yaml.tmpl", values));
        for (Map.Entry<Path, String> f : files.entrySet()) {
            Path target = root.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Wrote the " + name + " track's plugin project to " + root + ":");
        files.keySet().forEach(f -> out.println("  " + f));
        out.println();
        out.println("Next:");
        out.println("  cd " + root + " && mvn package");
        out.println("  bench run --track " + name + " --plugins " + root.resolve("target"));
        out.flush();
        return BenchCli.OK;
    }

    /** "layer-norm" -> "LayerNorm". */
    static String className(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("-")) {
            sb.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
        }
        return sb.toString();
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static String template(String file, Map<String, String> values) throws IOException {
        try (InputStream in = NewTrackCommand.class.getResourceAsStream(TEMPLATES + file)) {
            if (in == null) {
                throw new IllegalStateException("template " + file + " is missing from the bench jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> v : values.entrySet()) {
                text = text.replace(v.getKey(), v.getValue());
            }
            return text;
        }
    }
}
