package dev.mlbench.kernels.cpu.attention;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.ScalarBackend;
import dev.mlbench.tracks.attention.AttentionInputs;
import dev.mlbench.tracks.attention.AttentionKernel;
import dev.mlbench.tracks.attention.AttentionTrack;
import dev.mlbench.tracks.attention.AttentionWorkload;

import java.util.Map;

/**
 * The track's reference as a measurable kernel: one thread, double accumulation, stable softmax, one query row
 * at a time. The baseline that shows what the others gain.
 */
public final class ReferenceAttentionKernel extends AttentionKernel {

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public String backend() {
        return ScalarBackend.NAME;
    }

    @Override
    public String description() {
        return "scalar Java, one thread, double accumulation, one query row at a time";
    }

    @Override
    public Prepared<float[]> prepare(AttentionWorkload w, AttentionInputs in, KernelConfig config) {
        float[] out = new float[Math.toIntExact(w.queryElements())];
        return new Prepared<>() {
            @Override
            public void run() {
                // Scratch allocated per run, like the other kernels: the probabilities of one row and its output.
                double[] p = new double[w.seqKv()];
                double[] row = new double[out.length];
                for (int b = 0; b < w.batch(); b++) {
                    for (int h = 0; h < w.heads(); h++) {
                        for (int i = 0; i < w.seqQ(); i++) {
                            AttentionTrack.referenceRow(w, in, b, h, i, p, row, null);
                        }
                    }
                }
                for (int x = 0; x < out.length; x++) {
                    out[x] = (float) row[x];
                }
            }

            @Override
            public float[] output() {
                return out;
            }

            /** Scratch of one run: a double per key and a double per output element. */
            @Override
            public Map<String, Double> metrics() {
                return Map.of("workspace_bytes", 8.0 * (w.seqKv() + (double) out.length));
            }
        };
    }
}
