package dev.mlbench.kernels.nd4j;

import dev.mlbench.core.spi.ForkEnvironment;
import dev.mlbench.kernels.cpu.OpenBlasCore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ND4J with its own OpenBLAS: in process where its stack is the class path, told the core for this CPU. */
class Nd4jBackendTest {

    @Test
    void nd4jIsOnThisModulesClassPathSoItRunsInProcess() {
        assertTrue(Nd4jBackend.nd4jOnClassPath());
        ForkEnvironment env = new Nd4jBackend().forkEnvironment();
        assertFalse(env.ownClassPath(), "in-process ND4J needs no class path of its own: " + env);
    }

    @Test
    void itsForksAreToldTheWidestCoreTheOldOpenBlasHasForThisCpu() {
        String best = OpenBlasCore.bestCoreFor(OpenBlasCore.cpuVectorBits(), OpenBlasCore.cpuFlags());
        Assumptions.assumeTrue(best != null, "no AVX2 or AVX-512 here: ND4J's OpenBLAS detects the core itself");
        Assumptions.assumeTrue(System.getenv(OpenBlasCore.CHOSEN_CORETYPE) == null, "a core is chosen deliberately here");
        assertEquals(best, new Nd4jBackend().forkEnvironment().set().get(OpenBlasCore.CORETYPE));
    }

    @Test
    void itsDetailsNameTheCoreItsOpenBlasRuns() {
        Nd4jBackend backend = new Nd4jBackend();
        Assumptions.assumeTrue(backend.probe().available(), backend.probe().reason());
        Map<String, Object> details = backend.details();
        assertEquals("1.0.0-M2.1", details.get("version"), details.toString());
        String core = String.valueOf(details.get("core"));
        assertFalse(core.startsWith("unavailable"), details.toString());
        String coretype = System.getenv(OpenBlasCore.CORETYPE);
        if (coretype != null) {
            assertEquals(coretype.toLowerCase(Locale.ROOT), core.toLowerCase(Locale.ROOT), details.toString());
        }
    }

    @Test
    void aMissingStackMakesTheBackendUnavailableWithTheReason() {
        String before = System.getProperty(Nd4jBackend.STACK_PROPERTY);
        try {
            System.setProperty(Nd4jBackend.STACK_PROPERTY, "/nonexistent/nd4j-stack");
            assertEquals("/nonexistent/nd4j-stack", Nd4jBackend.stack().toString());
        } finally {
            if (before == null) {
                System.clearProperty(Nd4jBackend.STACK_PROPERTY);
            } else {
                System.setProperty(Nd4jBackend.STACK_PROPERTY, before);
            }
        }
    }
}
