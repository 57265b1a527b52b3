package dev.mlbench.kernels.torch;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.ForkEnvironment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The torch backend says what libtorch runs, and how to get it when it is missing. */
class TorchBackendTest {

    private final TorchBackend backend = new TorchBackend();

    @Test
    void capabilitiesMapToTheirVectorWidths() {
        assertEquals(512, TorchBackend.capabilityBits("AVX512"));
        assertEquals(256, TorchBackend.capabilityBits("AVX2"));
        assertEquals(128, TorchBackend.capabilityBits("DEFAULT"));
        assertEquals(0, TorchBackend.capabilityBits("ZVECTOR"), "an ISA not known here claims no width");
    }

    @Test
    void withoutItsNativesTheBackendSaysHowToGetThem() {
        Assumptions.assumeFalse(TorchBackend.nativesOnClassPath(), "libtorch's natives are on this class path (built with -Ptorch)");
        Availability a = backend.probe();
        assertFalse(a.available());
        assertTrue(a.reason().contains("-Ptorch") && a.reason().contains("BENCH_TORCH=1"), a.reason());
    }

    @Test
    void withItsNativesTheRowsNameTheCapabilityLibtorchRuns() {
        Assumptions.assumeTrue(TorchBackend.nativesOnClassPath(), "libtorch's natives are not installed: build with -Ptorch");
        assertTrue(backend.probe().available(), backend.probe().reason());
        Map<String, Object> d = backend.details();
        assertTrue(d.get("version").toString().startsWith("2."), d.toString());
        assertTrue(TorchBackend.capabilityBits(d.get("core").toString()) > 0, "an ATen CPU capability: " + d);
        assertEquals(ForkEnvironment.INHERITED, backend.forkEnvironment(), "on the class path already: its JVMs are like this one");
    }
}
