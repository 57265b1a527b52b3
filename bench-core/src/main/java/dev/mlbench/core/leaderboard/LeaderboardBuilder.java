package dev.mlbench.core.leaderboard;

import dev.mlbench.core.compare.RowKey;
import dev.mlbench.core.results.EnvironmentSummary;
import dev.mlbench.core.results.RunFile;
import dev.mlbench.core.results.Status;
import dev.mlbench.core.results.TrialResult;
import dev.mlbench.core.spi.Backend;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.stats.Cluster;
import dev.mlbench.core.stats.ForkSamples;
import dev.mlbench.core.stats.HierarchicalBootstrap;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds a {@link Leaderboard} from results files of any number of machines. Only measured rows whose
 * correctness check passed count. Within one track and environment, a kernel configuration's speedup on a
 * workload is the baseline's median time over its own (same workload, same threads; samples of every run
 * pooled); its score is the geometric mean of those speedups. The 95% interval comes from a percentile
 * bootstrap that resamples the way the samples were measured: the runs merged for one environment, then the
 * forks (JVMs) of each drawn run, then the iterations of each drawn fork ({@link HierarchicalBootstrap}). Rows of
 * files that did not record forks count as one fork.
 */
public final class LeaderboardBuilder {

    /** Bootstrap resamples. */
    public static final int DEFAULT_REPLICATES = 2000;
    /** Fixed seed: the same inputs give the same intervals. */
    public static final long DEFAULT_SEED = 20261129L;

    private final Map<String, String> baselineOption;
    private final int replicates;
    private final long seed;

    /**
     * @param baselineOption baseline kernel per track from the command line; key {@code *} for every track
     * @param replicates     bootstrap resamples
     * @param seed           bootstrap seed
     */
    public LeaderboardBuilder(Map<String, String> baselineOption, int replicates, long seed) {
        this.baselineOption = Map.copyOf(baselineOption);
        this.replicates = replicates;
        this.seed = seed;
    }

    /** Merges {@code runs}. */
    public Leaderboard build(List<RunFile> runs) {
        List<String> notes = new ArrayList<>();
        List<Leaderboard.Source> sources = new ArrayList<>();
        Map<String, String> recordedBaseline = new TreeMap<>();
        // track -> fingerprint -> rows
        Map<String, Map<String, List<Row>>> byTrack = new TreeMap<>();
        Map<String, EnvironmentSummary> envs = new TreeMap<>();
        for (RunFile run : runs) {
            sources.add(new Leaderboard.Source(run.path().toString(), run.runId(), run.record().schemaVersion(), run.record().state()));
            if (!"complete".equals(run.record().state())) {
                notes.add(run.runId() + " is " + run.record().state() + ": its finished rows are included");
            }
            EnvironmentSummary env = EnvironmentSummary.of(run.record().environment());
            envs.put(env.fingerprint(), env);
            List<TrialResult> results = run.record().results();
            for (int i = 0; i < results.size(); i++) {
                TrialResult r = results.get(i);
                if (r.baseline() != null) {
                    recordedBaseline.putIfAbsent(r.track(), r.baseline().kernel());
                }
                if (valid(r)) {
                    byTrack.computeIfAbsent(r.track(), t -> new TreeMap<>()).computeIfAbsent(env.fingerprint(), f -> new ArrayList<>())
                            .add(new Row(RowKey.of(r), ForkSamples.of(r.samplesNs(), r.sampleForks()), run.runId(), backendWarning(r)));
                }
            }
        }
        List<Leaderboard.Board> boards = new ArrayList<>();
        RandomGenerator random = new Well19937c(seed);
        for (var track : byTrack.entrySet()) {
            Optional<String> fromOption = Optional.ofNullable(baselineOption.getOrDefault(track.getKey(), baselineOption.get("*")));
            String recorded = recordedBaseline.get(track.getKey());
            String baseline = fromOption.orElse(recorded);
            if (baseline == null) {
                notes.add("track " + track.getKey() + " left out: its results record no baseline kernel; give --baseline KERNEL or --baseline "
                        + track.getKey() + "=KERNEL");
                continue;
            }
            if (fromOption.isPresent() && recorded != null && !recorded.equals(baseline)) {
                notes.add("track " + track.getKey() + ": --baseline " + baseline + " used instead of the recorded baseline " + recorded);
            }
            for (var env : track.getValue().entrySet()) {
                List<Leaderboard.Entry> entries = rank(baseline, env.getKey(), env.getValue(), random);
                if (entries.isEmpty()) {
                    notes.add("track " + track.getKey() + " on " + env.getKey() + " (" + envs.get(env.getKey()).cpuModel()
                            + ") left out: the baseline " + baseline + " has no valid measured row there");
                    continue;
                }
                boards.add(new Leaderboard.Board(track.getKey(), baseline, fromOption.isPresent() ? "option" : "results",
                        envs.get(env.getKey()), entries));
            }
        }
        return new Leaderboard(Leaderboard.VERSION, Instant.now().toString(), new Leaderboard.Settings(replicates, seed, 0.95),
                List.copyOf(sources), List.copyOf(boards), List.copyOf(notes));
    }

    /** A measured row whose output passed the check, with finite positive samples: the only rows any analysis uses. */
    public static boolean valid(TrialResult r) {
        return r.status() == Status.MEASURED && r.correctness() != null && r.correctness().passed() && r.samplesNs() != null
                && !r.samplesNs().isEmpty() && r.samplesNs().stream().allMatch(s -> s != null && s > 0 && Double.isFinite(s));
    }

    private List<Leaderboard.Entry> rank(String baseline, String fingerprint, List<Row> rows, RandomGenerator random) {
        // workload (+ threads) -> run -> the baseline's forks there
        Map<Map<String, String>, Map<String, List<Cluster>>> base = new LinkedHashMap<>();
        // kernel configuration -> workload -> run -> forks
        Map<RowKey, Map<Map<String, String>, Map<String, List<Cluster>>>> configs = new LinkedHashMap<>();
        Map<RowKey, Set<String>> runIds = new LinkedHashMap<>();
        Map<RowKey, Set<String>> warnings = new LinkedHashMap<>();
        Set<String> baselineWarnings = new LinkedHashSet<>();
        for (Row r : rows) {
            Map<String, String> workload = workload(r.key);
            if (r.key.kernel().equals(baseline)) {
                addForks(base.computeIfAbsent(workload, w -> new LinkedHashMap<>()), r);
                if (r.warning != null) {
                    baselineWarnings.add("baseline " + baseline + ": " + r.warning);
                }
            }
            RowKey config = new RowKey(r.key.track(), r.key.kernel(), r.key.backend(), r.key.params(), Map.of());
            if (r.warning != null) {
                warnings.computeIfAbsent(config, c -> new LinkedHashSet<>()).add(r.warning);
            }
            addForks(configs.computeIfAbsent(config, c -> new LinkedHashMap<>()).computeIfAbsent(workload, w -> new LinkedHashMap<>()), r);
            runIds.computeIfAbsent(config, c -> new LinkedHashSet<>()).add(r.runId);
        }
        if (base.isEmpty()) {
            return List.of();
        }
        List<Scored> scored = new ArrayList<>();
        for (var c : configs.entrySet()) {
            String threads = c.getKey().params().get(KernelConfig.THREADS);
            List<Cluster> mine = new ArrayList<>();
            List<Cluster> theirs = new ArrayList<>();
            c.getValue().forEach((w, byRun) -> {
                Map<String, List<Cluster>> b = base.get(w);
                if (b != null) {
                    mine.add(runs(byRun));
                    theirs.add(runs(b));
                }
            });
            if (mine.isEmpty()) {
                continue;
            }
            long withBaseline = base.keySet().stream().filter(w -> java.util.Objects.equals(w.get(KernelConfig.THREADS), threads)).count();
            double score = geomeanSpeedup(theirs.stream().map(HierarchicalBootstrap::all).toList(),
                    mine.stream().map(HierarchicalBootstrap::all).toList());
            double[] boot = new double[replicates];
            for (int i = 0; i < replicates; i++) {
                boot[i] = geomeanSpeedup(resample(theirs, random), resample(mine, random));
            }
            Percentile pct = new Percentile();
            Set<String> skew = new LinkedHashSet<>(warnings.getOrDefault(c.getKey(), Set.of()));
            if (!c.getKey().kernel().equals(baseline)) {
                skew.addAll(baselineWarnings);
            }
            scored.add(new Scored(c.getKey(), score, pct.evaluate(boot, 2.5), pct.evaluate(boot, 97.5), mine.size(), (int) withBaseline,
                    List.copyOf(runIds.get(c.getKey())), List.copyOf(skew)));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(s -> s.key.kernel()));
        List<Leaderboard.Entry> entries = new ArrayList<>();
        int rank = 0;
        double last = Double.NaN;
        for (int i = 0; i < scored.size(); i++) {
            Scored s = scored.get(i);
            if (s.score != last) {
                rank = i + 1;
                last = s.score;
            }
            entries.add(new Leaderboard.Entry(rank, s.key.kernel(), s.key.backend(), s.key.params(), s.score, s.low, s.high, s.workloads,
                    s.withBaseline, fingerprint, s.runIds, s.warnings));
        }
        return entries;
    }

    /** Adds the forks of {@code r} to those of its run (a key listed twice in one run adds forks to it). */
    private static void addForks(Map<String, List<Cluster>> byRun, Row r) {
        List<Cluster> forks = byRun.computeIfAbsent(r.runId, id -> new ArrayList<>());
        r.samples.forks().forEach(f -> forks.add(new Cluster.Leaf(f)));
    }

    /** Runs of forks as one cluster: the runs are resampled first, then the forks of each. */
    private static Cluster runs(Map<String, List<Cluster>> byRun) {
        return new Cluster.Group(byRun.values().stream().<Cluster>map(Cluster.Group::new).toList());
    }

    /** Geometric mean over workloads of median(baseline) / median(kernel). */
    static double geomeanSpeedup(List<double[]> baseline, List<double[]> kernel) {
        double logSum = 0;
        for (int i = 0; i < kernel.size(); i++) {
            logSum += Math.log(HierarchicalBootstrap.median(baseline.get(i)) / HierarchicalBootstrap.median(kernel.get(i)));
        }
        return Math.exp(logSum / kernel.size());
    }

    private static List<double[]> resample(List<Cluster> sets, RandomGenerator random) {
        List<double[]> out = new ArrayList<>(sets.size());
        for (Cluster s : sets) {
            out.add(HierarchicalBootstrap.resample(s, random));
        }
        return out;
    }

    private static Map<String, String> workload(RowKey key) {
        Map<String, String> w = new TreeMap<>(key.workload());
        w.put(KernelConfig.THREADS, key.params().getOrDefault(KernelConfig.THREADS, "?"));
        return w;
    }

    private record Row(RowKey key, ForkSamples samples, String runId, String warning) {
    }

    /** What the row's backend warned about it (a native library below its best core), or null. */
    private static String backendWarning(TrialResult r) {
        Object w = r.backendDetails() == null ? null : r.backendDetails().get(Backend.WARNING);
        return w == null ? null : w.toString();
    }

    private record Scored(RowKey key, double score, double low, double high, int workloads, int withBaseline, List<String> runIds,
                          List<String> warnings) {
    }
}
