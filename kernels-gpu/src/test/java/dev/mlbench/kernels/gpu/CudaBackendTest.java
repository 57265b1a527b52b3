package dev.mlbench.kernels.gpu;

import dev.mlbench.core.spi.Availability;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CudaBackendTest {

    private final CudaBackend backend = new CudaBackend();

    @Test
    void isNamedCuda() {
        assertEquals("cuda", backend.name());
    }

    @Test
    void probeNeverThrowsAndAlwaysGivesAReason() {
        Availability a = assertDoesNotThrow(backend::probe);
        assertFalse(a.reason().isBlank(), "reason must not be blank: " + a);
    }

    @Test
    void probeIsComputedOncePerProcess() {
        assertSame(backend.probe(), new CudaBackend().probe());
    }

    @Test
    void withoutADriverTheReasonSaysSoAndNamesTheRequiredCudaVersion() {
        assumeFalse(NativeLibraries.loadable("libcuda.so.1"), "an NVIDIA driver is installed here");
        Availability a = backend.probe();
        assertFalse(a.available());
        assertTrue(a.reason().startsWith("no NVIDIA driver"), a.reason());
        assertTrue(a.reason().contains("libcuda.so"), a.reason());
        assertTrue(a.reason().contains("12.6"), a.reason());
    }

    @Test
    void whenAvailableDetailsNameTheDriverAndDevices() {
        Availability a = backend.probe();
        assumeTrue(a.available(), () -> "CUDA unavailable: " + a.reason());
        assertTrue(backend.details().containsKey("driver_version"));
        assertTrue(backend.details().containsKey("devices"));
    }

    @Test
    void aMissingDriverInJCudasLinkErrorIsReportedAsNoDriver() {
        String message = """
                Error while loading native library "JCudaDriver-12.6.0-linux-x86_64"
                Stack trace from the attempt to load the library as a resource:
                java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot open shared object file: No such file or directory
                \tat java.base/jdk.internal.loader.NativeLibraries.load(Native Method)
                """;
        assertEquals("no NVIDIA driver: libcuda.so.1: cannot open shared object file: No such file or directory; "
                + "install an NVIDIA driver supporting CUDA 12.6 or newer, which JCuda 12.6 needs",
                CudaBackend.explainLinkError(message));
    }

    @Test
    void anotherLinkErrorKeepsTheLinkersComplaint() {
        String message = """
                Error while loading native library "JCudaDriver-12.6.0-linux-x86_64"
                java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: failed to map segment from shared object
                """;
        assertEquals("JCuda's native driver binding could not be loaded: "
                + "/tmp/libJCudaDriver-12.6.0-linux-x86_64.so: failed to map segment from shared object",
                CudaBackend.explainLinkError(message));
    }
}
