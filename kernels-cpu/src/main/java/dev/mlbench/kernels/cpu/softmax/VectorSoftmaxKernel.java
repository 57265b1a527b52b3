package dev.mlbench.kernels.cpu.softmax;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.VectorBackend;
import dev.mlbench.tracks.softmax.SoftmaxInputs;
import dev.mlbench.tracks.softmax.SoftmaxKernel;
import dev.mlbench.tracks.softmax.SoftmaxTrack;
import dev.mlbench.tracks.softmax.SoftmaxWorkload;

import java.util.List;
import java.util.Map;

/**
 * What the Vector API softmax kernels share: the tunables (which exp, the task grain, whether long rows are
 * split over threads) and the schedule over the run's pool. Each subclass names one {@link SoftmaxAlgorithm}.
 */
abstract class VectorSoftmaxKernel extends SoftmaxKernel {

    /** {@code exp} value: the range-reduction polynomial of {@link VectorExp}. */
    static final String EXP_POLY = "poly";
    /** {@code exp} value: the Vector API's built-in {@code EXP} lanewise operation. */
    static final String EXP_BUILTIN = "builtin";
    /** The faster of the two here (docs/performance.md, softmax). */
    static final String DEFAULT_EXP = EXP_POLY;
    /** Fewest elements worth a task of their own: below it, handing work to the pool costs more than it saves. */
    static final int DEFAULT_GRAIN = 16384;

    @Override
    public final String backend() {
        return VectorBackend.NAME;
    }

    @Override
    public final List<ParamSpec> tunables() {
        return List.of(
                new ParamSpec("exp", ParamSpec.Type.STRING, 0, 0, DEFAULT_EXP,
                        "exp implementation: " + EXP_POLY + " (range reduction + polynomial) or " + EXP_BUILTIN + " (Vector API EXP)"),
                ParamSpec.optionalInt("grain", 64, SoftmaxTrack.MAX_N, DEFAULT_GRAIN,
                        "fewest elements per task on the pool (smaller tensors run on one thread)"),
                new ParamSpec("split_rows", ParamSpec.Type.BOOLEAN, 0, 0, true,
                        "split long rows over threads when there are fewer rows than threads"));
    }

    /** The algorithm, with the polynomial exp when {@code poly}, else the built-in one. */
    abstract SoftmaxAlgorithm algorithm(boolean poly);

    @Override
    public Prepared<float[]> prepare(SoftmaxWorkload w, SoftmaxInputs in, KernelConfig config) {
        ParamValues params = config.params();
        SoftmaxAlgorithm algorithm = algorithm(usesPolynomial(params.getString("exp")));
        CompilerWarmup.warmUp(algorithm, w.n());
        boolean splitRows = (Boolean) params.asMap().get("split_rows");
        RowSchedule schedule = new RowSchedule(algorithm, w.rows(), w.n(), config.threads(), config.pool(),
                params.getInt("grain"), splitRows);
        float[] y = new float[Math.toIntExact(w.elements())];
        return new Prepared<>() {
            @Override
            public void run() throws Exception {
                schedule.run(in.x(), y);
            }

            @Override
            public float[] output() {
                return y;
            }

            /**
             * {@code passes}: times a row is read; {@code tasks}: row groups or row chunks per operation;
             * {@code split_rows}: 1 when rows are split into chunks over the threads.
             */
            @Override
            public Map<String, Double> metrics() {
                return Map.of("passes", (double) algorithm.passes(), "tasks", (double) schedule.tasks(),
                        "split_rows", schedule.splitsRows() ? 1.0 : 0.0);
            }
        };
    }

    /** Whether the {@code exp} parameter asks for the polynomial; an unknown value is an error naming the valid ones. */
    static boolean usesPolynomial(String exp) {
        return switch (exp) {
            case EXP_POLY -> true;
            case EXP_BUILTIN -> false;
            default -> throw new IllegalArgumentException("unknown exp '" + exp + "'; valid: " + EXP_POLY + ", " + EXP_BUILTIN);
        };
    }
}
