package dev.mlbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Follows the walkthrough in docs/adding-a-track.md command by command, so the document cannot rot:
 * {@code ./bench ...} lines run through the CLI in this JVM (the jar is not built yet while this module's
 * tests run), {@code cd DIR && mvn ...} lines run Maven on the generated project as a user would.
 */
class WalkthroughTest {

    private static final String WORKDIR = "/tmp/my-tracks";

    @Test
    void theWalkthroughRunsAsWritten(@TempDir Path tmp) throws Exception {
        String doc = Files.readString(Cli.home().resolve("docs/adding-a-track.md"));
        String block = doc.substring(doc.indexOf("<!-- walkthrough:begin -->"), doc.indexOf("<!-- walkthrough:end -->"));
        List<String> commands = block.lines().filter(l -> l.startsWith("$ ")).map(l -> l.substring(2).replace(WORKDIR, tmp.toString())).toList();
        assertEquals(4, commands.size(), "the walkthrough's commands: " + commands);
        for (String command : commands) {
            if (command.startsWith("./bench ")) {
                List<String> args = new ArrayList<>(Arrays.asList(command.substring("./bench ".length()).split(" +")));
                if (args.getFirst().equals("run")) {
                    args.addAll(List.of("--out", tmp.resolve("results").toString())); // the one deviation: results stay out of the tree
                }
                Cli r = Cli.run(args.toArray(String[]::new));
                assertEquals(0, r.exitCode(), command + "\n" + r);
                if (args.getFirst().equals("list")) {
                    assertTrue(r.out().contains("layer-norm"), r.out());
                }
                if (args.getFirst().equals("run")) {
                    assertTrue(r.out().contains("scalar") && r.out().contains("ok (max rel err"), r.out());
                }
            } else {
                String[] parts = command.split(" && ");
                assertTrue(parts.length == 2 && parts[0].startsWith("cd "), "expected 'cd DIR && mvn ...': " + command);
                maven(Path.of(parts[0].substring(3)), parts[1]);
            }
        }
    }

    /** Runs {@code mvn ...} in {@code dir} with the JDK this test runs on, offline when this build is. */
    private static void maven(Path dir, String command) throws Exception {
        List<String> cmd = new ArrayList<>(Arrays.asList(command.split(" +")));
        assertEquals("mvn", cmd.getFirst());
        if (Boolean.getBoolean("bench.test.offline")) {
            cmd.add("-o");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("PATH", System.getProperty("java.home") + File.separator + "bin" + File.pathSeparator + System.getenv("PATH"));
        Path log = Files.createTempFile("walkthrough-mvn", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        assertTrue(done && p.exitValue() == 0, command + " in " + dir + " failed:\n" + Files.readString(log));
        assertTrue(Files.list(dir.resolve("target")).anyMatch(f -> f.toString().endsWith(".jar")), "no jar in " + dir.resolve("target"));
    }
}
