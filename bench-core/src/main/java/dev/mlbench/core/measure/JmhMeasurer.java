package dev.mlbench.core.measure;

import dev.mlbench.core.energy.EnergyProfiler;
import dev.mlbench.core.spi.ForkEnvironment;
import dev.mlbench.core.spi.MeasureMode;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Times one trial through JMH's programmatic runner: {@link TrialBenchmark} in fresh forks, time per operation
 * in nanoseconds, one sample per measured iteration, with JMH's GC profiler (bytes allocated per operation) and
 * the kernel's own counters as secondary results. JMH's own console output is captured, not
 * printed; its tail explains failures.
 */
public final class JmhMeasurer {

    /** JVM flags of the harness JVM that must not be copied into benchmark forks. */
    private static final List<String> NOT_INHERITED = List.of("-agentlib", "-javaagent", "-Xdebug", "-Xrunjdwp", "-XX:+HeapDumpOnOutOfMemoryError");
    private static final int OUTPUT_TAIL_LINES = 40;
    /** Beyond timeout_s, how long a fork may take to start its JVM before its first iteration begins. */
    static final int FORK_START_SLACK_SECONDS = 10;
    private static final String FORKED_MAIN = "org.openjdk.jmh.runner.ForkedMain";

    private final List<String> forkJvmArgs;

    /** Forks inherit this JVM's flags (modules, heap, native access), minus agents and debuggers. */
    public JmhMeasurer() {
        this(inheritedJvmArgs());
    }

    /** Forks get exactly {@code forkJvmArgs}. */
    public JmhMeasurer(List<String> forkJvmArgs) {
        this.forkJvmArgs = List.copyOf(forkJvmArgs);
    }

    /**
     * Adds {@code jars} (plugins) to the class path of every later benchmark and check JVM. Forks are started with
     * this JVM's {@code java.class.path}, which is where JMH reads theirs from, so that is where they go.
     */
    public static void addToForkClassPath(List<Path> jars) {
        if (!jars.isEmpty()) {
            StringBuilder cp = new StringBuilder(System.getProperty("java.class.path"));
            jars.forEach(jar -> cp.append(java.io.File.pathSeparator).append(jar.toAbsolutePath()));
            System.setProperty("java.class.path", cp.toString());
        }
    }

    /** The flags forks get. */
    public List<String> forkJvmArgs() {
        return forkJvmArgs;
    }

    /**
     * Measures the trial described by {@code spec} under {@code settings}. In {@link MeasureMode#SINGLE_SHOT}
     * each warm-up and measured iteration is one operation and the iteration times do not apply. With
     * {@code energy}, {@link EnergyProfiler} reads the energy meters around every measured iteration.
     */
    public Measurement measure(TrialSpec spec, ProfileSettings settings, MeasureMode mode, boolean energy,
                               MeasurementListener listener) {
        return measure(spec, settings, mode, energy, ForkEnvironment.INHERITED, listener);
    }

    /**
     * Measures as {@link #measure(TrialSpec, ProfileSettings, MeasureMode, boolean, MeasurementListener)} does, in
     * forks started with the backend's class path and environment variables ({@link ForkLauncher}).
     */
    public Measurement measure(TrialSpec spec, ProfileSettings settings, MeasureMode mode, boolean energy,
                               ForkEnvironment forkEnvironment, MeasurementListener listener) {
        ChainedOptionsBuilder builder = new OptionsBuilder()
                .include("^" + Pattern.quote(TrialBenchmark.class.getName()) + "\\.run$")
                .param("spec", spec.settling(mode == MeasureMode.SINGLE_SHOT ? 0 : settings.settleMillis()).encode())
                .timeUnit(TimeUnit.NANOSECONDS)
                .forks(settings.forks())
                .warmupIterations(settings.warmupIterations())
                .measurementIterations(settings.iterations());
        if (mode == MeasureMode.SINGLE_SHOT) {
            builder.mode(Mode.SingleShotTime).warmupBatchSize(1).measurementBatchSize(1);
        } else {
            builder.mode(Mode.AverageTime)
                    .warmupTime(TimeValue.milliseconds(settings.warmupMillis()))
                    .measurementTime(TimeValue.milliseconds(settings.iterationMillis()));
        }
        if (energy) {
            builder.addProfiler(EnergyProfiler.class);
        }
        Options options = builder
                .timeout(TimeValue.seconds(settings.timeoutSeconds()))
                .addProfiler(GCProfiler.class)
                .addProfiler(KernelCountersProfiler.class)
                .threads(1)
                .jvmArgs(forkJvmArgs.toArray(String[]::new))
                .jvm(ForkLauncher.executable(forkEnvironment).toString())
                .shouldFailOnError(true)
                .verbosity(VerboseMode.NORMAL)
                .build();
        CapturingFormat format = new CapturingFormat(settings, listener);
        // JMH interrupts an iteration at its timeout, but a kernel that ignores interrupts (a spinning loop, a hung
        // native call) keeps its fork, and this JVM waiting for it, forever: kill a fork that makes no progress
        long boundSeconds = settings.timeoutSeconds() + FORK_START_SLACK_SECONDS
                + TimeUnit.MILLISECONDS.toSeconds(Math.max(settings.warmupMillis(), settings.iterationMillis()) + settings.settleMillis());
        ForkWatchdog watchdog = new ForkWatchdog(format, boundSeconds, settings.timeoutSeconds());
        try (watchdog) {
            Collection<RunResult> results = new Runner(options, format).run();
            if (watchdog.reason() != null) {
                return new Measurement.Failed(watchdog.reason() + format.tail());
            }
            List<Double> samples = new ArrayList<>();
            List<Integer> sampleForks = new ArrayList<>();
            List<String> forkStartedAt = new ArrayList<>();
            Map<String, List<Double>> perIteration = new TreeMap<>();
            for (RunResult run : results) {
                for (BenchmarkResult fork : run.getBenchmarkResults()) {
                    int forkIndex = forkStartedAt.size();
                    forkStartedAt.add(startOf(fork, forkIndex, format));
                    for (IterationResult iteration : fork.getIterationResults()) {
                        samples.add(iteration.getPrimaryResult().getScore());
                        sampleForks.add(forkIndex);
                        iteration.getSecondaryResults().forEach((name, r) ->
                                perIteration.computeIfAbsent(name, n -> new ArrayList<>()).add(r.getScore()));
                    }
                }
            }
            if (samples.isEmpty()) {
                return new Measurement.Failed("JMH returned no samples" + format.tail());
            }
            // Each secondary result as the plain mean of its per-iteration values (JMH's own aggregation of
            // profiler results over iterations and forks varies with the result type).
            Map<String, Double> secondary = new TreeMap<>();
            perIteration.forEach((name, values) -> secondary.put(name, values.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
            return new Measurement.Measured(List.copyOf(samples), secondary, List.copyOf(sampleForks), List.copyOf(forkStartedAt));
        } catch (RunnerException | RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("Unable to acquire the JMH lock")) {
                // Not this trial's fault, and every later trial would fail the same way: stop the run.
                throw new ConcurrentBenchmarkException();
            }
            if (watchdog.reason() != null) {
                return new Measurement.Failed(watchdog.reason() + format.tail());
            }
            return new Measurement.Failed(explainExit(rootMessage(e)) + format.tail());
        }
    }

    /**
     * Kills this JVM's JMH forks when none of them has begun or ended an iteration for {@code boundSeconds}: the
     * trial's setup, one iteration and the fork's start, each bounded by the profile's timeout_s or the slack.
     */
    private static final class ForkWatchdog implements AutoCloseable {
        private final Thread thread;
        private volatile String reason;
        private volatile boolean closed;

        ForkWatchdog(CapturingFormat format, long boundSeconds, int timeoutSeconds) {
            thread = new Thread(() -> {
                while (!closed) {
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                    long idle = System.nanoTime() - format.lastProgressNanos;
                    if (!closed && idle > TimeUnit.SECONDS.toNanos(boundSeconds)) {
                        List<ProcessHandle> forks = ProcessHandle.current().descendants().filter(ForkWatchdog::isFork).toList();
                        reason = "the benchmark JVM made no progress for " + boundSeconds + " s (the profile's timeout_s of "
                                + timeoutSeconds + " s, the iteration and " + FORK_START_SLACK_SECONDS
                                + " s to start) and was killed: a hang in prepare or run?";
                        forks.forEach(ProcessHandle::destroyForcibly);
                        format.lastProgressNanos = System.nanoTime(); // once per bound, should the fork outlive the signal
                    }
                }
            }, "bench-fork-watchdog");
            thread.setDaemon(true);
            thread.start();
        }

        /**
         * Whether {@code p} is a JMH fork: its command line names JMH's forked main class. Read from /proc where it
         * exists, because ProcessHandle's command line is cut short on Linux and a fork's class path is long.
         */
        private static boolean isFork(ProcessHandle p) {
            try {
                byte[] cmdline = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc", Long.toString(p.pid()), "cmdline"));
                return new String(cmdline, java.nio.charset.StandardCharsets.UTF_8).contains(FORKED_MAIN);
            } catch (java.io.IOException | RuntimeException e) {
                return p.info().commandLine().map(c -> c.contains(FORKED_MAIN)).orElse(false);
            }
        }

        /** Why the forks were killed; null when they were not. */
        String reason() {
            return reason;
        }

        @Override
        public void close() {
            closed = true;
            thread.interrupt();
        }
    }

    /**
     * When fork {@code index} started: JMH's own record of the fork's start, else the moment the output format saw
     * its first iteration begin; null when neither knows.
     */
    private static String startOf(BenchmarkResult fork, int index, CapturingFormat format) {
        if (fork.getMetadata() != null && fork.getMetadata().getStartTime() > 0) {
            return Instant.ofEpochMilli(fork.getMetadata().getStartTime()).toString();
        }
        return index < format.forkStarts.size() ? format.forkStarts.get(index).toString() : null;
    }

    private static List<String> inheritedJvmArgs() {
        List<String> args = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (NOT_INHERITED.stream().noneMatch(arg::startsWith)) {
                args.add(arg);
            }
        }
        return args;
    }

    /** JMH's "Forked VM failed with exit code 137" with what the status means (killed by SIGKILL). */
    static String explainExit(String message) {
        var m = Pattern.compile("Forked VM failed with exit code (\\d+)").matcher(message);
        return m.find() ? message + " (the benchmark JVM died: " + ForkLauncher.describeExit(Integer.parseInt(m.group(1))) + ")" : message;
    }

    /** The innermost meaningful message of a JMH failure (a fork's exception arrives as a suppressed one). */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (true) {
            if (t.getSuppressed().length > 0) {
                t = t.getSuppressed()[0];
            } else if (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            } else {
                break;
            }
        }
        return Verifier.describe(t);
    }

    /** Collects JMH's console output and reports iteration progress. */
    private static final class CapturingFormat implements OutputFormat {
        private final ProfileSettings settings;
        private final MeasurementListener listener;
        private final Deque<String> lines = new ArrayDeque<>();
        private final StringBuilder partial = new StringBuilder();
        /** When each fork's first iteration began, in fork order. */
        final List<Instant> forkStarts = new ArrayList<>();
        private int fork;
        /** When an iteration last began or ended (or the trial started), for {@link ForkWatchdog}. */
        volatile long lastProgressNanos = System.nanoTime();

        CapturingFormat(ProfileSettings settings, MeasurementListener listener) {
            this.settings = settings;
            this.listener = listener;
        }

        String tail() {
            flushPartial();
            List<String> interesting = lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            return interesting.isEmpty() ? "" : "\n  JMH output:\n    " + String.join("\n    ", interesting);
        }

        @Override
        public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
            lastProgressNanos = System.nanoTime();
            boolean warmup = params.getType() == IterationType.WARMUP;
            if (iteration == 1 && (warmup || settings.warmupIterations() == 0)) {
                fork++;
                forkStarts.add(Instant.now());
            }
            listener.iteration(fork, settings.forks(), warmup, iteration, params.getCount());
        }

        @Override
        public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {
            lastProgressNanos = System.nanoTime();
        }

        @Override
        public void startBenchmark(BenchmarkParams benchParams) {
        }

        @Override
        public void endBenchmark(BenchmarkResult result) {
        }

        @Override
        public void startRun() {
        }

        @Override
        public void endRun(Collection<RunResult> result) {
        }

        @Override
        public void print(String s) {
            partial.append(s);
            int nl;
            while ((nl = partial.indexOf("\n")) >= 0) {
                keep(partial.substring(0, nl));
                partial.delete(0, nl + 1);
            }
        }

        @Override
        public void println(String s) {
            print(s + "\n");
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public void verbosePrintln(String s) {
        }

        @Override
        public void write(int b) {
            print(String.valueOf((char) b));
        }

        @Override
        public void write(byte[] b) {
            print(new String(b, java.nio.charset.StandardCharsets.UTF_8));
        }

        private void flushPartial() {
            if (!partial.isEmpty()) {
                keep(partial.toString());
                partial.setLength(0);
            }
        }

        private void keep(String line) {
            lines.addLast(line);
            while (lines.size() > OUTPUT_TAIL_LINES) {
                lines.removeFirst();
            }
        }
    }

    /** Another JMH benchmark holds the machine-wide lock; measuring now would disturb both. */
    public static final class ConcurrentBenchmarkException extends IllegalStateException {
        ConcurrentBenchmarkException() {
            super("another benchmark is running on this machine (it holds JMH's lock, /tmp/jmh.lock); two runs at once "
                    + "would disturb each other's timings. Wait for it to finish and run again; the trials finished so far are saved.");
        }
    }
}
