package dev.mlbench.core.energy;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.EnergyMeter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.Result;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The powercap meter and the energy profiler on fake powercap trees. */
class PowercapMeterTest {

    private static final long RANGE = 262_143_328_850L;

    @TempDir
    Path root;

    private Path zone(String dir, String name, long uj) throws IOException {
        Path z = Files.createDirectories(root.resolve(dir));
        Files.writeString(z.resolve("name"), name + "\n");
        Files.writeString(z.resolve("max_energy_range_uj"), RANGE + "\n");
        set(dir, uj);
        return z;
    }

    private void set(String dir, long uj) throws IOException {
        Files.writeString(root.resolve(dir).resolve("energy_uj"), uj + "\n");
    }

    @Test
    void readsEveryDomainAndCountsPackagesAndDramInTheTotal() throws Exception {
        zone("intel-rapl:0", "package-0", 1_000_000);
        zone("intel-rapl:0:0", "core", 500_000);
        zone("intel-rapl:0:1", "dram", 0);
        PowercapMeter meter = new PowercapMeter(root);
        assertTrue(meter.availability().available(), meter.availability().reason());
        try (EnergyMeter.Session s = meter.open()) {
            set("intel-rapl:0", 3_500_000);
            set("intel-rapl:0:0", 1_500_000);
            set("intel-rapl:0:1", 250_000);
            assertEquals(Map.of("package-0", 2.5, "core", 1.0, "dram", 0.25), s.joulesSinceLast());
            assertTrue(s.inTotal("package-0") && s.inTotal("dram"));
            assertFalse(s.inTotal("core"), "inside the package: not added twice");
            assertFalse(s.inTotal("psys"), "contains everything: not added");
            assertEquals(Map.of("package-0", 0.0, "core", 0.0, "dram", 0.0), s.joulesSinceLast(), "counts from the previous call");
        }
    }

    @Test
    void aCounterThatWrapsMidIterationIsCorrected() throws Exception {
        zone("intel-rapl:0", "package-0", RANGE - 1_000_000);
        try (EnergyMeter.Session s = new PowercapMeter(root).open()) {
            set("intel-rapl:0", 2_000_000);
            assertEquals(3.000001, s.joulesSinceLast().get("package-0"), 1e-12, "1 J to the top, 1 µJ to wrap, 2 J after");
        }
        assertEquals(5, PowercapMeter.deltaUj(10, 15, RANGE));
        assertEquals(RANGE - 10 + 1, PowercapMeter.deltaUj(10, 0, RANGE));
    }

    @Test
    void aMissingInterfaceOrZoneIsUnavailableWithTheReason() throws Exception {
        Availability none = new PowercapMeter(root.resolve("absent")).availability();
        assertFalse(none.available());
        assertEquals("no powercap interface (" + root.resolve("absent") + " is absent)", none.reason());
        Files.createDirectories(root.resolve("dtpm"));
        assertEquals("no RAPL zones (intel-rapl:*) (" + root + ")", new PowercapMeter(root).availability().reason());
    }

    @Test
    void aMissingDomainFileIsNamed() throws Exception {
        zone("intel-rapl:0", "package-0", 1);
        Files.delete(root.resolve("intel-rapl:0/energy_uj"));
        Availability a = new PowercapMeter(root).availability();
        assertFalse(a.available());
        assertTrue(a.reason().startsWith("missing ") && a.reason().endsWith("intel-rapl:0/energy_uj"), a.reason());
    }

    @Test
    void anUnreadableCounterIsUnavailableWithTheReason() throws Exception {
        zone("intel-rapl:0", "package-0", 1);
        Files.delete(root.resolve("intel-rapl:0/energy_uj"));
        Files.createDirectory(root.resolve("intel-rapl:0/energy_uj")); // unreadable even for root, unlike chmod 000
        Availability a = new PowercapMeter(root).availability();
        assertFalse(a.available());
        assertTrue(a.reason().startsWith("cannot read powercap: "), a.reason());
        String denied = PowercapMeter.reason(new AccessDeniedException("/sys/class/powercap/intel-rapl:0/energy_uj"));
        assertTrue(denied.startsWith("permission denied on /sys/class/powercap/intel-rapl:0/energy_uj (RAPL counters are readable by root only"), denied);
    }

    @Test
    void theProfilerGivesJoulesPerOperationAndWattsExactly() throws Exception {
        zone("intel-rapl:0", "package-0", 0);
        zone("intel-rapl:0:0", "core", 0);
        zone("intel-rapl:1", "package-1", 0);
        EnergyProfiler profiler = new EnergyProfiler(List.of(new PowercapMeter(root)));
        set("intel-rapl:0", 4_000_000);
        set("intel-rapl:0:0", 2_000_000);
        set("intel-rapl:1", 6_000_000);
        Map<String, Double> r = profiler.perOperation(1000, 2_000_000_000L).stream()
                .collect(Collectors.toMap(Result::getLabel, Result::getScore));
        assertEquals(4.0 / 1000, r.get("energy.rapl.package-0"), 1e-15);
        assertEquals(2.0 / 1000, r.get("energy.rapl.core"), 1e-15);
        assertEquals(10.0 / 1000, r.get(EnergyProfiler.TOTAL), 1e-15, "both packages, not the core");
        assertEquals(5.0, r.get(EnergyProfiler.WATTS), 1e-12, "10 J in 2 s");
    }

    @Test
    void aReadingThatFailsMidRunGivesNoEnergyRatherThanZero() throws Exception {
        zone("intel-rapl:0", "package-0", 0);
        EnergyProfiler profiler = new EnergyProfiler(List.of(new PowercapMeter(root)));
        Files.delete(root.resolve("intel-rapl:0/energy_uj"));
        assertEquals(List.of(), profiler.perOperation(10, 1_000_000));
        assertThrows(IOException.class, () -> new PowercapMeter(root).open());
    }
}
