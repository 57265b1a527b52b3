package dev.mlbench.kernels.gpu;

import dev.mlbench.core.registry.Registry;
import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Kernel;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Prepared;

import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs GPU kernels the way the harness does (prepare, run, output, close), for every track's tests. */
public final class GpuTesting {

    private GpuTesting() {
    }

    /** Skips the test, naming the reason, when the kernel's backend or the kernel itself cannot run here. */
    public static void assumeRunnable(Kernel<?, ?, ?> kernel) {
        Availability a = Registry.builtIn().backends().get(kernel.backend()).probe().and(kernel.availability());
        assumeTrue(a.available(), () -> kernel.name() + " cannot run here: " + a.reason());
    }

    /**
     * Runs the kernel twice on one preparation with {@code params} over the kernel's defaults, asserts both outputs
     * are identical and returns the second.
     */
    public static <W, I> float[] runTwice(Kernel<W, I, float[]> kernel, W w, I in, Map<String, ?> params) throws Exception {
        try (Prepared<float[]> p = kernel.prepare(w, in, new KernelConfig(new ParamValues(withDefaults(kernel, params)), 1, null))) {
            p.run();
            float[] first = p.output().clone();
            p.run();
            float[] second = p.output();
            assertArrayEquals(first, second, "a second run on the same preparation gave a different result");
            return second;
        }
    }

    /** The kernel's tunables at their defaults, overridden by {@code params}. */
    public static Map<String, Object> withDefaults(Kernel<?, ?, ?> kernel, Map<String, ?> params) {
        Map<String, Object> all = new java.util.HashMap<>();
        kernel.tunables().forEach(spec -> all.put(spec.name(), spec.defaultValue()));
        all.putAll(params);
        return all;
    }

    /**
     * A source edit for a deliberately wrong kernel variant: replaces {@code target} with {@code replacement} and
     * fails when {@code target} is not in the source, so the variant cannot silently be the correct kernel.
     */
    public static UnaryOperator<String> breaking(String target, String replacement) {
        return source -> {
            String edited = source.replace(target, replacement);
            assertNotEquals(source, edited, "the device source no longer contains '" + target + "'");
            return edited;
        };
    }
}
