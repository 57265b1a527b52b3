package dev.mlbench.kernels.cpu.quant;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.ScalarBackend;
import dev.mlbench.tracks.quantization.Codec;
import dev.mlbench.tracks.quantization.Int4Codec;
import dev.mlbench.tracks.quantization.QuantInputs;
import dev.mlbench.tracks.quantization.QuantKernel;
import dev.mlbench.tracks.quantization.QuantTensor;
import dev.mlbench.tracks.quantization.QuantWorkload;

/**
 * A lookup-table GEMV/GEMM for low-bit weights (the T-MAC idea): each b-bit weight code is split into b
 * bit-planes, and Σ q·x = Σ_plane 2^plane · Σ_quads T_quad[pattern], where T_quad holds, for one quad of
 * four activations, the sum of every one of the 16 subsets of them; the tables are built once per call per
 * row of X (16 floats per quad), then every output channel reads them by its weights' bit patterns: one
 * lookup per weight bit, no multiplies. Serves the INT4 formats (4 planes; 1- to 3-bit weights would take 1
 * to 3 lookups per quad). Weights are re-laid out before timing as one 16-bit word per quad (four 4-bit
 * patterns, plane p in bits 4p..4p+3): 4 bits per weight, as packed INT4. Scales and zero points are applied
 * once per group; Σx per group is T_quad[15] summed.
 */
public final class LutKernel extends QuantKernel {

    @Override
    public String name() {
        return "lut";
    }

    @Override
    public String backend() {
        return ScalarBackend.NAME;
    }

    @Override
    public String description() {
        return "T-MAC-style table lookup over weight bit-planes (INT4 formats), tables of activation-quad subset sums";
    }

    @Override
    public boolean supports(QuantWorkload w) {
        return w.op().isProduct() && w.format().int4Weights();
    }

    @Override
    public Prepared<float[]> prepare(QuantWorkload w, QuantInputs in, KernelConfig config) {
        requireSupported(w);
        int m = w.m();
        int n = w.n();
        int k = w.k();
        Int4Codec codec = (Int4Codec) w.format().weightCodec(null);
        QuantTensor wq = codec.encode(in.w(), n, k);
        int quads = (k + 3) / 4;
        short[] patterns = bitPlanes(wq, n, k, quads);
        int groups = codec.groups(k);
        int quadsPerGroup = codec.group() / 4;
        float[] tables = new float[m * quads * 16];
        float[] y = new float[m * n];
        long bytes = 2L * patterns.length + 4L * wq.scales().length + wq.aux().length;
        float[] x = in.x(); // the timed call keeps X only: a cold row holds many prepared copies, not their fp32 weights
        return new QuantPrepared(() -> {
            for (int i = 0; i < m; i++) {
                buildTables(x, i * k, k, tables, i * quads * 16);
            }
            Parallel.forRange(config.pool(), config.threads(), n, 16, (from, to) -> {
                for (int j = from; j < to; j++) {
                    for (int i = 0; i < m; i++) {
                        y[i * n + j] = dotRow(patterns, j * quads, tables, i * quads * 16, quads, quadsPerGroup, groups, wq, j);
                    }
                }
            });
        }, () -> y, () -> codeMetrics(bytes, m, n, k));
    }

    /** One 16-bit word per quad of weights: plane p of the four codes in bits 4p..4p+3. */
    static short[] bitPlanes(QuantTensor wq, int n, int k, int quads) {
        short[] out = new short[n * quads];
        for (int j = 0; j < n; j++) {
            int rowOff = j * wq.rowBytes();
            for (int t = 0; t < quads; t++) {
                int word = 0;
                for (int u = 0; u < 4 && 4 * t + u < k; u++) {
                    int q = Codec.nibble(wq.codes(), rowOff, 4 * t + u);
                    for (int plane = 0; plane < 4; plane++) {
                        word |= ((q >>> plane) & 1) << (4 * plane + u);
                    }
                }
                out[j * quads + t] = (short) word;
            }
        }
        return out;
    }

    /** For each quad of x, the sums of its 16 subsets (missing elements of the last quad count as 0). */
    static void buildTables(float[] x, int xOff, int k, float[] tables, int tOff) {
        for (int t = 0, base = tOff; 4 * t < k; t++, base += 16) {
            float x0 = x[xOff + 4 * t];
            float x1 = 4 * t + 1 < k ? x[xOff + 4 * t + 1] : 0;
            float x2 = 4 * t + 2 < k ? x[xOff + 4 * t + 2] : 0;
            float x3 = 4 * t + 3 < k ? x[xOff + 4 * t + 3] : 0;
            tables[base] = 0;
            tables[base + 1] = x0;
            tables[base + 2] = x1;
            tables[base + 3] = x0 + x1;
            for (int s = 0; s < 4; s++) {
                tables[base + 4 + s] = tables[base + s] + x2;
            }
            for (int s = 0; s < 8; s++) {
                tables[base + 8 + s] = tables[base + s] + x3;
            }
        }
    }

    private static float dotRow(short[] patterns, int pOff, float[] tables, int tOff, int quads, int quadsPerGroup, int groups,
                                QuantTensor wq, int j) {
        float total = 0;
        for (int g = 0; g < groups; g++) {
            float p0 = 0;
            float p1 = 0;
            float p2 = 0;
            float p3 = 0;
            float sumX = 0;
            int end = Math.min(quads, (g + 1) * quadsPerGroup);
            for (int t = g * quadsPerGroup; t < end; t++) {
                int word = patterns[pOff + t];
                int base = tOff + 16 * t;
                p0 += tables[base + (word & 15)];
                p1 += tables[base + ((word >>> 4) & 15)];
                p2 += tables[base + ((word >>> 8) & 15)];
                p3 += tables[base + ((word >>> 12) & 15)];
                sumX += tables[base + 15];
            }
            int gi = j * groups + g;
            float qx = p0 + 2 * p1 + 4 * p2 + 8 * p3;
            total += wq.scales()[gi] * (qx - Int4Codec.zero(wq, gi) * sumX);
        }
        return total;
    }
}
