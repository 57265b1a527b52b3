package dev.mlbench.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How to start this very harness in another process: the gate's CUR rounds and the fleet's tasks. */
final class ThisHarness {

    /** Flags of this JVM that another process must not get: agents and debuggers would reach for this one's ports. */
    private static final List<String> NOT_INHERITED = List.of("-Xdebug", "-Xrunjdwp", "-XX:+HeapDumpOnOutOfMemoryError");

    private ThisHarness() {
    }

    /**
     * This JDK, this JVM's flags (modules, native access, system properties, heap), minus agents and debuggers,
     * and this class path with absolute paths, then the CLI's main class. On a cluster the paths must exist on
     * every node, which a shared file system gives (docs/fleet.md).
     */
    static List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if ((a.startsWith("--") || a.startsWith("-D") || a.startsWith("-X")) && NOT_INHERITED.stream().noneMatch(a::startsWith)) {
                command.add(a);
            }
        }
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                classPath.add(Path.of(entry).toAbsolutePath().normalize().toString());
            }
        }
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classPath));
        command.add(BenchCli.class.getName());
        return command;
    }
}
