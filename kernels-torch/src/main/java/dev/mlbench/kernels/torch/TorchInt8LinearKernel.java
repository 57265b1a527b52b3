package dev.mlbench.kernels.torch;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.tracks.quantization.QuantFormat;
import dev.mlbench.tracks.quantization.QuantInputs;
import dev.mlbench.tracks.quantization.QuantKernel;
import dev.mlbench.tracks.quantization.QuantWorkload;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.T_TensorTensorDoubleLong_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

import java.util.Map;

/**
 * PyTorch's dynamic int8 linear on FBGEMM, the calls behind the legacy {@code torch.fbgemm_linear_int8_weight}
 * path that a quantized {@code nn.Linear} took before the {@code torch.ao} ops: the weights are quantized once, per
 * tensor with a zero point ({@code fbgemm_linear_quantize_weight}), and packed for FBGEMM
 * ({@code fbgemm_pack_quantized_matrix}), both before timing; each call quantizes the activations per tensor from
 * their range, multiplies in int8 with int32 sums and dequantizes to fp32
 * ({@code fbgemm_linear_int8_weight_fp32_activation}), allocating its result as PyTorch does. It serves the
 * per-tensor {@code int8} format; the track's SQNR floor checks it like every kernel, although its zero points make
 * its rounding differ from the track's symmetric codec.
 */
public final class TorchInt8LinearKernel extends QuantKernel {

    @Override
    public String name() {
        return "torch-int8-linear";
    }

    @Override
    public String backend() {
        return TorchBackend.NAME;
    }

    @Override
    public String description() {
        return "libtorch dynamic int8 linear on FBGEMM: per-tensor int8 weights packed before timing, activations quantized per call";
    }

    @Override
    public boolean supports(QuantWorkload w) {
        return w.op().isProduct() && w.format() == QuantFormat.INT8;
    }

    @Override
    public Prepared<float[]> prepare(QuantWorkload w, QuantInputs in, KernelConfig config) {
        requireSupported(w);
        TorchThreads.use(config.threads());
        int m = w.m();
        int n = w.n();
        int k = w.k();
        FloatPointer px = Tensors.copyOf(in.x());
        FloatPointer pw = Tensors.copyOf(in.w());
        FloatPointer pbias = Tensors.zeros(n);
        Tensor x = Tensors.view(px, m, k);
        Tensor weight = Tensors.view(pw, n, k);
        Tensor bias = Tensors.view(pbias, n);
        T_TensorTensorDoubleLong_T q = torch.fbgemm_linear_quantize_weight(weight);
        Tensor qWeight = q.get0();
        Tensor colOffsets = q.get1();
        Scalar scale = new Scalar(q.get2());
        Scalar zeroPoint = new Scalar(q.get3());
        Tensor packed = torch.fbgemm_pack_quantized_matrix(qWeight);
        // the fp32 weights are not read again: a cold row holds many prepared copies, each of its int8 codes only
        weight.close();
        pw.close();
        return new Prepared<>() {
            private Tensor y;

            @Override
            public void run() {
                Tensor previous = y;
                y = torch.fbgemm_linear_int8_weight_fp32_activation(x, qWeight, packed, colOffsets, scale, zeroPoint, bias);
                if (previous != null) {
                    previous.close();
                }
            }

            @Override
            public float[] output() {
                if (y == null) {
                    throw new IllegalStateException("output() before run()");
                }
                return Tensors.read(y);
            }

            @Override
            public Map<String, Double> metrics() {
                // the weights a call streams: the packed int8 matrix (n·k bytes) and a column offset per channel;
                // besides the fp32 X and Y that every quantized kernel moves, it reads the fp32 bias
                Map<String, Double> metrics = codeMetrics((long) n * k + 4L * n, m, n, k);
                metrics.merge(Prepared.BYTES_MOVED, 4.0 * n, Double::sum);
                return metrics;
            }

            @Override
            public void close() {
                if (y != null) {
                    y.close();
                }
                packed.close();
                q.close();
                px.close();
                pbias.close();
            }
        };
    }
}
