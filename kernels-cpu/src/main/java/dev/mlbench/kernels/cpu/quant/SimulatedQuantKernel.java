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

/**
 * Simulated ("fake") quantization of any format: weights quantized and decoded back to fp32 before timing;
 * activations quantized and decoded on every call (the format's scalar codec); then the fp32 product. Its
 * accuracy is the format's, its speed about fp32's: the row that gives every format, including those
 * without a dedicated kernel (MXINT8, BFP8), its accuracy beside the others.
 */
public final class SimulatedQuantKernel extends QuantKernel {

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public String backend() {
        return VectorBackend.NAME;
    }

    @Override
    public String description() {
        return "any format: weights decoded to fp32 before timing, activations quantized and decoded per call, fp32 product";
    }

    @Override
    public boolean supports(QuantWorkload w) {
        return w.op().isProduct();
    }

    @Override
    public Prepared<float[]> prepare(QuantWorkload w, QuantInputs in, KernelConfig config) {
        requireSupported(w);
        Codec act = w.format().activationCodec();
        // BFP8-reordered's channel order is calibrated once on these activations; weights follow it.
        QuantTensor calibration = act == null ? null : act.encode(in.x(), w.m(), w.k());
        Codec runAct = w.format() == QuantFormat.BFP8_REORDERED ? MxCodec.bfp8(calibration.columns()) : act;
        Codec wc = w.format().weightCodec(calibration);
        QuantTensor wq = wc.encode(in.w(), w.n(), w.k());
        float[] weights = wc.decode(wq);
        float[] y = new float[w.m() * w.n()];
        return new QuantPrepared(() -> {
            float[] x = runAct == null ? in.x() : runAct.decode(runAct.encode(in.x(), w.m(), w.k()));
            Fp32QuantKernel.product(x, weights, w, y, config);
        }, () -> y, () -> weightMetrics(wq.storageBytes(), w.n(), w.k()));
    }
}
