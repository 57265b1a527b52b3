package dev.mlbench.kernels.cpu;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Backend;
import dev.mlbench.core.spi.EnvironmentProbe;
import dev.mlbench.core.spi.PeakFlopsProbe;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CPU backends probe as available on this platform, report what they found, and the peak probe measures a sane rate. */
class CpuBackendTest {

    /** Backends whose natives this module ships only for linux-x86_64 (see the pom's classifiers). */
    private static final Set<String> NATIVE_BACKENDS = Set.of(OpenBlasBackend.NAME);

    static Stream<Named<Backend>> cpuBackends() {
        return ServiceLoader.load(Backend.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(b -> b.getClass().getPackageName().equals(CpuBackendTest.class.getPackageName()))
                .map(b -> Named.of(b.name(), b));
    }

    @Test
    void theServiceLoaderFindsTheCpuBackends() {
        List<String> names = cpuBackends().map(Named::getPayload).map(Backend::name).toList();
        assertTrue(names.containsAll(List.of(ScalarBackend.NAME, VectorBackend.NAME, OpenBlasBackend.NAME)), names.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cpuBackends")
    void probesAvailableHereWithANonBlankReason(Backend backend) {
        if (NATIVE_BACKENDS.contains(backend.name())) {
            Assumptions.assumeTrue(isLinuxX86_64(), "this module ships " + backend.name() + " natives for linux-x86_64 only");
        }
        Availability availability = backend.probe();
        assertTrue(availability.available(), backend.name() + ": " + availability.reason());
        assertFalse(availability.reason().isBlank(), backend.name() + " gave a blank note");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cpuBackends")
    void describesItselfInOneNonBlankLine(Backend backend) {
        assertFalse(backend.description().isBlank());
        assertFalse(backend.description().contains("\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cpuBackends")
    void detailsOfAnAvailableBackendCanBeReadWithoutThrowing(Backend backend) {
        Assumptions.assumeTrue(backend.probe().available(), backend.probe().reason());
        assertNotNull(backend.details());
    }

    @Test
    void vectorBackendDetailsIncludeThePreferredVectorBitSize() {
        VectorBackend vector = new VectorBackend();
        Assumptions.assumeTrue(vector.probe().available(), vector.probe().reason());
        Map<String, Object> details = vector.details();

        int bits = (Integer) details.get("vector_bit_size");
        int lanes = (Integer) details.get("float_lanes");

        assertTrue(bits >= 128 && Integer.bitCount(bits) == 1, "vector_bit_size " + bits);
        assertEquals(bits, lanes * Float.SIZE, "float_lanes " + lanes + " do not fill " + bits + " bits");
    }

    @Test
    void environmentProbeRecordsTheSameVectorBitSizeAsTheBackend() {
        VectorBackend vector = new VectorBackend();
        Assumptions.assumeTrue(vector.probe().available(), vector.probe().reason());

        Map<String, Object> facts = new VectorEnvironmentProbe().facts();

        assertEquals(vector.details().get("vector_bit_size"), facts.get("vector_bit_size"));
    }

    @Test
    void theVectorPeakFlopsProbeIsRegistered() {
        assertTrue(ServiceLoader.load(PeakFlopsProbe.class).stream().anyMatch(p -> p.type() == VectorPeakFlopsProbe.class));
    }

    @Test
    void theVectorEnvironmentProbeIsRegistered() {
        assertTrue(ServiceLoader.load(EnvironmentProbe.class).stream().anyMatch(p -> p.type() == VectorEnvironmentProbe.class));
    }

    @Test
    void peakFlopsProbeMeasuresAPositiveFiniteRateOnOneThread() throws InterruptedException {
        Assumptions.assumeTrue(new VectorBackend().probe().available(), new VectorBackend().probe().reason());
        VectorPeakFlopsProbe probe = new VectorPeakFlopsProbe();

        double flops = probe.measureFlops(1, 200);

        // Sanity only: any SIMD core running the compiled loop exceeds 1 GFLOP/s; this is not a performance goal.
        assertTrue(Double.isFinite(flops) && flops > 1e9, "measured " + flops + " FLOP/s with " + probe.method(1));
    }

    private static boolean isLinuxX86_64() {
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch");
        return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }
}
