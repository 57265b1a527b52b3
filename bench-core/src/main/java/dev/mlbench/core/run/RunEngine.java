package dev.mlbench.core.run;

import dev.mlbench.core.calibrate.Calibration;
import dev.mlbench.core.compare.RowKey;
import dev.mlbench.core.definition.CacheState;
import dev.mlbench.core.definition.TrackDefinition;
import dev.mlbench.core.energy.EnergyProfiler;
import dev.mlbench.core.env.EnvironmentProbeRunner;
import dev.mlbench.core.env.Scheduler;
import dev.mlbench.core.measure.ColdRotation;
import dev.mlbench.core.measure.ForkedVerifier;
import dev.mlbench.core.measure.JmhMeasurer;
import dev.mlbench.core.measure.KernelCountersProfiler;
import dev.mlbench.core.measure.Measurement;
import dev.mlbench.core.measure.ProfileSetting;
import dev.mlbench.core.measure.ProfileSettings;
import dev.mlbench.core.measure.TrialSpec;
import dev.mlbench.core.measure.Verification;
import dev.mlbench.core.plan.Planner;
import dev.mlbench.core.plan.Trial;
import dev.mlbench.core.registry.Registry;
import dev.mlbench.core.results.CorrectnessRecord;
import dev.mlbench.core.results.Metrics;
import dev.mlbench.core.results.ResultStore;
import dev.mlbench.core.results.RunRecord;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.results.TrialResult;
import dev.mlbench.core.spi.ForkEnvironment;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Track;
import dev.mlbench.core.spi.Work;
import dev.mlbench.core.stats.SampleStatistics;
import dev.mlbench.core.util.IoErrors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs a plan: for each trial, check the kernel against the reference (outside any timing), then measure
 * it under JMH, derive statistics and metrics, and rewrite the results file. A kernel's failure is recorded
 * in its row and the run goes on; a crash or interrupt leaves every finished row on disk.
 */
public final class RunEngine {

    /** JMH's GC profiler result: heap bytes allocated per operation. */
    private static final String GC_ALLOC_NORM = "gc.alloc.rate.norm";

    private final Registry registry;
    private final JmhMeasurer measurer;
    private final Map<String, Map<String, Object>> backendDetails = new java.util.concurrent.ConcurrentHashMap<>();
    /** Where each run's record was last written in full: its results file, or the rescue file when that failed. */
    private final Map<String, Optional<Path>> written = new java.util.concurrent.ConcurrentHashMap<>();

    public RunEngine(Registry registry, JmhMeasurer measurer) {
        this.registry = registry;
        this.measurer = measurer;
    }

    /** The planned trials of {@code request}, in the order they will run. */
    public List<Trial> plan(RunRequest request) {
        Planner planner = new Planner(registry);
        List<Trial> trials = new ArrayList<>();
        for (TrackDefinition d : request.definitions()) {
            trials.addAll(planner.plan(d, request.profile(), request.kernelGlob(), request.backend()));
        }
        return trials;
    }

    /** A new run id for this host and, inside a Slurm job, this job and array task. */
    public static String newRunId(List<String> tracks) {
        return newRunId(tracks, EnvironmentProbeRunner.hostName(), Scheduler.detect());
    }

    /**
     * A run id unique across the machines of a fleet: UTC start time, tracks, host, the Slurm job and array task
     * when there is one, and 32 random bits, so runs started in the same second on two nodes or by two tasks of
     * one node never share an id.
     */
    public static String newRunId(List<String> tracks, String host, Scheduler scheduler) {
        String time = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        String where = host == null ? "" : "-" + host.replaceAll("[^A-Za-z0-9.-]", "_");
        String job = scheduler == null ? "" : "-" + scheduler.idTag().replaceAll("[^A-Za-z0-9_.-]", "_");
        return time + "-" + String.join("+", tracks) + where + job + "-" + String.format("%08x", ThreadLocalRandom.current().nextInt());
    }

    /** Where the results file of {@code runId} goes. */
    public static Path resultsFile(Path outDir, String runId) {
        return outDir.resolve(runId + ".json");
    }

    /**
     * Where the record of {@code runId} (run by this engine) now lies in full: its results file, or the rescue
     * file in {@code java.io.tmpdir} when the results file could not be written mid-run; empty when neither could
     * be written and the trials were printed instead.
     */
    public Optional<Path> writtenFile(String runId) {
        return written.getOrDefault(runId, Optional.empty());
    }

    /** The file a run's record goes to when its results file cannot be written. */
    static Path rescueFile(String runId) {
        return Path.of(System.getProperty("java.io.tmpdir"), "bench-rescued-results", runId + ".json");
    }

    /**
     * Runs {@code trials} and returns the final record; the results file is rewritten after every trial.
     */
    public RunRecord run(RunRequest request, List<Trial> trials, String runId, RunListener listener) throws IOException {
        return runRepeated(request, trials, List.of(runId), listener).get(0);
    }

    /**
     * Runs the plan once per id in {@code runIds}, one results file each, interleaved trial by trial: trial 1 of
     * every repeat, then trial 2 of every repeat, and so on. The repeats of a trial are measured minutes apart
     * at most, under the same machine load, so comparing two repeats (an A/A pair) shows the measurement's
     * noise rather than the drift of the machine over the whole run. Each file is rewritten after each of its
     * trials; listener indexes count over all repeats.
     */
    public List<RunRecord> runRepeated(RunRequest request, List<Trial> trials, List<String> runIds, RunListener listener) throws IOException {
        List<String> tracks = request.definitions().stream().map(TrackDefinition::track).distinct().toList();
        RunRecord.RunSettings settings = new RunRecord.RunSettings(tracks,
                request.definitions().stream().map(TrackDefinition::source).toList(), request.profile().key(),
                request.threads(), measurer.forkJvmArgs(), request.forks().orElse(null));
        Files.createDirectories(request.outDir());
        Map<String, String> baselines = new HashMap<>();
        request.definitions().forEach(d -> d.baseline().ifPresent(b -> baselines.put(d.track(), b)));
        List<RunState> states = new ArrayList<>();
        for (String runId : runIds) {
            RunState state = new RunState(resultsFile(request.outDir(), runId), baselines, listener, written, new RunRecord(RunRecord.SCHEMA_VERSION, runId,
                    Instant.now().toString(), null, "running", HarnessInfo.read(), settings, request.environment(), request.calibration(), List.of()));
            state.saveOrFail(); // a folder that cannot be written at the start loses nothing: stop here
            states.add(state);
        }
        Thread onInterrupt = new Thread(() -> states.forEach(s -> s.finish("interrupted")), "bench-results-on-exit");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try (ForkedVerifier verifier = new ForkedVerifier(measurer.forkJvmArgs())) {
            EnergyStatus energy = EnergyStatus.probe();
            int total = trials.size() * states.size();
            for (int i = 0; i < trials.size(); i++) {
                for (int r = 0; r < states.size(); r++) {
                    int index = i * states.size() + r + 1;
                    TrialResult result = runOne(request, trials.get(i), index, total, verifier, energy, listener);
                    states.get(r).add(result);
                    listener.finished(index, total, result);
                }
            }
            states.forEach(s -> s.finish("complete"));
            return states.stream().map(RunState::record).toList();
        } catch (RuntimeException | Error e) {
            states.forEach(s -> s.finish("interrupted")); // the harness itself failed: finished rows stay, marked as not complete
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException e) {
                // already shutting down: the hook writes the final state
            }
        }
    }

    private TrialResult runOne(RunRequest request, Trial trial, int index, int total, ForkedVerifier verifier, EnergyStatus energy,
                               RunListener listener) {
        Track<?, ?, ?, ?> track = registry.track(trial.track()).orElseThrow();
        Object workload = track.workload(trial.workload());
        String label = label(track, workload);
        int threads = threadsOf(trial, request);
        Map<String, Object> params = new LinkedHashMap<>(trial.params().asMap());
        params.put(KernelConfig.THREADS, threads);
        TrialResult.Subject subject = new TrialResult.Subject(trial.track(), trial.kernel(), trial.backend(), trial.group(), label, params,
                trial.workload().asMap(), trial.cache());
        if (!trial.runnable()) {
            return TrialResult.skipped(subject, trial.skipReason());
        }
        listener.phase(index, total, trial, "checking");
        ForkEnvironment fork = registry.forkEnvironment(trial.backend());
        // every check runs in a child JVM, so a kernel that hangs, exits or crashes fails only its own row
        ForkedVerifier.Result checked = verifier.verify(trial, trial.backend(), threads, fork, settingsOf(request, trial).timeoutSeconds());
        Verification verification = checked.verification();
        // a backend with a class path or an environment of its own (a core chosen by a variable read at load) is seen
        // as the child saw it; the others as the harness sees them
        Map<String, Object> details = fork.inherited() ? harnessBackendDetails(trial.backend()) : checked.backendDetails();
        return measureChecked(request, trial, index, total, verification, fork, track, workload, subject, energy, listener)
                .withBackendDetails(details);
    }

    /** The backend's details as the harness JVM sees them, once per backend and engine. */
    private Map<String, Object> harnessBackendDetails(String backend) {
        return backendDetails.computeIfAbsent(backend, name -> {
            var b = registry.backends().get(name);
            if (b == null || !registry.backendAvailability(name).available()) {
                return Map.of();
            }
            try {
                return Map.copyOf(b.details());
            } catch (RuntimeException | LinkageError e) {
                return Map.of("details", "unavailable: " + e);
            }
        });
    }

    private TrialResult measureChecked(RunRequest request, Trial trial, int index, int total, Verification verification, ForkEnvironment fork,
                                       Track<?, ?, ?, ?> track, Object workload, TrialResult.Subject subject, EnergyStatus energy,
                                       RunListener listener) {
        int threads = threadsOf(trial, request);
        switch (verification) {
            case Verification.Failed f -> {
                return TrialResult.failed(subject, f.reason(), null);
            }
            case Verification.Invalid inv -> {
                return TrialResult.invalid(subject, "output disagrees with the reference: " + inv.correctness().detail(),
                        CorrectnessRecord.of(inv.correctness()));
            }
            case Verification.Passed passed -> {
                CorrectnessRecord correctness = CorrectnessRecord.of(passed.correctness());
                listener.phase(index, total, trial, "measuring");
                Measurement m = measurer.measure(TrialSpec.of(trial, threads), settingsOf(request, trial), track.measureMode(), energy.measure(),
                        fork, (forkIndex, forks, warmup, iteration, iterations) ->
                                listener.iteration(index, total, trial, forkIndex, forks, warmup, iteration, iterations));
                return switch (m) {
                    case Measurement.Failed f -> TrialResult.failed(subject, "measurement failed: " + f.reason(), correctness);
                    case Measurement.Measured measured -> {
                        SampleStatistics stats = SampleStatistics.of(measured.samplesNs(), measured.sampleForks());
                        Metrics metrics = metrics(track, workload, trial.cache(), threads, stats, request.calibration(), energy,
                                measured.secondary(), passed.kernelMetrics());
                        yield TrialResult.measured(subject, measured.samplesNs(), measured.sampleForks(), measured.forkStartedAt(), stats,
                                metrics, correctness);
                    }
                };
            }
        }
    }

    /** The profile's settings after the overrides of the trial's definition and of the request's {@code forks}. */
    static ProfileSettings settingsOf(RunRequest request, Trial trial) {
        ProfileSettings s = request.profile().defaults();
        for (TrackDefinition d : request.definitions()) {
            if (d.track().equals(trial.track())) {
                s = d.profiles().get(request.profile());
                break;
            }
        }
        return s.with(ProfileSetting.FORKS, request.forks().orElse(ProfileSetting.FORKS.of(s)));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static String label(Track track, Object workload) {
        return track.label(workload);
    }

    /** The threads a trial runs on: its definition's {@code threads} parameter, else the run's. */
    static int threadsOf(Trial trial, RunRequest request) {
        Object t = trial.params().asMap().get(KernelConfig.THREADS);
        return t instanceof Number n ? n.intValue() : request.threads();
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static Metrics metrics(Track track, Object workload, CacheState cache, int threads, SampleStatistics stats, Calibration calibration,
                           EnergyStatus energy, Map<String, Double> secondary, Map<String, Double> kernelMetrics) {
        Work work = track.work(workload);
        double gops = work.ops() / stats.medianNs();
        double bytes = ColdRotation.bytesPerCall(work, kernelMetrics); // the kernel's own bytes where it reports them
        double gbps = bytes / stats.medianNs();
        boolean flops = work.unit() == Work.OpUnit.FLOP && work.ops() > 0; // I/O tracks count no operations
        // the roofs of the row's own thread count: a one-thread row against one core's peak and bandwidth
        Double peak = calibration == null ? null : calibration.peakGflopsAt(threads);
        Double pctPeak = !flops || peak == null ? null : 100 * gops / peak;
        Double roofGbps = calibration == null ? null : Double.valueOf(calibration.bandwidthGbps(work.roof(), threads));
        Double pctBw = roofGbps == null || roofGbps <= 0 ? null : 100 * gbps / roofGbps;
        // the same copies the fork rotated through (TrialBenchmark): same machine, same rule
        int copies = cache == CacheState.COLD ? ColdRotation.copies(bytes) : 1;
        if (pctBw != null && pctBw > Metrics.IN_CACHE_PCT) { // faster than its roof: a cache served it, whatever the row claimed
            pctBw = null;
        }
        Map<String, Double> extra = new TreeMap<>(kernelMetrics);
        extra.putAll(named(secondary, KernelCountersProfiler.PREFIX));
        Double alloc = secondary.get(GC_ALLOC_NORM);
        Map<String, Double> domains = named(secondary, EnergyProfiler.PREFIX);
        Double joules = secondary.get(EnergyProfiler.TOTAL);
        boolean measured = joules != null && joules > 0 && Double.isFinite(joules);
        String source = !energy.measure() || measured ? energy.source()
                : joules == null ? "unavailable: the energy meters gave no readings during the measurement (" + energy.source() + ")"
                : "unavailable: the energy counters did not advance during an iteration (too short for their update interval)";
        Metrics.Builder m = Metrics.builder().work(work.ops(), work.unit(), bytes, work.roof())
                .gops(gops).gflops(flops ? gops : null).gbps(gbps).pctOfPeak(pctPeak).pctOfBandwidth(pctBw)
                .allocBytesPerOp(alloc == null || !Double.isFinite(alloc) ? null : alloc)
                .energySource(source).extra(CorrectnessRecord.finiteValues(extra))
                .cache(cache).workingSetBytes(ColdRotation.workingSetBytes(bytes, copies));
        Double settleMs = secondary.get(KernelCountersProfiler.SETTLE_MS);
        Double settledShare = secondary.get(KernelCountersProfiler.SETTLED); // each fork's iterations carry its 1 or 0
        if (settleMs != null && settledShare != null) {
            int forks = stats.forks() == null ? 1 : stats.forks();
            m.settling(settleMs, (int) Math.round((1 - settledShare) * forks));
        }
        if (measured) {
            m.energyJ(joules).avgWatts(secondary.get(EnergyProfiler.WATTS)).gopsPerJoule(work.ops() / joules / 1e9)
                    .energyDomains(CorrectnessRecord.finiteValues(domains));
        }
        return m.build();
    }

    /** The secondary results whose names start with {@code prefix}, by the rest of their name. */
    private static Map<String, Double> named(Map<String, Double> secondary, String prefix) {
        Map<String, Double> found = new TreeMap<>();
        secondary.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                found.put(name.substring(prefix.length()), value);
            }
        });
        return found;
    }

    /**
     * Compares every measured row with the fastest measured baseline row of the same track, workload, threads and cache state
     * (its definition's {@code baseline} kernel); rows with no such baseline keep none.
     */
    static List<TrialResult> withBaselines(List<TrialResult> rows, Map<String, String> baselineByTrack) {
        Map<List<Object>, Double> best = new HashMap<>();
        for (TrialResult r : rows) {
            if (r.status() == Status.MEASURED && r.kernel().equals(baselineByTrack.get(r.track()))) {
                best.merge(baselineKey(r), r.stats().medianNs(), Math::min);
            }
        }
        List<TrialResult> out = new ArrayList<>(rows.size());
        for (TrialResult r : rows) {
            String base = baselineByTrack.get(r.track());
            Double baseNs = r.status() == Status.MEASURED ? best.get(baselineKey(r)) : null;
            out.add(r.withBaseline(base == null || baseNs == null ? null
                    : new TrialResult.BaselineRecord(base, baseNs / r.stats().medianNs())));
        }
        return out;
    }

    private static List<Object> baselineKey(TrialResult r) {
        return List.of(r.track(), r.workload(), r.params().getOrDefault(KernelConfig.THREADS, 0), RowKey.cacheOf(r));
    }

    /**
     * The run's record and file, updated under a lock so the exit hook never writes a torn state. A write that
     * fails mid-run loses nothing: it is tried again, then the whole record goes to a rescue file, and if that
     * fails too the trial just measured is printed as JSON; each step is announced through the listener.
     */
    private static final class RunState {
        private static final long RETRY_PAUSE_MS = 250;
        private final Path target;
        private final Map<String, String> baselines;
        private final RunListener listener;
        private final Map<String, Optional<Path>> written;
        private Path file;
        private RunRecord record;
        private boolean finished;

        RunState(Path file, Map<String, String> baselines, RunListener listener, Map<String, Optional<Path>> written, RunRecord record) {
            this.target = file;
            this.file = file;
            this.baselines = baselines;
            this.listener = listener;
            this.written = written;
            this.record = record;
        }

        synchronized RunRecord record() {
            return record;
        }

        synchronized void add(TrialResult result) {
            record = record.with(result);
            record = record.withResults(withBaselines(record.results(), baselines));
            save(result);
        }

        synchronized void finish(String state) {
            if (finished) {
                return;
            }
            finished = true;
            record = record.finished(state, Instant.now().toString());
            save(null);
        }

        synchronized void saveOrFail() throws IOException {
            ResultStore.write(record, file);
            written.put(record.runId(), Optional.of(file));
        }

        /** Writes the record where it goes, else where it can; {@code last} is printed when it can go nowhere. */
        private void save(TrialResult last) {
            IOException failure;
            try {
                saveOrFail();
                return;
            } catch (IOException e) {
                failure = e;
            }
            try {
                Thread.sleep(RETRY_PAUSE_MS); // a full disk being cleaned, a network file system's hiccup
                saveOrFail();
                return;
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Path rescue = rescueFile(record.runId());
            if (!file.equals(rescue)) {
                try {
                    ResultStore.write(record, rescue);
                    listener.notice("could not write " + file + " (" + IoErrors.reason(failure) + "); the whole run so far is in "
                            + rescue + ", and later trials go there too");
                    file = rescue;
                    written.put(record.runId(), Optional.of(rescue));
                    return;
                } catch (IOException e) {
                    listener.notice("could not write " + file + " (" + IoErrors.reason(failure) + ") nor " + rescue
                            + " (" + IoErrors.reason(e) + ")");
                }
            }
            written.put(record.runId(), Optional.empty());
            String what;
            try {
                what = last == null ? "the run ended as '" + record.state() + "'" : "trial as JSON:\n" + ResultStore.toJson(last);
            } catch (IOException e) {
                what = "trial: " + last; // Jackson failing on a record it wrote before: the record's own text
            }
            listener.notice("results of " + record.runId() + " could not be written anywhere (meant for " + target + "); " + what);
        }
    }
}
