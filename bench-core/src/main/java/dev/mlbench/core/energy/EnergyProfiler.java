package dev.mlbench.core.energy;

import dev.mlbench.core.spi.EnergyMeter;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A JMH profiler reading every available {@link EnergyMeter} before and after each measured iteration, in the
 * benchmark JVM. Results, per operation of the iteration: {@value #PREFIX}{@code <meter>.<domain>} joules,
 * {@value #TOTAL} joules (domains a meter counts in its total, summed over meters) and {@value #WATTS}, the
 * total's average power. An iteration whose reading fails gives no energy results, never a zero.
 */
public final class EnergyProfiler implements InternalProfiler {

    /** Prefix of the per-domain results. */
    public static final String PREFIX = "energy.";
    /** Joules per operation over all counted domains. */
    public static final String TOTAL = "energy_total.j_per_op";
    /** Average watts of the counted domains during the iteration. */
    public static final String WATTS = "energy_total.watts";

    private final List<Open> sessions = new ArrayList<>();
    private long startNs;

    private record Open(String meter, EnergyMeter.Session session) {
    }

    /** Opens every meter available in this JVM. */
    public EnergyProfiler() {
        this(available());
    }

    EnergyProfiler(List<EnergyMeter> meters) {
        for (EnergyMeter m : meters) {
            try {
                sessions.add(new Open(m.name(), m.open()));
            } catch (IOException e) {
                // not readable in this JVM: it contributes nothing, and the row shows no energy for it
            }
        }
    }

    /** The meters on the class path that can read here. */
    public static List<EnergyMeter> available() {
        List<EnergyMeter> meters = new ArrayList<>();
        for (EnergyMeter m : ServiceLoader.load(EnergyMeter.class, EnergyProfiler.class.getClassLoader())) {
            if (m.availability().available()) {
                meters.add(m);
            }
        }
        return meters;
    }

    @Override
    public String getDescription() {
        return "energy per operation from RAPL (powercap) and other energy meters";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        for (Open o : sessions) {
            try {
                o.session().joulesSinceLast(); // start counting here
            } catch (IOException e) {
                // the after-reading fails too and drops this iteration's energy
            }
        }
        startNs = System.nanoTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long elapsedNs = System.nanoTime() - startNs;
        if (iterationParams.getType() != IterationType.MEASUREMENT || sessions.isEmpty()) {
            return List.of();
        }
        long ops = result.getMetadata() == null ? 0 : result.getMetadata().getMeasuredOps();
        return perOperation(ops, elapsedNs);
    }

    /** This iteration's readings per operation; empty when any reading failed or nothing ran. */
    List<Result> perOperation(long ops, long elapsedNs) {
        if (ops <= 0 || elapsedNs <= 0) {
            return List.of();
        }
        List<Result> results = new ArrayList<>();
        double total = 0;
        for (Open o : sessions) {
            Map<String, Double> joules;
            try {
                joules = o.session().joulesSinceLast();
            } catch (IOException e) {
                return List.of();
            }
            for (Map.Entry<String, Double> e : joules.entrySet()) {
                results.add(new ScalarResult(PREFIX + o.meter() + "." + e.getKey(), e.getValue() / ops, "J/op", AggregationPolicy.AVG));
                if (o.session().inTotal(e.getKey())) {
                    total += e.getValue();
                }
            }
        }
        results.add(new ScalarResult(TOTAL, total / ops, "J/op", AggregationPolicy.AVG));
        results.add(new ScalarResult(WATTS, total / (elapsedNs / 1e9), "W", AggregationPolicy.AVG));
        return results;
    }
}
