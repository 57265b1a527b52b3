package dev.mlbench.core.run;

import dev.mlbench.core.energy.EnergyProfiler;
import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.EnergyMeter;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Whether a run can measure energy, decided once in the harness JVM from the {@link EnergyMeter}s on the class
 * path, and the {@code energy_source} text its rows carry: what was read, or why nothing could be.
 *
 * @param measure whether the benchmark JVMs should run {@link EnergyProfiler}
 * @param source  the meters' descriptions, or "unavailable: " and every meter's reason
 */
record EnergyStatus(boolean measure, String source) {

    static EnergyStatus probe() {
        List<EnergyMeter> meters = new ArrayList<>();
        ServiceLoader.load(EnergyMeter.class, EnergyStatus.class.getClassLoader()).forEach(meters::add);
        return of(meters);
    }

    static EnergyStatus of(List<EnergyMeter> meters) {
        List<String> available = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (EnergyMeter m : meters) {
            Availability a = m.availability();
            if (a.available()) {
                available.add(m.describe());
            } else {
                reasons.add(a.reason());
            }
        }
        if (!available.isEmpty()) {
            return new EnergyStatus(true, String.join("; ", available));
        }
        return new EnergyStatus(false, "unavailable: " + (reasons.isEmpty() ? "no energy meter on the class path" : String.join("; ", reasons)));
    }
}
