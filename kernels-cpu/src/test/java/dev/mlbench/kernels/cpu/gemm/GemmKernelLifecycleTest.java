package dev.mlbench.kernels.cpu.gemm;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.TestBackends;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmTrack;
import dev.mlbench.tracks.gemm.GemmWorkload;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GEMM kernels are discoverable, available here, and go through prepare, run, output and close cleanly. */
class GemmKernelLifecycleTest {

    private static final GemmTrack TRACK = new GemmTrack();
    private static final GemmWorkload SHAPE = new GemmWorkload(5, 67, 33);

    static List<GemmKernel> kernels() {
        return GemmKernelsUnderTest.all();
    }

    @Test
    void theServiceLoaderFindsTheCpuGemmKernels() {
        TestBackends.assumeEveryBackend();
        List<String> names = kernels().stream().map(GemmKernel::name).toList();
        assertTrue(names.containsAll(List.of("reference", "vector", "openblas")), names.toString());
    }

    @Test
    void kernelNamesAreUniqueWithinTheTrack() {
        Set<String> seen = new HashSet<>();
        for (GemmKernel kernel : kernels()) {
            assertTrue(seen.add(kernel.name()), "two gemm kernels are named " + kernel.name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void namesARegisteredBackendAndDescribesItself(GemmKernel kernel) {
        Availability backend = GemmKernelsUnderTest.backendAvailability(kernel.backend());
        assertFalse(backend.reason().startsWith("no backend named"), backend.reason());
        assertFalse(kernel.description().isBlank(), kernel.name() + " has no description");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void isAvailableWhereItsBackendIs(GemmKernel kernel) {
        Availability backend = GemmKernelsUnderTest.backendAvailability(kernel.backend());
        Assumptions.assumeTrue(backend.available(), () -> "backend " + kernel.backend() + " unavailable: " + backend.reason());
        Availability availability = kernel.availability();
        assertTrue(availability.available(), availability.reason());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void preparesRunsAndClosesWithoutThrowing(GemmKernel kernel) throws Exception {
        GemmKernelsUnderTest.assumeRunnable(kernel);
        GemmInputs in = TRACK.inputs(SHAPE, 1);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Prepared<float[]> prepared = kernel.prepare(SHAPE, in, new KernelConfig(GemmKernelsUnderTest.defaults(kernel), 2, pool));
            assertDoesNotThrow(prepared::run);
            assertEquals(SHAPE.m() * SHAPE.n(), prepared.output().length);
            assertDoesNotThrow(prepared::close);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void closesWithoutHavingRun(GemmKernel kernel) throws Exception {
        GemmKernelsUnderTest.assumeRunnable(kernel);
        GemmInputs in = TRACK.inputs(SHAPE, 2);
        try (ExecutorService pool = Executors.newFixedThreadPool(1)) {
            Prepared<float[]> prepared = kernel.prepare(SHAPE, in, new KernelConfig(GemmKernelsUnderTest.defaults(kernel), 1, pool));
            assertDoesNotThrow(prepared::close);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void leavesItsInputsUnchanged(GemmKernel kernel) throws Exception {
        GemmKernelsUnderTest.assumeRunnable(kernel);
        GemmInputs in = TRACK.inputs(SHAPE, 3);
        float[] a = in.a().clone();
        float[] b = in.b().clone();

        GemmKernelsUnderTest.runTwice(kernel, SHAPE, in, 2);

        assertArrayEquals(a, in.a(), "A was modified");
        assertArrayEquals(b, in.b(), "B was modified");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    @SuppressWarnings("try") // Prepared.close() declares Exception, as the SPI allows
    void outputOfOneInstanceIsNotChangedByAnotherInstance(GemmKernel kernel) throws Exception {
        GemmKernelsUnderTest.assumeRunnable(kernel);
        GemmInputs first = TRACK.inputs(SHAPE, 4);
        GemmInputs second = TRACK.inputs(SHAPE, 5);
        try (ExecutorService pool = Executors.newFixedThreadPool(1);
             Prepared<float[]> p1 = kernel.prepare(SHAPE, first, new KernelConfig(GemmKernelsUnderTest.defaults(kernel), 1, pool));
             Prepared<float[]> p2 = kernel.prepare(SHAPE, second, new KernelConfig(GemmKernelsUnderTest.defaults(kernel), 1, pool))) {
            p1.run();
            float[] before = p1.output().clone();
            p2.run();
            assertArrayEquals(before, p1.output(), "running a second prepared instance changed the first one's output");
        }
    }
}
