package dev.mlbench.kernels.torch;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.tracks.attention.AttentionInputs;
import dev.mlbench.tracks.attention.AttentionKernel;
import dev.mlbench.tracks.attention.AttentionWorkload;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * {@code torch.nn.functional.scaled_dot_product_attention}, with {@code enable_gqa} for grouped-query shapes.
 * PyTorch's {@code is_causal} aligns the mask to the top left, while the track's causal mask is aligned to the bottom
 * right (KV-cached inference: a decode step sees every key). So {@code is_causal} is used where the two agree
 * (seq_q = seq_kv), and an explicit additive mask (0 or -inf), built once in prepare, where they do not; a decode
 * step (seq_q = 1) needs neither, as in a PyTorch decode loop.
 */
public final class TorchAttentionKernel extends AttentionKernel {

    @Override
    public String name() {
        return "torch-sdpa";
    }

    @Override
    public String backend() {
        return TorchBackend.NAME;
    }

    @Override
    public String description() {
        return "libtorch scaled_dot_product_attention (its fused CPU kernel), GQA through enable_gqa";
    }

    @Override
    public Prepared<float[]> prepare(AttentionWorkload w, AttentionInputs in, KernelConfig config) {
        TorchThreads.use(config.threads());
        FloatPointer pq = Tensors.copyOf(in.q());
        FloatPointer pk = Tensors.copyOf(in.k());
        FloatPointer pv = Tensors.copyOf(in.v());
        Tensor q = Tensors.view(pq, w.batch(), w.heads(), w.seqQ(), w.headDim());
        Tensor k = Tensors.view(pk, w.batch(), w.kvHeads(), w.seqKv(), w.headDim());
        Tensor v = Tensors.view(pv, w.batch(), w.kvHeads(), w.seqKv(), w.headDim());
        boolean topLeftIsRight = w.seqQ() == w.seqKv();
        boolean isCausal = w.causal() && topLeftIsRight;
        // a single query row is the last position, which sees every key: its bottom-right mask masks nothing
        boolean masksSomething = w.causal() && !topLeftIsRight && w.seqQ() > 1;
        FloatPointer maskMemory = masksSomething ? bottomRightMask(w) : null;
        Tensor maskTensor = maskMemory == null ? null : Tensors.view(maskMemory, w.seqQ(), w.seqKv());
        TensorOptional mask = maskTensor == null ? new TensorOptional() : new TensorOptional(maskTensor);
        boolean gqa = w.kvHeads() < w.heads();
        return new Prepared<>() {
            private Tensor last;

            @Override
            public void run() {
                Tensor o = torch.scaled_dot_product_attention(q, k, v, mask, 0.0, isCausal, new DoubleOptional(), gqa);
                if (last != null) {
                    last.close();
                }
                last = o;
            }

            @Override
            public float[] output() {
                return Tensors.read(last);
            }

            @Override
            public void close() {
                if (last != null) {
                    last.close();
                }
                pq.close();
                pk.close();
                pv.close();
                if (maskMemory != null) {
                    maskMemory.close();
                }
            }
        };
    }

    /** The additive mask: 0 where query row i may see key j ({@code j < visibleKeys(i)}), -inf elsewhere. */
    private static FloatPointer bottomRightMask(AttentionWorkload w) {
        float[] mask = new float[Math.multiplyExact(w.seqQ(), w.seqKv())];
        for (int i = 0; i < w.seqQ(); i++) {
            java.util.Arrays.fill(mask, i * w.seqKv() + w.visibleKeys(i), (i + 1) * w.seqKv(), Float.NEGATIVE_INFINITY);
        }
        return Tensors.copyOf(mask);
    }
}
