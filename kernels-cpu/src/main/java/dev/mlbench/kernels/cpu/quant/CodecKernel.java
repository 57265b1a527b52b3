package dev.mlbench.kernels.cpu.quant;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.VectorBackend;
import dev.mlbench.tracks.quantization.Codec;
import dev.mlbench.tracks.quantization.QuantFormat;
import dev.mlbench.tracks.quantization.QuantInputs;
import dev.mlbench.tracks.quantization.QuantKernel;
import dev.mlbench.tracks.quantization.QuantOp;
import dev.mlbench.tracks.quantization.QuantTensor;
import dev.mlbench.tracks.quantization.QuantWorkload;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Quantize and dequantize throughput of every format, rows split over threads: Vector API paths where
 * {@link VectorCodecs} has one (INT8 encoding; decoding of all but LLM.int8 and reordered BFP8), the
 * track's own encoders and decoders (plain Java) otherwise. Quantize: the per-column |max| pass first where the format needs it
 * (per-tensor INT8, LLM.int8's outlier columns, BFP8's channel order), then the rows; the encoded buffers
 * are reused from call to call while their layout does not change. Its output is the decoded encoding
 * (decoded outside the timed call).
 */
public final class CodecKernel extends QuantKernel {

    @Override
    public String name() {
        return "codec";
    }

    @Override
    public String backend() {
        return VectorBackend.NAME;
    }

    @Override
    public String description() {
        return "quantize / dequantize, Vector API where available, else the reference codec; rows split over threads";
    }

    @Override
    public boolean supports(QuantWorkload w) {
        return !w.op().isProduct();
    }

    @Override
    public Prepared<float[]> prepare(QuantWorkload w, QuantInputs in, KernelConfig config) {
        requireSupported(w);
        int m = w.m();
        int k = w.k();
        Codec codec = w.format().tensorCodec();
        QuantTensor encoded = codec.encode(in.x(), m, k);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("encoded_bytes", (double) encoded.storageBytes());
        metrics.put("bits_per_element", 8.0 * encoded.storageBytes() / ((double) m * k));
        if (w.op() == QuantOp.DEQUANTIZE) {
            float[] out = new float[m * k];
            boolean vector = VectorCodecs.decodes(w.format());
            return new QuantPrepared(() -> Parallel.forRange(config.pool(), config.threads(), m, 1, (from, to) -> {
                if (vector) {
                    VectorCodecs.decode(w.format(), codec, encoded, out, from, to);
                } else {
                    codec.decodeRows(encoded, out, from, to);
                }
            }), () -> out, () -> metrics);
        }
        QuantTensor[] current = {encoded};
        boolean vectorEncode = VectorCodecs.encodes(w.format());
        boolean perRow = w.format() == QuantFormat.INT8_VW;
        return new QuantPrepared(() -> {
            float[] stats = null;
            if (codec.needsColumnStats()) {
                stats = columnAbsMax(in.x(), m, k, config);
            }
            QuantTensor t = codec.reallocate(m, k, stats, current[0]);
            current[0] = t;
            Parallel.forRange(config.pool(), config.threads(), m, 1, (from, to) -> {
                if (vectorEncode) {
                    VectorCodecs.encodeInt8(in.x(), t, perRow, from, to);
                } else {
                    codec.encodeRows(in.x(), t, from, to);
                }
            });
        }, () -> codec.decode(current[0]), () -> metrics);
    }

    private static float[] columnAbsMax(float[] x, int m, int k, KernelConfig config) throws Exception {
        int parts = Math.max(1, Math.min(config.threads(), m));
        float[][] partial = new float[parts][k];
        Parallel.forRange(config.pool(), parts, parts, 1, (from, to) -> {
            for (int t = from; t < to; t++) {
                Codec.columnAbsMax(x, k, (int) ((long) m * t / parts), (int) ((long) m * (t + 1) / parts), partial[t]);
            }
        });
        float[] stats = partial[0];
        for (int t = 1; t < parts; t++) {
            for (int c = 0; c < k; c++) {
                stats[c] = Math.max(stats[c], partial[t][c]);
            }
        }
        return stats;
    }
}
