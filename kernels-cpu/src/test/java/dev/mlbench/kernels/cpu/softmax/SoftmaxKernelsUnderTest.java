package dev.mlbench.kernels.cpu.softmax;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Backend;
import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.Kernel;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.TestBackends;
import dev.mlbench.tracks.softmax.SoftmaxInputs;
import dev.mlbench.tracks.softmax.SoftmaxKernel;
import dev.mlbench.tracks.softmax.SoftmaxReference;
import dev.mlbench.tracks.softmax.SoftmaxTrack;
import dev.mlbench.tracks.softmax.SoftmaxWorkload;
import org.junit.jupiter.api.Assumptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The softmax kernels found through the ServiceLoader, each with every exp it offers, and how a test runs one. */
final class SoftmaxKernelsUnderTest {

    /** A kernel with the tunable values a test runs it with. */
    record Setup(SoftmaxKernel kernel, Map<String, Object> params) {
        @Override
        public String toString() {
            return kernel.name() + (params.containsKey("exp") ? " (exp " + params.get("exp") + ")" : "");
        }
    }

    /** Thread counts every kernel runs with: one, and two so that row groups and row chunks run in parallel. */
    static final int[] THREAD_COUNTS = {1, 2};
    /**
     * The smallest task grain the kernels accept: with two threads a single row of 128 elements or more is then
     * split into chunks, and two rows or more into row groups, so the parallel paths run on small tests.
     */
    static final int SMALL_GRAIN = 64;

    private SoftmaxKernelsUnderTest() {
    }

    /** Every registered softmax kernel, once per value of its {@code exp} tunable when it has one. */
    @SuppressWarnings("rawtypes")
    static List<Setup> all() {
        List<Setup> setups = new ArrayList<>();
        for (Kernel kernel : ServiceLoader.load(Kernel.class)) {
            if (!SoftmaxTrack.NAME.equals(kernel.track()) || !TestBackends.selected(kernel.backend())) {
                continue;
            }
            SoftmaxKernel softmax = (SoftmaxKernel) kernel;
            boolean hasExp = softmax.tunables().stream().anyMatch(s -> s.name().equals("exp"));
            if (hasExp) {
                setups.add(new Setup(softmax, Map.of("exp", VectorSoftmaxKernel.EXP_POLY, "grain", (long) SMALL_GRAIN)));
                setups.add(new Setup(softmax, Map.of("exp", VectorSoftmaxKernel.EXP_BUILTIN, "grain", (long) SMALL_GRAIN)));
            } else {
                setups.add(new Setup(softmax, Map.of()));
            }
        }
        return setups;
    }

    /** Skips (never silently passes) the calling test when the kernel or its backend cannot run here. */
    static void assumeRunnable(SoftmaxKernel kernel) {
        Availability availability = Availability.unavailable("no backend named '" + kernel.backend() + "' is registered");
        for (Backend backend : ServiceLoader.load(Backend.class)) {
            if (backend.name().equals(kernel.backend())) {
                availability = backend.probe();
            }
        }
        Availability both = availability.and(kernel.availability());
        Assumptions.assumeTrue(both.available(), () -> "kernel " + kernel.name() + " cannot run here: " + both.reason());
    }

    /** The kernel's tunables at their defaults, overridden by the setup's values. */
    static ParamValues params(Setup setup) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParamSpec spec : setup.kernel().tunables()) {
            values.put(spec.name(), spec.defaultValue());
        }
        values.putAll(setup.params());
        return new ParamValues(values);
    }

    /**
     * Prepares the kernel on a fresh pool of {@code threads} threads, runs it twice and asserts that both outputs
     * pass the track's check with its default tolerance and, unless it uses the built-in exp, that the second
     * equals the first.
     */
    @SuppressWarnings("try") // Prepared.close() declares Exception, as the SPI allows
    static Correctness assertMatchesReferenceTwice(Setup setup, SoftmaxWorkload w, SoftmaxInputs in, SoftmaxReference ref,
                                                   int threads) throws Exception {
        float[][] outputs = new float[2][];
        try (ExecutorService pool = Executors.newFixedThreadPool(threads);
             Prepared<float[]> prepared = setup.kernel().prepare(w, in, new KernelConfig(params(setup), threads, pool))) {
            for (int run = 0; run < outputs.length; run++) {
                prepared.run();
                outputs[run] = prepared.output().clone();
            }
        }
        SoftmaxTrack track = new SoftmaxTrack();
        String context = setup + " on " + track.label(w) + ", " + threads + " thread(s)";
        Correctness result = null;
        for (int run = 0; run < outputs.length; run++) {
            result = track.check(w, outputs[run], ref, SoftmaxTrack.DEFAULT_TOLERANCE);
            Correctness shown = result;
            int number = run + 1;
            assertTrue(shown.passed(), () -> context + ", run " + number + ": " + shown.detail() + "; max relative error " + shown.maxRelErr());
        }
        // The built-in EXP is not bit-reproducible from run to run: the interpreter's and C1's fallback and C2's
        // intrinsic round differently, and the JIT may switch between the two runs. Both runs passed the check.
        if (!VectorSoftmaxKernel.EXP_BUILTIN.equals(setup.params().get("exp"))) {
            assertArrayEquals(outputs[0], outputs[1], () -> context + ": the second run() gave a different output");
        }
        return result;
    }
}
