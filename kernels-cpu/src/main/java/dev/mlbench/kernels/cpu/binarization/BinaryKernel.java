package dev.mlbench.kernels.cpu.binarization;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.tracks.binarization.BinarizationInputs;
import dev.mlbench.tracks.binarization.BinarizationKernel;
import dev.mlbench.tracks.binarization.BinarizationOutput;
import dev.mlbench.tracks.binarization.BinarizationWorkload;
import dev.mlbench.tracks.binarization.BinaryOp;
import dev.mlbench.tracks.binarization.Complexity;

import java.util.LinkedHashMap;
import java.util.Map;

/** A binarized-operator kernel: the shared {@link BinaryPipeline} around one {@link BinaryMath}. */
abstract class BinaryKernel extends BinarizationKernel {

    /** The loops this kernel runs, for its tunable values. */
    abstract BinaryMath math(KernelConfig config);

    @Override
    public final Prepared<BinarizationOutput> prepare(BinarizationWorkload w, BinarizationInputs in, KernelConfig config) {
        BinaryPipeline pipeline = new BinaryPipeline(w, in, math(config), config);
        return new Prepared<>() {
            @Override
            public void run() throws Exception {
                pipeline.run();
            }

            @Override
            public BinarizationOutput output() {
                return pipeline.output();
            }

            /**
             * BiBench's theoretical complexity of the operator and the bytes of the weights as this kernel holds
             * them; nothing for pack, which has no weights and no multiply-accumulates.
             */
            @Override
            public Map<String, Double> metrics() {
                if (w.op() == BinaryOp.PACK) {
                    return Map.of();
                }
                Map<String, Double> m = new LinkedHashMap<>(Complexity.of(w).metrics());
                m.put("weight_bytes", pipeline.weightBytes());
                return m;
            }
        };
    }
}
