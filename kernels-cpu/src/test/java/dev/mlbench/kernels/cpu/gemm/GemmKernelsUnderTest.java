package dev.mlbench.kernels.cpu.gemm;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Backend;
import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.Kernel;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.TestBackends;
import dev.mlbench.kernels.cpu.VectorBackend;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmReference;
import dev.mlbench.tracks.gemm.GemmTrack;
import dev.mlbench.tracks.gemm.GemmWorkload;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Named;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GEMM kernels found through the ServiceLoader, and the steps every GEMM kernel test takes with one. */
final class GemmKernelsUnderTest {

    /** Thread counts every kernel is run with: one, and more than one so the parallel paths run. */
    static final int[] THREAD_COUNTS = {1, 2};

    private GemmKernelsUnderTest() {
    }

    /** Every kernel registered for the gemm track, in ServiceLoader order; new kernels join automatically. */
    @SuppressWarnings("rawtypes")
    static List<GemmKernel> all() {
        List<GemmKernel> kernels = new ArrayList<>();
        for (Kernel kernel : ServiceLoader.load(Kernel.class)) {
            if (GemmTrack.NAME.equals(kernel.track()) && TestBackends.selected(kernel.backend())) {
                kernels.add((GemmKernel) kernel);
            }
        }
        return kernels;
    }

    /** The kernels named for display in parameterized tests. */
    static List<Named<GemmKernel>> named() {
        return all().stream().map(k -> Named.of(k.name(), k)).toList();
    }

    /** The probe of the backend a kernel names, or unavailable when no such backend is registered. */
    static Availability backendAvailability(String backendName) {
        for (Backend backend : ServiceLoader.load(Backend.class)) {
            if (backend.name().equals(backendName)) {
                return backend.probe();
            }
        }
        return Availability.unavailable("no backend named '" + backendName + "' is registered");
    }

    /** Skips (never silently passes) the calling test when the kernel or its backend cannot run here. */
    static void assumeRunnable(GemmKernel kernel) {
        Availability availability = backendAvailability(kernel.backend()).and(kernel.availability());
        Assumptions.assumeTrue(availability.available(),
                () -> "kernel " + kernel.name() + " cannot run here: " + availability.reason());
    }

    /** The lanes of the preferred float species, which sets the vector kernel's block (four vectors wide). */
    static int preferredFloatLanes() {
        VectorBackend vector = new VectorBackend();
        return vector.probe().available() ? (Integer) vector.details().get("float_lanes") : 8;
    }

    /** The kernel's tunables at their defaults, as the harness would hand them over. */
    static ParamValues defaults(GemmKernel kernel) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParamSpec spec : kernel.tunables()) {
            if (spec.defaultValue() != null) {
                values.put(spec.name(), spec.defaultValue());
            }
        }
        return new ParamValues(values);
    }

    /**
     * Prepares the kernel once on a fresh pool of {@code threads} threads, runs it twice and returns a copy of
     * the output after each run; the prepared kernel and the pool are closed before returning.
     */
    @SuppressWarnings("try") // Prepared.close() declares Exception, as the SPI allows
    static float[][] runTwice(GemmKernel kernel, GemmWorkload w, GemmInputs in, int threads) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads);
             Prepared<float[]> prepared = kernel.prepare(w, in, new KernelConfig(defaults(kernel), threads, pool))) {
            prepared.run();
            float[] first = prepared.output().clone();
            prepared.run();
            float[] second = prepared.output().clone();
            return new float[][] {first, second};
        }
    }

    /**
     * Runs the kernel twice on one prepared instance and asserts that both outputs pass the track's check with
     * its default tolerance and that the second run gives exactly the first run's output.
     */
    static void assertMatchesReferenceTwice(GemmKernel kernel, GemmWorkload w, GemmInputs in, GemmReference ref,
                                            int threads, String what) throws Exception {
        float[][] outputs = runTwice(kernel, w, in, threads);
        GemmTrack track = new GemmTrack();
        String context = kernel.name() + " on " + track.label(w) + " (" + what + "), " + threads + " thread(s)";
        for (int run = 0; run < outputs.length; run++) {
            Correctness result = track.check(w, outputs[run], ref, GemmTrack.DEFAULT_TOLERANCE);
            int shown = run + 1;
            assertTrue(result.passed(), () -> context + ", run " + shown + ": " + result.detail()
                    + "; max relative error " + result.maxRelErr());
        }
        assertArrayEquals(outputs[0], outputs[1], () -> context + ": the second run() gave a different output");
    }
}
