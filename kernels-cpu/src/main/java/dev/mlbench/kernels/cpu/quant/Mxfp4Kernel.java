package dev.mlbench.kernels.cpu.quant;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.VectorBackend;
import dev.mlbench.tracks.quantization.Codec;
import dev.mlbench.tracks.quantization.MxCodec;
import dev.mlbench.tracks.quantization.QuantFormat;
import dev.mlbench.tracks.quantization.QuantInputs;
import dev.mlbench.tracks.quantization.QuantKernel;
import dev.mlbench.tracks.quantization.QuantTensor;
import dev.mlbench.tracks.quantization.QuantWorkload;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * MXFP4 weights × fp32 activations: E2M1 codes decoded arithmetically in registers, each 32-element block's
 * partial sum multiplied once by its E8M0 scale. For m ≥ 4 each weight row is decoded once into a scratch
 * row shared by all rows of X.
 */
public final class Mxfp4Kernel extends QuantKernel {

    @Override
    public String name() {
        return "mxfp4";
    }

    @Override
    public String backend() {
        return VectorBackend.NAME;
    }

    @Override
    public String description() {
        return "MXFP4 (E2M1, E8M0 scale per 32) weights × fp32 activations, decoded in registers";
    }

    @Override
    public boolean supports(QuantWorkload w) {
        return w.op().isProduct() && w.format() == QuantFormat.MXFP4;
    }

    @Override
    public Prepared<float[]> prepare(QuantWorkload w, QuantInputs in, KernelConfig config) {
        requireSupported(w);
        int m = w.m();
        int n = w.n();
        int k = w.k();
        QuantTensor wq = MxCodec.mxfp4().encode(in.w(), n, k);
        float[] y = new float[m * n];
        float[] x = in.x(); // the timed call keeps X only: a cold row holds many prepared copies, not their fp32 weights
        return new QuantPrepared(() -> Parallel.forRange(config.pool(), config.threads(), n, 16, (from, to) -> {
            if (m >= 4) {
                float[] row = new float[k];
                for (int j = from; j < to; j++) {
                    decodeRow(wq, j, row);
                    QuantVector.rowTimesX(row, 0, x, m, k, y, n, j);
                }
                return;
            }
            float[] lanes = new float[QuantVector.L];
            for (int j = from; j < to; j++) {
                for (int i = 0; i < m; i++) {
                    y[i * n + j] = dotRow(wq, j, x, i * k, lanes);
                }
            }
        }), () -> y, () -> codeMetrics(wq.storageBytes(), m, n, k));
    }

    private static float scale(byte e8m0) {
        int e = e8m0 & 0xFF;
        return e == 0 ? MxCodec.scale(e8m0) : Float.intBitsToFloat(e << 23);
    }

    /** Half the block scale: the register decode yields twice each E2M1 value. Exact (2^-128 is subnormal but exact). */
    private static float halfScale(byte e8m0) {
        return scale(e8m0) * 0.5f;
    }

    static float dotRow(QuantTensor wq, int j, float[] x, int xOff, float[] lanes) {
        int k = wq.cols();
        int blocks = (k + 31) / 32;
        int fullBlocks = k / 32;
        int rowOff = j * wq.rowBytes();
        // Independent chains (low and high nibbles; even and odd blocks) so FMA latency does not bound the loop.
        FloatVector acc0 = FloatVector.zero(QuantVector.F);
        FloatVector acc1 = acc0;
        for (int b = 0; b < fullBlocks; b++) {
            // Σ 2·fp4(q)·x over the block in int-decoded registers, then one multiply by scale / 2.
            FloatVector partLo = FloatVector.zero(QuantVector.F);
            FloatVector partHi = partLo;
            int cb = rowOff + b * 16;
            int xb = xOff + b * 32;
            for (int t = 0; t < 16; t += QuantVector.L) {
                IntVector iv = (IntVector) ByteVector.fromArray(QuantVector.B, wq.codes(), cb + t)
                        .convertShape(VectorOperators.B2I, QuantVector.I, 0);
                FloatVector lo = QuantVector.twiceFp4Float(iv.and(0x0F));
                FloatVector hi = QuantVector.twiceFp4Float(iv.lanewise(VectorOperators.ASHR, 4).and(0x0F));
                partLo = lo.fma(FloatVector.fromArray(QuantVector.F, x, xb + t), partLo);
                partHi = hi.fma(FloatVector.fromArray(QuantVector.F, x, xb + 16 + t), partHi);
            }
            FloatVector scaled = partLo.add(partHi).mul(halfScale(wq.aux()[j * blocks + b]));
            if ((b & 1) == 0) {
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
            total += MxCodec.fp4Value(Codec.nibble(wq.codes(), rowOff, p)) * scale(wq.aux()[j * blocks + p / 32]) * x[xOff + p];
        }
        return total;
    }

    static void decodeRow(QuantTensor wq, int j, float[] row) {
        int k = wq.cols();
        int blocks = (k + 31) / 32;
        int fullBlocks = k / 32;
        int rowOff = j * wq.rowBytes();
        for (int b = 0; b < fullBlocks; b++) {
            QuantVector.decodeFp4(wq.codes(), rowOff + b * 16, halfScale(wq.aux()[j * blocks + b]), row, b * 32);
        }
        for (int p = fullBlocks * 32; p < k; p++) {
            row[p] = MxCodec.fp4Value(Codec.nibble(wq.codes(), rowOff, p)) * scale(wq.aux()[j * blocks + p / 32]);
        }
    }
}
