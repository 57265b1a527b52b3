package dev.mlbench.kernels.torch;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.tracks.softmax.SoftmaxInputs;
import dev.mlbench.tracks.softmax.SoftmaxKernel;
import dev.mlbench.tracks.softmax.SoftmaxWorkload;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** {@code torch.softmax(x, dim=-1, out=y)} over the rows, into a preallocated result. */
public final class TorchSoftmaxKernel extends SoftmaxKernel {

    @Override
    public String name() {
        return "torch-softmax";
    }

    @Override
    public String backend() {
        return TorchBackend.NAME;
    }

    @Override
    public String description() {
        return "libtorch torch.softmax along the last dimension into a preallocated result";
    }

    @Override
    public Prepared<float[]> prepare(SoftmaxWorkload w, SoftmaxInputs in, KernelConfig config) {
        TorchThreads.use(config.threads());
        long elements = w.elements();
        FloatPointer px = Tensors.copyOf(in.x());
        FloatPointer py = Tensors.zeros(elements);
        Tensor x = Tensors.view(px, w.rows(), w.n());
        Tensor y = Tensors.view(py, w.rows(), w.n());
        return new Prepared<>() {
            @Override
            public void run() {
                torch.softmax_out(y, x, 1);
            }

            @Override
            public float[] output() {
                return Tensors.read(py, elements);
            }

            @Override
            public void close() {
                px.close();
                py.close();
            }
        };
    }
}
