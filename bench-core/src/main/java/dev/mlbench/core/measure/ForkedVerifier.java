package dev.mlbench.core.measure;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlbench.core.definition.CacheState;
import dev.mlbench.core.plan.Trial;
import dev.mlbench.core.registry.Registry;
import dev.mlbench.core.spi.Backend;
import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.ForkEnvironment;
import dev.mlbench.core.spi.Tolerance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Every kernel's correctness check runs here, in a child JVM, never in the harness JVM: a kernel that loops
 * forever (in {@code prepare} or {@code run}), calls {@code System.exit} or {@code Runtime.halt}, or crashes
 * natively fails its own row and the run goes on. One check JVM per {@link ForkEnvironment} is started like the
 * benchmark forks of that environment and kept for the following trials, so the seeded inputs and the reference of
 * a workload are computed once for all its kernels ({@link Verifier} caches them); a check JVM that died or was
 * killed is replaced on the next trial.
 *
 * <p>The protocol is one JSON line per request on the child's stdin and one JSON line per verdict on its stdout;
 * the child sends everything a kernel prints to its stderr, which goes to a file whose new lines explain a death.
 */
public final class ForkedVerifier implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OUTPUT_TAIL_LINES = 20;
    /** How long a check JVM may take to start and load the registry before its first check. */
    static final int START_SECONDS = 60;
    private static final String READY = "ready";
    private static final String EOF = "\u0000eof";

    /**
     * What the child JVM was asked to check.
     *
     * @param spec      the trial
     * @param backend   the kernel's backend
     * @param tolerance the definition's tolerance
     */
    record Request(TrialSpec spec, String backend, Tolerance tolerance) {
    }

    /**
     * What the child JVM found.
     *
     * @param outcome        passed, invalid or failed
     * @param reason         why it failed; null otherwise
     * @param correctness    the comparison with the reference; null when failed
     * @param kernelMetrics  what the kernel reported about itself
     * @param backendDetails the backend's details in the child JVM
     */
    record Verdict(String outcome, String reason, Correctness correctness, Map<String, Double> kernelMetrics,
                   Map<String, Object> backendDetails) {
    }

    /**
     * The verdict of a check in a child JVM, with the backend's details as the child saw them (empty when it
     * died before reporting them).
     */
    public record Result(Verification verification, Map<String, Object> backendDetails) {
    }

    private final List<String> jvmArgs;
    private final Map<ForkEnvironment, Worker> workers = new HashMap<>();
    private int started;

    /** Check JVMs get {@code jvmArgs} (those of the benchmark forks). */
    public ForkedVerifier(List<String> jvmArgs) {
        this.jvmArgs = List.copyOf(jvmArgs);
    }

    /** How many check JVMs this verifier has started so far (one per environment, plus one after each death). */
    public synchronized int jvmsStarted() {
        return started;
    }

    /**
     * Checks {@code trial} with {@code threads} threads in the check JVM of {@code env}, waiting at most
     * {@code timeoutSeconds} for its verdict (preparing the kernel, running it once, and the workload's inputs and
     * reference when it is the first kernel of that workload). Never throws for a kernel's fault.
     */
    public synchronized Result verify(Trial trial, String backend, int threads, ForkEnvironment env, int timeoutSeconds) {
        Worker worker = workers.get(env);
        try {
            if (worker == null || !worker.process.isAlive()) {
                if (worker != null) {
                    worker.discard();
                }
                worker = start(env);
                workers.put(env, worker);
                String first = worker.lines.poll(START_SECONDS, TimeUnit.SECONDS);
                if (!READY.equals(first)) {
                    workers.remove(env).kill();
                    return failed("the check's JVM did not start" + (first == null ? " within " + START_SECONDS + " s" : "")
                            + " (" + worker.exitStatus() + ")" + worker.tailSince(0));
                }
            }
            long outputMark = worker.outputSize();
            worker.send(JSON.writeValueAsString(new Request(TrialSpec.of(trial, threads), backend, trial.tolerance())));
            String line = worker.lines.poll(timeoutSeconds, TimeUnit.SECONDS);
            if (line == null) {
                workers.remove(env).kill();
                return failed("the check did not finish within the profile's timeout_s of " + timeoutSeconds
                        + " s (a hang in prepare or run?); its JVM was killed" + worker.tailSince(outputMark));
            }
            if (line.equals(EOF)) {
                workers.remove(env);
                String status = worker.exitStatus();
                String tail = worker.tailSince(outputMark);
                worker.discard();
                return failed("the check's JVM died (" + status + ")" + cause(tail) + tail);
            }
            Verdict v = JSON.readValue(line, Verdict.class);
            Map<String, Double> metrics = v.kernelMetrics() == null ? Map.of() : v.kernelMetrics();
            Map<String, Object> details = v.backendDetails() == null ? Map.of() : v.backendDetails();
            Verification verification = switch (v.outcome()) {
                case "passed" -> new Verification.Passed(v.correctness(), metrics);
                case "invalid" -> new Verification.Invalid(v.correctness(), metrics);
                default -> new Verification.Failed(v.reason());
            };
            return new Result(verification, details);
        } catch (IOException e) {
            Worker dead = workers.remove(env);
            if (dead != null) {
                dead.kill();
            }
            return failed("the check's JVM could not be used: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted while checking");
        }
    }

    private Worker start(ForkEnvironment env) throws IOException {
        Path dir = Files.createTempDirectory("bench-check-");
        Path output = dir.resolve("output.txt");
        List<String> command = new ArrayList<>();
        command.add(ForkLauncher.executable(env).toString());
        command.addAll(jvmArgs);
        // a native crash writes its report beside the output, not into the working directory
        command.add("-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"));
        command.add("-XX:-CreateCoredumpOnCrash");
        command.add("-cp");
        command.add(ForkLauncher.classPath(env));
        command.add(ForkedVerifier.class.getName());
        Process child = new ProcessBuilder(command).redirectError(output.toFile()).start();
        started++;
        return new Worker(child, dir, output);
    }

    /** Ends every check JVM (closing its input ends it; one that does not end is killed). */
    @Override
    public synchronized void close() {
        for (Worker w : workers.values()) {
            try {
                w.stdin.close();
                if (!w.process.waitFor(5, TimeUnit.SECONDS)) {
                    w.kill();
                }
            } catch (IOException e) {
                w.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                w.kill();
            }
            w.discard();
        }
        workers.clear();
    }

    /**
     * What the output says killed the JVM, as the end of the reason's first line: the caller of
     * {@code System.exit}, or the signal and crash report of a native crash; empty when it says nothing.
     */
    static String cause(String tail) {
        String signal = null;
        String report = null;
        List<String> lines = tail.lines().map(String::strip).toList();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("System.exit was called by")) {
                return ": " + l;
            }
            var m = java.util.regex.Pattern.compile("^#\\s+(SIG[A-Z]+ \\(0x[0-9a-f]+\\) at pc=0x[0-9a-f]+)").matcher(l);
            if (signal == null && m.find()) {
                signal = m.group(1);
            }
            if (l.contains("An error report file with more information is saved as") && i + 1 < lines.size()) {
                report = lines.get(i + 1).replaceFirst("^#\\s*", "");
            }
        }
        return signal == null ? "" : ": native crash, " + signal + (report == null ? "" : ", report in " + report);
    }

    private static Result failed(String reason) {
        return new Result(new Verification.Failed(reason), Map.of());
    }

    /** One check JVM: its process, its request channel, its verdict lines and its output file. */
    private static final class Worker {
        final Process process;
        final Path dir;
        final Path output;
        final Writer stdin;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        /** Lines on stdout that are no verdict: the JVM's own crash summary goes there. */
        final java.util.Deque<String> stray = new java.util.concurrent.ConcurrentLinkedDeque<>();

        Worker(Process process, Path dir, Path output) {
            this.process = process;
            this.dir = dir;
            this.output = output;
            this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.equals(READY) || line.startsWith("{")) {
                            lines.add(line);
                        } else {
                            stray.add(line);
                            while (stray.size() > OUTPUT_TAIL_LINES * 2) {
                                stray.pollFirst();
                            }
                        }
                    }
                } catch (IOException e) {
                    // the JVM is gone: the end of its stream says so below
                }
                lines.add(EOF);
            }, "bench-check-reader");
            reader.setDaemon(true);
            reader.start();
        }

        void send(String request) throws IOException {
            stray.clear();
            stdin.write(request);
            stdin.write('\n');
            stdin.flush();
        }

        long outputSize() {
            try {
                return Files.size(output);
            } catch (IOException e) {
                return 0;
            }
        }

        /** The exit status once the JVM has ended, waiting a little for it. */
        String exitStatus() {
            try {
                if (process.waitFor(10, TimeUnit.SECONDS)) {
                    return ForkLauncher.describeExit(process.exitValue());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "still running";
        }

        /** The last lines the JVM wrote after byte {@code mark} of its output, as an indented block. */
        String tailSince(long mark) {
            try (RandomAccessFile f = new RandomAccessFile(output.toFile(), "r")) {
                long length = f.length();
                long from = Math.max(mark, length - 64 * 1024);
                byte[] bytes = new byte[(int) (length - from)];
                f.seek(from);
                f.readFully(bytes);
                List<String> all = new ArrayList<>(new String(bytes, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList());
                stray.stream().filter(l -> !l.isBlank()).forEach(all::add);
                List<String> last = all.subList(Math.max(0, all.size() - OUTPUT_TAIL_LINES), all.size());
                return last.isEmpty() ? "" : "\n  output:\n    " + String.join("\n    ", last);
            } catch (IOException e) {
                return "";
            }
        }

        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            discard();
        }

        /** Deletes the output folder (a crash report in it is kept: its path is in the failed row's output). */
        void discard() {
            try (var files = Files.list(dir)) {
                boolean kept = false;
                for (Path f : files.toList()) {
                    if (f.getFileName().toString().startsWith("hs_err")) {
                        kept = true;
                    } else {
                        Files.deleteIfExists(f);
                    }
                }
                if (!kept) {
                    Files.deleteIfExists(dir);
                }
            } catch (IOException e) {
                // a temporary folder left behind is harmless
            }
        }
    }

    /**
     * The check JVM: reads one request per line from stdin and writes one verdict per line to stdout until stdin
     * ends. Whatever a kernel prints goes to stderr, so stdout carries verdicts only.
     */
    public static void main(String[] args) throws IOException {
        PrintStream verdicts = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Thread running = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> reportExit(running), "bench-check-exit"));
        Registry registry = Registry.builtIn();
        Verifier verifier = new Verifier(registry);
        Map<String, Map<String, Object>> details = new HashMap<>();
        verdicts.println(READY);
        verdicts.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isBlank()) {
                continue;
            }
            Request request = JSON.readValue(line, Request.class);
            Verdict verdict = check(registry, verifier, request, details);
            verdicts.println(JSON.writeValueAsString(verdict));
            verdicts.flush();
        }
        exiting = true;
        System.exit(0); // a native library's non-daemon threads must not keep the child alive
    }

    private static volatile boolean exiting;

    private static Verdict check(Registry registry, Verifier verifier, Request request, Map<String, Map<String, Object>> detailsByBackend) {
        TrialSpec spec = request.spec();
        Trial trial = new Trial(spec.track(), spec.kernel(), request.backend(), "", spec.workloadValues(), spec.paramValues(),
                request.tolerance(), spec.seed(), spec.cold() ? CacheState.COLD : CacheState.WARM, null);
        Verification verification;
        try {
            verification = verifier.verify(trial, spec.threads());
        } catch (RuntimeException | OutOfMemoryError e) {
            verification = new Verification.Failed("inputs or reference could not be computed: " + e);
        }
        Map<String, Object> details = detailsByBackend.computeIfAbsent(request.backend(), name -> {
            Map<String, Object> d = new LinkedHashMap<>();
            Backend backend = registry.backends().get(name);
            if (backend != null && registry.backendAvailability(name).available()) {
                try {
                    d.putAll(backend.details());
                } catch (RuntimeException | LinkageError e) {
                    d.put("details", "unavailable: " + Verifier.describe(e));
                }
            }
            return d;
        });
        return switch (verification) {
            case Verification.Passed p -> new Verdict("passed", null, p.correctness(), p.kernelMetrics(), details);
            case Verification.Invalid i -> new Verdict("invalid", null, i.correctness(), i.kernelMetrics(), details);
            case Verification.Failed f -> new Verdict("failed", f.reason(), null, Map.of(), details);
        };
    }

    /**
     * On an exit the check did not ask for ({@code System.exit} from a kernel), says on stderr where it was called,
     * so the failed row names the culprit. {@code Runtime.halt} and crashes run no hooks; their exit status speaks.
     */
    private static void reportExit(Thread checking) {
        if (exiting) {
            return;
        }
        for (var entry : Thread.getAllStackTraces().entrySet()) {
            StackTraceElement[] stack = entry.getValue();
            for (int i = 0; i < stack.length; i++) {
                if (stack[i].getClassName().equals("java.lang.Runtime") && stack[i].getMethodName().equals("exit")) {
                    int caller = i + 1;
                    while (caller < stack.length && stack[caller].getClassName().equals("java.lang.System")) {
                        caller++;
                    }
                    StackTraceElement at = caller < stack.length ? stack[caller] : null;
                    System.err.println("System.exit was called by " + (at == null ? "an unknown caller"
                                    : at.getClassName() + "." + at.getMethodName() + "(" + at.getFileName() + ":" + at.getLineNumber() + ")")
                            + " during the check");
                    System.err.flush();
                    return;
                }
            }
        }
        System.err.println("the check's JVM is shutting down (a signal or System.exit) during the check");
        System.err.flush();
    }
}
