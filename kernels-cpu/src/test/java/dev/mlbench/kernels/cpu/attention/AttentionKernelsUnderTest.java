package dev.mlbench.kernels.cpu.attention;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Backend;
import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.Kernel;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.TestBackends;
import dev.mlbench.tracks.attention.AttentionInputs;
import dev.mlbench.tracks.attention.AttentionKernel;
import dev.mlbench.tracks.attention.AttentionReference;
import dev.mlbench.tracks.attention.AttentionTrack;
import dev.mlbench.tracks.attention.AttentionWorkload;
import org.junit.jupiter.api.Assumptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The attention kernels found through the ServiceLoader, and the steps every attention kernel test takes with one. */
final class AttentionKernelsUnderTest {

    static final AttentionTrack TRACK = new AttentionTrack();
    /** Thread counts every kernel is run with: one, and more than one so the parallel paths run. */
    static final int[] THREAD_COUNTS = {1, 2};

    private static final Map<AttentionWorkload, Operands> OPERANDS = new ConcurrentHashMap<>();

    /** Inputs and reference of one workload. */
    record Operands(AttentionInputs inputs, AttentionReference reference) {
    }

    private AttentionKernelsUnderTest() {
    }

    /** Every kernel registered for the attention track; new kernels join automatically. */
    @SuppressWarnings("rawtypes")
    static List<AttentionKernel> all() {
        List<AttentionKernel> kernels = new ArrayList<>();
        for (Kernel kernel : ServiceLoader.load(Kernel.class)) {
            if (AttentionTrack.NAME.equals(kernel.track()) && TestBackends.selected(kernel.backend())) {
                kernels.add((AttentionKernel) kernel);
            }
        }
        return kernels;
    }

    /** The registered kernel named {@code name}. */
    static AttentionKernel named(String name) {
        return all().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
    }

    /** Whether the kernel takes this workload: flash-decoding serves decode steps only. */
    static boolean serves(AttentionKernel kernel, AttentionWorkload w) {
        return w.decode() || !kernel.name().equals("flash-decoding");
    }

    /** Skips (never silently passes) the calling test when the kernel or its backend cannot run here. */
    static void assumeRunnable(AttentionKernel kernel) {
        Availability availability = Availability.unavailable("no backend named '" + kernel.backend() + "' is registered");
        for (Backend backend : ServiceLoader.load(Backend.class)) {
            if (backend.name().equals(kernel.backend())) {
                availability = backend.probe();
            }
        }
        Availability both = availability.and(kernel.availability());
        Assumptions.assumeTrue(both.available(), () -> "kernel " + kernel.name() + " cannot run here: " + both.reason());
    }

    /** The kernel's tunables at their defaults, with {@code overrides} applied. */
    static ParamValues params(AttentionKernel kernel, Map<String, ?> overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParamSpec spec : kernel.tunables()) {
            if (spec.defaultValue() != null) {
                values.put(spec.name(), spec.defaultValue());
            }
        }
        values.putAll(overrides);
        return new ParamValues(values);
    }

    /** Inputs and reference of {@code w}, computed once per workload and shared by every test. */
    static Operands operands(AttentionWorkload w) {
        return OPERANDS.computeIfAbsent(w, shape -> {
            AttentionInputs inputs = TRACK.inputs(shape, 31L * shape.hashCode() + 7);
            return new Operands(inputs, TRACK.reference(shape, inputs));
        });
    }

    /** Prepares the kernel on a fresh pool, runs it twice and returns a copy of each output. */
    @SuppressWarnings("try") // Prepared.close() declares Exception, as the SPI allows
    static float[][] runTwice(AttentionKernel kernel, AttentionWorkload w, AttentionInputs in, ParamValues params, int threads)
            throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads);
             Prepared<float[]> prepared = kernel.prepare(w, in, new KernelConfig(params, threads, pool))) {
            prepared.run();
            float[] first = prepared.output().clone();
            prepared.run();
            float[] second = prepared.output().clone();
            return new float[][] {first, second};
        }
    }

    /**
     * Runs the kernel twice on one prepared instance and asserts that both outputs pass the track's check with its
     * default tolerance and that the second run reproduces the first exactly.
     */
    static void assertMatchesReferenceTwice(AttentionKernel kernel, AttentionWorkload w, Map<String, ?> overrides, int threads)
            throws Exception {
        Operands operands = operands(w);
        ParamValues params = params(kernel, overrides);
        float[][] outputs = runTwice(kernel, w, operands.inputs(), params, threads);
        String context = kernel.name() + " " + params + " on " + TRACK.label(w) + ", " + threads + " thread(s)";
        for (int run = 0; run < outputs.length; run++) {
            Correctness result = TRACK.check(w, outputs[run], operands.reference(), AttentionTrack.DEFAULT_TOLERANCE);
            int shown = run + 1;
            assertTrue(result.passed(), () -> context + ", run " + shown + ": " + result.detail()
                    + "; max relative error " + result.maxRelErr());
        }
        assertArrayEquals(outputs[0], outputs[1], () -> context + ": the second run() gave a different output");
    }
}
