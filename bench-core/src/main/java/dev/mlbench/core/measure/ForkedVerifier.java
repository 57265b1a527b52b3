package dev.mlbench.core.measure;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlbench.core.definition.CacheState;
import dev.mlbench.core.plan.Trial;
import dev.mlbench.core.registry.Registry;
import dev.mlbench.core.spi.Backend;
import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.ForkEnvironment;
import dev.mlbench.core.spi.Tolerance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The correctness check of a kernel whose backend brings its own class path ({@link ForkEnvironment#ownClassPath()}):
 * the harness JVM cannot load that backend's native stack, so the check runs in a child JVM started like the
 * backend's benchmark forks, with the same {@link Verifier}. The child writes its verdict, and the backend's
 * details as that JVM sees them (the core its native library chose), to a file; a child that dies (a crash while
 * loading native libraries, a signal) fails the row with its exit status and the tail of its output.
 */
public final class ForkedVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OUTPUT_TAIL_LINES = 20;

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

    private ForkedVerifier() {
    }

    /**
     * Checks {@code trial} with {@code threads} threads in a child JVM started with {@code env} and {@code jvmArgs},
     * waiting at most {@code timeoutSeconds}.
     */
    public static Result verify(Trial trial, String backend, int threads, ForkEnvironment env, List<String> jvmArgs, int timeoutSeconds) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("bench-check-");
            Path request = dir.resolve("request.json");
            Path verdict = dir.resolve("verdict.json");
            Path output = dir.resolve("output.txt");
            JSON.writeValue(request.toFile(), new Request(TrialSpec.of(trial, threads), backend, trial.tolerance()));
            List<String> command = new ArrayList<>();
            command.add(ForkLauncher.executable(env).toString());
            command.addAll(jvmArgs);
            command.add("-cp");
            command.add(ForkLauncher.classPath(env));
            command.add(ForkedVerifier.class.getName());
            command.add(request.toString());
            command.add(verdict.toString());
            Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!child.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor();
                return failed("the check's JVM did not finish within " + timeoutSeconds + " s" + tail(output));
            }
            if (child.exitValue() != 0 || !Files.isRegularFile(verdict)) {
                return failed("the check's JVM died (" + ForkLauncher.describeExit(child.exitValue()) + ")" + tail(output));
            }
            Verdict v = JSON.readValue(verdict.toFile(), Verdict.class);
            Map<String, Double> metrics = v.kernelMetrics() == null ? Map.of() : v.kernelMetrics();
            Map<String, Object> details = v.backendDetails() == null ? Map.of() : v.backendDetails();
            Verification verification = switch (v.outcome()) {
                case "passed" -> new Verification.Passed(v.correctness(), metrics);
                case "invalid" -> new Verification.Invalid(v.correctness(), metrics);
                default -> new Verification.Failed(v.reason());
            };
            return new Result(verification, details);
        } catch (IOException e) {
            return failed("the check's JVM could not be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted while checking");
        } finally {
            deleteQuietly(dir);
        }
    }

    private static Result failed(String reason) {
        return new Result(new Verification.Failed(reason), Map.of());
    }

    private static String tail(Path output) {
        try {
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
            List<String> last = lines.subList(Math.max(0, lines.size() - OUTPUT_TAIL_LINES), lines.size());
            return last.isEmpty() ? "" : "\n  output:\n    " + String.join("\n    ", last);
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    /** The child JVM: {@code ForkedVerifier REQUEST.json VERDICT.json}. */
    public static void main(String[] args) throws IOException {
        Request request = JSON.readValue(Path.of(args[0]).toFile(), Request.class);
        TrialSpec spec = request.spec();
        Registry registry = Registry.builtIn();
        Trial trial = new Trial(spec.track(), spec.kernel(), request.backend(), "", spec.workloadValues(), spec.paramValues(),
                request.tolerance(), spec.seed(), spec.cold() ? CacheState.COLD : CacheState.WARM, null);
        Verification verification;
        try {
            verification = new Verifier(registry).verify(trial, spec.threads());
        } catch (RuntimeException | OutOfMemoryError e) {
            verification = new Verification.Failed("inputs or reference could not be computed: " + e);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        Backend backend = registry.backends().get(request.backend());
        if (backend != null && registry.backendAvailability(request.backend()).available()) {
            try {
                details.putAll(backend.details());
            } catch (RuntimeException | LinkageError e) {
                details.put("details", "unavailable: " + Verifier.describe(e));
            }
        }
        Verdict verdict = switch (verification) {
            case Verification.Passed p -> new Verdict("passed", null, p.correctness(), p.kernelMetrics(), details);
            case Verification.Invalid i -> new Verdict("invalid", null, i.correctness(), i.kernelMetrics(), details);
            case Verification.Failed f -> new Verdict("failed", f.reason(), null, Map.of(), details);
        };
        JSON.writeValue(Path.of(args[1]).toFile(), verdict);
        System.exit(0); // a native library's non-daemon threads must not keep the child alive
    }
}
