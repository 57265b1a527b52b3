package dev.mlbench.kernels.cpu.quant;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.VectorBackend;
import dev.mlbench.tracks.quantization.Codec;
import dev.mlbench.tracks.quantization.Int4Codec;
import dev.mlbench.tracks.quantization.QuantInputs;
import dev.mlbench.tracks.quantization.QuantKernel;
import dev.mlbench.tracks.quantization.QuantTensor;
import dev.mlbench.tracks.quantization.QuantWorkload;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * W4A16: INT4 group-wise weights (symmetric or with zero points) × fp32 activations. Per group,
 * Σ (q − z)·s·x = s·Σ (q − z)·x: the nibbles are unpacked, the zero point subtracted and the result
 * converted in integer registers, Σ (q − z)·x is kept in vector accumulators and scaled once per group. For m ≥ 4 each weight row is instead decoded once into a scratch row shared by all rows of X.
 */
public final class W4A16Kernel extends QuantKernel {

    @Override
    public String name() {
        return "w4a16";
    }

    @Override
    public String backend() {
        return VectorBackend.NAME;
    }

    @Override
    public String description() {
        return "INT4 group-wise weights × fp32 activations, nibbles unpacked in registers, scale and zero point once per group";
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
        float[] y = new float[m * n];
        float[] x = in.x(); // the timed call keeps X only: a cold row holds many prepared copies, not their fp32 weights
        return new QuantPrepared(() -> {
            Parallel.forRange(config.pool(), config.threads(), n, 16, (from, to) -> {
                if (m >= 4) {
                    float[] row = new float[k];
                    for (int j = from; j < to; j++) {
                        decodeRow(wq, codec, j, row);
                        QuantVector.rowTimesX(row, 0, x, m, k, y, n, j);
                    }
                    return;
                }
                float[] lanes = new float[QuantVector.L];
                for (int j = from; j < to; j++) {
                    for (int i = 0; i < m; i++) {
                        y[i * n + j] = dotRow(wq, codec, j, x, i * k, lanes);
                    }
                }
            });
        }, () -> y, () -> codeMetrics(wq.storageBytes(), m, n, k));
    }

    /** Σ_p ŵ[j][p] · x[xOff + p], fused: codes never leave registers as floats. */
    static float dotRow(QuantTensor wq, Int4Codec codec, int j, float[] x, int xOff, float[] lanes) {
        int k = wq.cols();
        int groups = codec.groups(k);
        int perGroup = codec.group() / 32;
        int fullBlocks = k / 32;
        int rowOff = j * wq.rowBytes();
        // Independent chains (low and high nibbles; even and odd groups) so FMA latency does not bound the loop.
        FloatVector acc0 = FloatVector.zero(QuantVector.F);
        FloatVector acc1 = acc0;
        for (int g = 0; g < groups; g++) {
            int b0 = g * perGroup;
            int b1 = Math.min(b0 + perGroup, fullBlocks);
            if (b0 >= b1) {
                break;
            }
            int gi = j * groups + g;
            float s = wq.scales()[gi];
            int z = Int4Codec.zero(wq, gi);
            // Σ (q − z)·x over the group's whole blocks, nibbles unpacked in registers; written out here rather than in
            // a helper returning a vector, which C2 would have to inline to avoid boxing it.
            FloatVector sumLo = FloatVector.zero(QuantVector.F);
            FloatVector sumHi = sumLo;
            for (int b = b0; b < b1; b++) {
                int cb = rowOff + b * 16;
                int xb = xOff + b * 32;
                for (int t = 0; t < 16; t += QuantVector.L) {
                    IntVector iv = (IntVector) ByteVector.fromArray(QuantVector.B, wq.codes(), cb + t)
                            .convertShape(VectorOperators.B2I, QuantVector.I, 0);
                    FloatVector lo = (FloatVector) iv.and(0x0F).sub(z).convert(VectorOperators.I2F, 0);
                    FloatVector hi = (FloatVector) iv.lanewise(VectorOperators.ASHR, 4).and(0x0F).sub(z).convert(VectorOperators.I2F, 0);
                    sumLo = lo.fma(FloatVector.fromArray(QuantVector.F, x, xb + t), sumLo);
                    sumHi = hi.fma(FloatVector.fromArray(QuantVector.F, x, xb + 16 + t), sumHi);
                }
            }
            FloatVector scaled = sumLo.add(sumHi).mul(s);
            if ((g & 1) == 0) {
                acc0 = acc0.add(scaled);
            } else {
                acc1 = acc1.add(scaled);
            }
        }
        FloatVector acc = acc0.add(acc1);
        acc.intoArray(lanes, 0);
        float total = 0;
        for (float lane : lanes) {
            total += lane;
        }
        for (int p = fullBlocks * 32; p < k; p++) {
            int gi = j * groups + p / codec.group();
            total += (Codec.nibble(wq.codes(), rowOff, p) - Int4Codec.zero(wq, gi)) * wq.scales()[gi] * x[xOff + p];
        }
        return total;
    }

    /** Decodes weight row j into row (k floats), exactly as the codec decodes it. */
    static void decodeRow(QuantTensor wq, Int4Codec codec, int j, float[] row) {
        int k = wq.cols();
        int groups = codec.groups(k);
        int perGroup = codec.group() / 32;
        int fullBlocks = k / 32;
        int rowOff = j * wq.rowBytes();
        for (int b = 0; b < fullBlocks; b++) {
            int gi = j * groups + b / perGroup;
            QuantVector.decodeNibbles(wq.codes(), rowOff + b * 16, Int4Codec.zero(wq, gi), wq.scales()[gi], row, b * 32);
        }
        for (int p = fullBlocks * 32; p < k; p++) {
            int gi = j * groups + p / codec.group();
            row[p] = (Codec.nibble(wq.codes(), rowOff, p) - Int4Codec.zero(wq, gi)) * wq.scales()[gi];
        }
    }
}
