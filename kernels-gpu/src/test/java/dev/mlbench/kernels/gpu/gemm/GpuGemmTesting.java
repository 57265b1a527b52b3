package dev.mlbench.kernels.gpu.gemm;

import dev.mlbench.core.spi.Correctness;
import dev.mlbench.kernels.gpu.GpuTesting;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmReference;
import dev.mlbench.tracks.gemm.GemmTrack;
import dev.mlbench.tracks.gemm.GemmWorkload;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs a GPU GEMM kernel the way the harness does (prepare, run, output, close) and checks it with the track. */
final class GpuGemmTesting {

    static final GemmTrack TRACK = new GemmTrack();

    private GpuGemmTesting() {
    }

    /** Skips the test, naming the reason, when the kernel's backend or the kernel itself cannot run here. */
    static void assumeRunnable(GemmKernel kernel) {
        GpuTesting.assumeRunnable(kernel);
    }

    /** Runs the kernel twice on one preparation and returns the second output, asserting both are identical. */
    static float[] runTwice(GemmKernel kernel, GemmWorkload w, GemmInputs in, Map<String, ?> params) throws Exception {
        return GpuTesting.runTwice(kernel, w, in, params);
    }

    /** Asserts the kernel's output on {@code w} passes the track's check with the default tolerance. */
    static void assertMatchesReference(GemmKernel kernel, GemmWorkload w, GemmInputs in, Map<String, ?> params) throws Exception {
        GemmReference ref = TRACK.reference(w, in);
        Correctness result = check(w, runTwice(kernel, w, in, params), ref);
        assertTrue(result.passed(), () -> kernel.name() + " " + params + " on " + TRACK.label(w) + ": " + result.detail());
    }

    /** The check is not vacuous on this device: the kernel run on A with its last column lost fails against the true reference. */
    static void assertDroppedLastReductionStepIsCaught(GemmKernel kernel, Map<String, ?> params) throws Exception {
        GemmWorkload w = new GemmWorkload(19, 23, 33);
        GemmInputs in = TRACK.inputs(w, 13);
        GemmReference ref = TRACK.reference(w, in);
        float[] a = in.a().clone();
        for (int i = 0; i < w.m(); i++) {
            a[i * w.k() + w.k() - 1] = 0;
        }
        Correctness result = check(w, runTwice(kernel, w, new GemmInputs(a, in.b()), params), ref);
        assertFalse(result.passed(), "a dropped reduction step went unnoticed");
    }

    static Correctness check(GemmWorkload w, float[] out, GemmReference ref) {
        return TRACK.check(w, out, ref, GemmTrack.DEFAULT_TOLERANCE);
    }
}
