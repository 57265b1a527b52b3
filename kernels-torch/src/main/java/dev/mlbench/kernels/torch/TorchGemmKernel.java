package dev.mlbench.kernels.torch;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmLayout;
import dev.mlbench.tracks.gemm.GemmWorkload;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * {@code torch.mm(A, B, out=C)} for the plain product and {@code torch.addmm(C0, A, B, beta, alpha, out=C)} otherwise,
 * with transposed operands as transposed views ({@code .t()}), which libtorch hands to its BLAS as transpose flags
 * rather than copying. Flat decode shapes (M = 1) go through the same call, as they do in a PyTorch model.
 */
public final class TorchGemmKernel extends GemmKernel {

    @Override
    public String name() {
        return "torch-mm";
    }

    @Override
    public String backend() {
        return TorchBackend.NAME;
    }

    @Override
    public String description() {
        return "libtorch torch.mm into a preallocated result (torch.addmm for alpha and beta), transposes as views";
    }

    @Override
    public Prepared<float[]> prepare(GemmWorkload w, GemmInputs in, KernelConfig config) {
        TorchThreads.use(config.threads());
        GemmLayout layout = w.layout();
        FloatPointer pa = Tensors.copyOf(in.a());
        FloatPointer pb = Tensors.copyOf(in.b());
        FloatPointer pc = Tensors.zeros((long) w.m() * w.n());
        Tensor a = layout.transA() ? Tensors.view(pa, w.k(), w.m()).t() : Tensors.view(pa, w.m(), w.k());
        Tensor b = layout.transB() ? Tensors.view(pb, w.n(), w.k()).t() : Tensors.view(pb, w.k(), w.n());
        Tensor c = Tensors.view(pc, w.m(), w.n());
        FloatPointer pc0 = w.readsC() ? Tensors.copyOf(in.c()) : null;
        Tensor c0 = pc0 == null ? c : Tensors.view(pc0, w.m(), w.n());
        Scalar alpha = new Scalar(w.alpha());
        Scalar beta = new Scalar(w.beta());
        boolean plain = w.isPlainProduct();
        return new Prepared<>() {
            @Override
            public void run() {
                if (plain) {
                    torch.mm_out(c, a, b);
                } else {
                    // beta = 0 ignores C0 (NaN in it included), as the GEMM contract says
                    torch.addmm_out(c, c0, a, b, beta, alpha);
                }
            }

            @Override
            public float[] output() {
                return Tensors.read(pc, (long) w.m() * w.n());
            }

            @Override
            public void close() {
                pa.close();
                pb.close();
                pc.close();
                if (pc0 != null) {
                    pc0.close();
                }
            }
        };
    }
}
