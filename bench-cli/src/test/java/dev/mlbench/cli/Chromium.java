package dev.mlbench.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Headless Chromium for the report's browser test: loads a page from disk, returns the DOM after scripts ran,
 * the console messages, and a screenshot. Found as {@code $BENCH_CHROMIUM}, else {@code chromium} or
 * {@code chromium-browser} on the PATH (Debian: {@code apt-get install chromium}).
 */
final class Chromium {

    private static final Pattern CONSOLE = Pattern.compile(":CONSOLE[:(]");

    private final Path binary;

    private Chromium(Path binary) {
        this.binary = binary;
    }

    /** The browser, when one is installed. */
    static Optional<Chromium> find() {
        List<String> candidates = new ArrayList<>();
        String env = System.getenv("BENCH_CHROMIUM");
        if (env != null && !env.isBlank()) {
            candidates.add(env);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            candidates.add(dir + "/chromium");
            candidates.add(dir + "/chromium-browser");
        }
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst().map(Chromium::new);
    }

    /** What the browser saw. */
    record Page(String dom, List<String> consoleMessages, Path screenshot, String log) {
    }

    /** Loads {@code html}, returns its DOM and console messages, and saves a {@code width}×{@code height} screenshot next to it. */
    Page load(Path html, int width, int height) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(html.getParent(), "chromium");
        Path screenshot = dir.resolve("screenshot.png");
        String url = html.toAbsolutePath().toUri().toString();
        Result dom = exec(dir, "--dump-dom", url);
        Result shot = exec(dir, "--screenshot=" + screenshot, "--window-size=" + width + "," + height, "--hide-scrollbars", url);
        List<String> console = new ArrayList<>();
        (dom.err + "\n" + shot.err).lines().filter(l -> CONSOLE.matcher(l).find()).forEach(console::add);
        return new Page(dom.out, console, screenshot, "--- dump-dom stderr ---\n" + dom.err + "\n--- screenshot stderr ---\n" + shot.err);
    }

    private record Result(String out, String err) {
    }

    private Result exec(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + dir.resolve("profile"), "--enable-logging=stderr", "--v=0"));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish in 120 s: " + cmd);
        }
        return new Result(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
