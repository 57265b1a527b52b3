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

class OpenClBackendTest {

    private final OpenClBackend backend = new OpenClBackend();

    @Test
    void isNamedOpencl() {
        assertEquals("opencl", backend.name());
    }

    @Test
    void probeNeverThrowsAndAlwaysGivesAReason() {
        Availability a = assertDoesNotThrow(backend::probe);
        assertFalse(a.reason().isBlank(), "reason must not be blank: " + a);
    }

    @Test
    void probeIsComputedOncePerProcess() {
        assertSame(backend.probe(), new OpenClBackend().probe());
    }

    @Test
    void withoutALoaderTheReasonNamesLibOpenClAndHowToInstallIt() {
        assumeFalse(NativeLibraries.loadable(OpenClBackend.LOADER), "an OpenCL loader is installed here");
        Availability a = backend.probe();
        assertFalse(a.available());
        assertTrue(a.reason().contains("libOpenCL.so"), a.reason());
        assertTrue(a.reason().contains("apt-get install ocl-icd-opencl-dev pocl-opencl-icd"), a.reason());
    }

    @Test
    void withALoaderButUnavailableTheReasonNamesTheMissingPlatformOrDevice() {
        assumeTrue(NativeLibraries.loadable(OpenClBackend.LOADER), "no OpenCL loader here");
        Availability a = backend.probe();
        assumeFalse(a.available(), "an OpenCL device is available here");
        assertTrue(a.reason().contains("platform") || a.reason().contains("device"), a.reason());
    }

    @Test
    void whenAvailableDetailsListPlatformsAndDevices() {
        Availability a = backend.probe();
        assumeTrue(a.available(), () -> "OpenCL unavailable: " + a.reason());
        assertFalse(backend.details().isEmpty());
        assertTrue(backend.details().containsKey("platforms"));
    }
}
