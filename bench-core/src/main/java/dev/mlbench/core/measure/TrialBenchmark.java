package dev.mlbench.core.measure;

import dev.mlbench.core.registry.Registry;
import dev.mlbench.core.spi.Kernel;
import dev.mlbench.core.spi.Track;
import dev.mlbench.core.spi.Work;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * The one JMH benchmark behind every trial. Its single parameter carries the encoded {@link TrialSpec};
 * setup rebuilds the track, kernel, workload and seeded inputs in the fork, outside the timed region (several copies of
 * them for a cold row, which the timed calls rotate through: {@link ColdRotation}).
 * Correctness was checked on the same inputs by the harness before this fork started. Before JMH's warm-up, set-up runs
 * the kernel until its time per call is steady ({@link SteadyState}).
 */
@State(Scope.Benchmark)
public class TrialBenchmark {

    /** The encoded {@link TrialSpec}; set by the harness, never by hand. */
    @Param("")
    public String spec;

    /** The session of the trial running in this JVM, for {@link KernelCountersProfiler}. */
    private static volatile KernelSession current;

    private KernelSession session;

    /** What settling this JVM's trial took ({@link SteadyState}), for {@link KernelCountersProfiler}. */
    private static volatile SteadyState.Outcome settled;

    /** What settling the trial of this JVM took, or null before its set-up. */
    static SteadyState.Outcome settled() {
        return settled;
    }

    /** The session being measured in this JVM, or null outside a trial. */
    static KernelSession current() {
        return current;
    }

    /** Rebuilds the trial from its spec and prepares the kernel. */
    @Setup(Level.Trial)
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void setUp() throws Exception {
        TrialSpec trial = TrialSpec.decode(spec);
        Registry registry = Registry.builtIn();
        Track track = registry.track(trial.track())
                .orElseThrow(() -> new IllegalStateException("track " + trial.track() + " is not on the benchmark JVM's class path"));
        Kernel kernel = registry.kernels(trial.track()).get(trial.kernel());
        if (kernel == null) {
            throw new IllegalStateException("kernel " + trial.kernel() + " is not on the benchmark JVM's class path");
        }
        Object workload = track.workload(trial.workloadValues());
        // a cold row rotates through copies of its operands, each prepared on inputs of the same seed (ColdRotation),
        // enough for the bytes a call of this kernel moves
        Work work = track.work(workload);
        session = KernelSession.open(kernel, workload, () -> track.inputs(workload, trial.seed()),
                metrics -> trial.cold() ? ColdRotation.copies(ColdRotation.bytesPerCall(work, metrics)) : 1, trial.paramValues(), trial.threads());
        current = session;
        // before JMH's warm-up: its fixed time can end before the JIT has compiled the kernel's hot loop
        settled = SteadyState.ofThisJvm().await(session::run, TimeUnit.MILLISECONDS.toNanos(trial.settleMs()));
    }

    /** The timed operation. */
    @Benchmark
    public void run() throws Exception {
        session.run();
    }

    /** Releases the kernel's resources. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        current = null;
        settled = null;
        if (session != null) {
            session.close();
        }
    }
}
