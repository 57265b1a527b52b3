package dev.mlbench.kernels.gpu;

import dev.mlbench.core.spi.Availability;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class CudaLibrariesTest {

    @Test
    void anOlderToolkitIsNamedAsTooOld() {
        String reason = CudaLibraries.missing("NVRTC", "libnvrtc.so.12", "libnvrtc.so.11.2"::equals, "libnvrtc.so.11.2");
        assertTrue(reason.contains("only the older libnvrtc.so.11.2") && reason.contains("too old"), reason);
    }

    @Test
    void noToolkitAtAllSaysWhatToInstall() {
        String reason = CudaLibraries.missing("cuBLAS", "libcublas.so.12", name -> false, "libcublas.so.11");
        assertTrue(reason.startsWith("cuBLAS (libcublas.so.12) not found; install the CUDA 12 toolkit"), reason);
    }

    @Test
    void withoutTheDriverBothCarryTheBackendsReasonAndNeverThrow() {
        Availability backend = new CudaBackend().probe();
        assumeFalse(backend.available(), "CUDA is available here");
        for (Availability a : new Availability[] {assertDoesNotThrow(CudaLibraries::nvrtc), assertDoesNotThrow(CudaLibraries::cublas)}) {
            assertFalse(a.available());
            assertTrue(a.reason().equals("CUDA backend unavailable: " + backend.reason()), a.reason());
        }
    }
}
