package dev.mlbench.kernels.gpu.gemm;

import dev.mlbench.core.registry.Registry;
import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmReference;
import dev.mlbench.tracks.gemm.GemmTrack;
import dev.mlbench.tracks.gemm.GemmWorkload;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs a GPU GEMM kernel the way the harness does (prepare, run, output, close) and checks it with the track. */
final class GpuGemmTesting {

    static final GemmTrack TRACK = new GemmTrack();

    private GpuGemmTesting() {
    }

    /** Skips the test, naming the reason, when the kernel's backend or the kernel itself cannot run here. */
    static void assumeRunnable(GemmKernel kernel) {
        Availability a = Registry.builtIn().backends().get(kernel.backend()).probe().and(kernel.availability());
        assumeTrue(a.available(), () -> kernel.name() + " cannot run here: " + a.reason());
    }

    /** Runs the kernel twice on one preparation and returns the second output, asserting both are identical. */
    static float[] runTwice(GemmKernel kernel, GemmWorkload w, GemmInputs in, Map<String, ?> params) throws Exception {
        try (Prepared<float[]> p = kernel.prepare(w, in, new KernelConfig(new ParamValues(params), 1, null))) {
            p.run();
            float[] first = p.output().clone();
            p.run();
            float[] second = p.output();
            assertArrayEquals(first, second, "a second run on the same preparation gave a different result");
            return second;
        }
    }

    /** Asserts the kernel's output on {@code w} passes the track's check with the default tolerance. */
    static void assertMatchesReference(GemmKernel kernel, GemmWorkload w, GemmInputs in, Map<String, ?> params) throws Exception {
        GemmReference ref = TRACK.reference(w, in);
        Correctness result = check(w, runTwice(kernel, w, in, params), ref);
        assertTrue(result.passed(), () -> kernel.name() + " " + params + " on " + TRACK.label(w) + ": " + result.detail());
    }

    static Correctness check(GemmWorkload w, float[] out, GemmReference ref) {
        return TRACK.check(w, out, ref, GemmTrack.DEFAULT_TOLERANCE);
    }
}
