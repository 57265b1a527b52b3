package dev.mlbench.tracks.checkpointing;

import java.util.ArrayList;
import java.util.List;

/**
 * The tensors of a model's training state, in the order a checkpoint writes them: the weights of a
 * transformer (embedding, then per layer attention and MLP projections and two norm vectors), then Adam's
 * first and second moments of every weight, always fp32.
 *
 * @param tensors every tensor, names unique
 */
public record ModelLayout(List<TensorSpec> tensors) {

    /** Prefix of Adam's first-moment tensors. */
    public static final String EXP_AVG = "optim.exp_avg.";
    /** Prefix of Adam's second-moment tensors. */
    public static final String EXP_AVG_SQ = "optim.exp_avg_sq.";
    /** Hidden sizes tried, largest first: the largest that still gives two layers is taken. */
    private static final int[] HIDDEN_SIZES = {4096, 2048, 1024, 512, 256, 128, 64};

    public ModelLayout {
        tensors = List.copyOf(tensors);
        if (tensors.stream().map(TensorSpec::name).distinct().count() != tensors.size()) {
            throw new IllegalArgumentException("tensor names must be unique");
        }
    }

    /**
     * A transformer state of at most {@code targetBytes} and within one embedding row of it: the hidden size
     * is the largest of 64..4096 that gives at least two layers, layers fill the budget, and an embedding
     * table takes the rest.
     */
    public static ModelLayout transformer(long targetBytes, Dtype weights) {
        long perParam = weights.size() + 2L * Dtype.F32.size();
        int d = HIDDEN_SIZES[HIDDEN_SIZES.length - 1];
        for (int h : HIDDEN_SIZES) {
            if (2 * layerParams(h) * perParam <= targetBytes) {
                d = h;
                break;
            }
        }
        long layers = Math.max(1, targetBytes / (layerParams(d) * perParam));
        long rows = (targetBytes - layers * layerParams(d) * perParam) / (d * perParam);
        List<TensorSpec> w = new ArrayList<>();
        if (rows > 0) {
            w.add(TensorSpec.of("embed.weight", weights, rows, d));
        }
        for (long l = 0; l < layers; l++) {
            String p = "layers." + l + ".";
            w.add(TensorSpec.of(p + "attn.qkv.weight", weights, 3L * d, d));
            w.add(TensorSpec.of(p + "attn.out.weight", weights, d, d));
            w.add(TensorSpec.of(p + "mlp.up.weight", weights, 4L * d, d));
            w.add(TensorSpec.of(p + "mlp.down.weight", weights, d, 4L * d));
            w.add(TensorSpec.of(p + "ln1.weight", weights, d));
            w.add(TensorSpec.of(p + "ln2.weight", weights, d));
        }
        List<TensorSpec> all = new ArrayList<>(w);
        for (TensorSpec t : w) {
            all.add(new TensorSpec(EXP_AVG + t.name(), Dtype.F32, t.shape()));
        }
        for (TensorSpec t : w) {
            all.add(new TensorSpec(EXP_AVG_SQ + t.name(), Dtype.F32, t.shape()));
        }
        return new ModelLayout(all);
    }

    private static long layerParams(long d) {
        return 12 * d * d + 2 * d;
    }

    /** Total bytes of all tensors. */
    public long totalBytes() {
        long sum = 0;
        for (TensorSpec t : tensors) {
            sum += t.bytes();
        }
        return sum;
    }

    /** Number of tensors. */
    public int size() {
        return tensors.size();
    }

    /** The tensor at {@code index}. */
    public TensorSpec tensor(int index) {
        return tensors.get(index);
    }

    /** The index of the tensor named {@code name}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < tensors.size(); i++) {
            if (tensors.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** First element of {@code rank}'s fragment of a tensor of {@code elements} split over {@code ranks}. */
    public static long fragmentBegin(long elements, int ranks, int rank) {
        return Math.multiplyExact(elements, rank) / ranks;
    }
}
