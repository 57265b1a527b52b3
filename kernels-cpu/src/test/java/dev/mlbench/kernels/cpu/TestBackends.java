package dev.mlbench.kernels.cpu;

import org.junit.jupiter.api.Assumptions;

import java.util.List;

/**
 * Which backends' kernels the kernel suites of this test jar run: all of them, or only those that
 * {@value #PROPERTY} names (comma-separated), so that another backend module (kernels-nd4j, kernels-torch) runs
 * the suites on its own kernels only.
 */
public final class TestBackends {

    /** The system property naming the backends under test. */
    public static final String PROPERTY = "bench.test.backends";

    private TestBackends() {
    }

    /** Whether kernels of {@code backend} are under test. */
    public static boolean selected(String backend) {
        String only = System.getProperty(PROPERTY, "");
        return only.isBlank() || List.of(only.split(",")).contains(backend);
    }

    /** Skips the calling test, which is about this module's own kernels, when the suites run on another backend's only. */
    public static void assumeEveryBackend() {
        Assumptions.assumeTrue(System.getProperty(PROPERTY) == null, "the suite runs on the kernels of " + System.getProperty(PROPERTY) + " only");
    }
}
