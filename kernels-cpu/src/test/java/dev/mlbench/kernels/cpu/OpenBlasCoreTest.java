package dev.mlbench.kernels.cpu;

import dev.mlbench.core.spi.ForkEnvironment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the harness decides which core an OpenBLAS fork runs, and when it warns about it. */
class OpenBlasCoreTest {

    private static final String LIB = "OpenBLAS 0.3.31";

    @Test
    void aCleanEnvironmentIsPassedOnAsItIs() {
        assertTrue(OpenBlasCore.forkEnvironment(Map.of(), null, LIB).inherited());
    }

    @Test
    void anInheritedCoretypeIsRemovedFromTheForksAndTheRowsSaySo() {
        ForkEnvironment env = OpenBlasCore.forkEnvironment(Map.of("OPENBLAS_CORETYPE", "Haswell"), null, LIB);
        assertEquals(Set.of("OPENBLAS_CORETYPE"), env.unset());
        assertTrue(env.set().get(OpenBlasCore.CHOICE).contains("OPENBLAS_CORETYPE=Haswell"), env.set().toString());
    }

    @Test
    void aDeliberateChoiceIsHonouredAndNamed() {
        ForkEnvironment env = OpenBlasCore.forkEnvironment(
                Map.of("OPENBLAS_CORETYPE", "Haswell", "BENCH_OPENBLAS_CORETYPE", "Sandybridge"), "SkylakeX", LIB);
        assertEquals("Sandybridge", env.set().get("OPENBLAS_CORETYPE"));
        assertTrue(env.set().get(OpenBlasCore.CHOICE).startsWith("chosen by BENCH_OPENBLAS_CORETYPE"));
    }

    @Test
    void anOldLibraryIsToldTheCoreForThisCpu() {
        ForkEnvironment env = OpenBlasCore.forkEnvironment(Map.of("OPENBLAS_CORETYPE", "Haswell"), "SkylakeX", "OpenBLAS 0.3.19");
        assertEquals("SkylakeX", env.set().get("OPENBLAS_CORETYPE"));
        assertEquals("SkylakeX", OpenBlasCore.bestCoreFor(512, Set.of("avx512f", "avx2", "fma")));
        assertEquals("Haswell", OpenBlasCore.bestCoreFor(256, Set.of("avx", "avx2", "fma")));
        assertEquals(null, OpenBlasCore.bestCoreFor(128, Set.of("sse2")));
    }

    @Test
    void aNarrowerCoreWarnsWithItsCauseAndFixUnlessChosen() {
        String inherited = OpenBlasCore.warning("Haswell", 256, 512, "Haswell", false, LIB).orElseThrow();
        assertTrue(inherited.contains("OPENBLAS_CORETYPE=Haswell") && inherited.contains("unset OPENBLAS_CORETYPE"), inherited);
        String detected = OpenBlasCore.warning("Barcelona", 128, 512, null, false, "OpenBLAS 0.3.19").orElseThrow();
        assertTrue(detected.contains("CPU detection") && detected.contains("BENCH_OPENBLAS_CORETYPE"), detected);
        assertFalse(OpenBlasCore.warning("Haswell", 256, 512, "Haswell", true, LIB).isPresent());
        assertFalse(OpenBlasCore.warning("Cooperlake", 512, 512, null, false, LIB).isPresent());
    }

    @Test
    void coreNamesMapToTheirVectorWidth() {
        assertEquals(512, OpenBlasCore.coreVectorBits("SkylakeX"));
        assertEquals(512, OpenBlasCore.coreVectorBits("Cooperlake"));
        assertEquals(256, OpenBlasCore.coreVectorBits("Zen"));
        assertEquals(256, OpenBlasCore.coreVectorBits("Haswell"));
        assertEquals(128, OpenBlasCore.coreVectorBits("Barcelona"));
    }

    @Test
    void theLoadedLibraryReportsTheCoreItRuns() {
        OpenBlasBackend backend = new OpenBlasBackend();
        Assumptions.assumeTrue(backend.probe().available(), backend.probe().reason());
        Map<String, Object> details = backend.details();
        String core = String.valueOf(details.get("core"));
        assertFalse(core.startsWith("unavailable"), details.toString());
        String coretype = System.getenv("OPENBLAS_CORETYPE");
        if (coretype != null) { // OpenBLAS runs what the variable says
            assertEquals(coretype.toLowerCase(Locale.ROOT), core.toLowerCase(Locale.ROOT), details.toString());
        } else if (OpenBlasCore.cpuVectorBits() >= 512) { // 0.3.31 detects AVX-512 CPUs itself
            assertEquals(512, details.get("core_vector_bits"), details.toString());
        }
    }
}
