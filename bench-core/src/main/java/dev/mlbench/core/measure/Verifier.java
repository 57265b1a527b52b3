package dev.mlbench.core.measure;

import dev.mlbench.core.plan.Trial;
import dev.mlbench.core.registry.Registry;
import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.Kernel;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Track;

import java.util.Map;
import java.util.Objects;

/**
 * Runs a kernel once on the seeded inputs and compares its output with the track's reference.
 * The inputs and reference of the latest workload are kept, so each is computed once however many
 * kernels run on it (the planner orders trials workload-major).
 */
public final class Verifier {

    private final Registry registry;
    private CachedWorkload cached;

    public Verifier(Registry registry) {
        this.registry = registry;
    }

    private record Key(String track, ParamValues workload, long seed) {
    }

    private record CachedWorkload(Key key, Object workload, Object inputs, Object reference) {
    }

    /** Checks {@code trial}'s kernel with {@code threads} threads; never throws for a kernel's fault. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Verification verify(Trial trial, int threads) {
        Track track = registry.track(trial.track()).orElseThrow();
        Kernel kernel = registry.kernels(trial.track()).get(trial.kernel());
        CachedWorkload data = workload(track, trial);
        Object output;
        Map<String, Double> kernelMetrics;
        try (KernelSession session = KernelSession.open(kernel, data.workload(), data.inputs(), trial.params(), threads)) {
            session.run();
            output = session.output();
            kernelMetrics = Map.copyOf(session.metrics());
        } catch (Exception | LinkageError | OutOfMemoryError | StackOverflowError e) {
            return new Verification.Failed(describe(e));
        }
        if (output == null) {
            return new Verification.Failed("kernel returned no output");
        }
        Correctness c;
        try {
            c = track.check(data.workload(), output, data.reference(), trial.tolerance());
        } catch (RuntimeException e) {
            return new Verification.Failed("output could not be checked: " + describe(e));
        }
        return c.passed() ? new Verification.Passed(c, kernelMetrics) : new Verification.Invalid(c, kernelMetrics);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private CachedWorkload workload(Track track, Trial trial) {
        Key key = new Key(trial.track(), trial.workload(), trial.seed());
        if (cached == null || !Objects.equals(cached.key(), key)) {
            cached = null; // let the previous workload's arrays go before allocating the next
            Object workload = track.workload(trial.workload());
            Object inputs = track.inputs(workload, trial.seed());
            Object reference = track.reference(workload, inputs);
            cached = new CachedWorkload(key, workload, inputs, reference);
        }
        return cached;
    }

    /** "IllegalStateException: message" (the class name helps when the message alone is empty). */
    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
