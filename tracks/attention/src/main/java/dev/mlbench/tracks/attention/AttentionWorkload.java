package dev.mlbench.tracks.attention;

/**
 * One scaled dot-product attention shape: O = softmax(Q·Kᵀ/√d + mask)·V, fp32.
 *
 * <p>Causal masking is aligned to the bottom right, as in KV-cached inference: query row i is the
 * {@code seqKv - seqQ + i}-th position of the sequence and sees keys {@code 0 ..= i + seqKv - seqQ}. With
 * seq_q = seq_kv that is the usual lower triangle; a decode step (seq_q = 1) sees every key. Causal
 * workloads therefore need seq_q ≤ seq_kv, so that every query sees at least one key.
 *
 * @param batch       sequences in the batch
 * @param heads       query heads
 * @param kvHeads     key/value heads; fewer than {@code heads} is grouped-query attention, query head h
 *                    reading key/value head {@code h / (heads / kvHeads)}
 * @param seqQ        query rows per head (1 for a decode step)
 * @param seqKv       key/value rows per head
 * @param headDim     the dimension d of every row
 * @param causal      whether query i ignores the keys after its own position
 * @param largeLogits hostile inputs: Q and K scaled so that logits reach hundreds to thousands, where an
 *                    unshifted exp overflows and the softmax is nearly one-hot
 */
public record AttentionWorkload(int batch, int heads, int kvHeads, int seqQ, int seqKv, int headDim,
                                boolean causal, boolean largeLogits) {

    public AttentionWorkload {
        if (batch < 1 || heads < 1 || kvHeads < 1 || seqQ < 1 || seqKv < 1 || headDim < 1) {
            throw new IllegalArgumentException("every dimension must be positive: batch=" + batch + ", heads=" + heads
                    + ", kv_heads=" + kvHeads + ", seq_q=" + seqQ + ", seq_kv=" + seqKv + ", head_dim=" + headDim);
        }
        if (kvHeads > heads || heads % kvHeads != 0) {
            throw new IllegalArgumentException("heads (" + heads + ") must be a multiple of kv_heads (" + kvHeads
                    + "): each key/value head serves the same number of query heads");
        }
        if (causal && seqQ > seqKv) {
            throw new IllegalArgumentException("a causal workload needs seq_q <= seq_kv (got seq_q=" + seqQ + ", seq_kv="
                    + seqKv + "): queries are the last seq_q positions, so the first ones would see no key");
        }
        long q = (long) batch * heads * seqQ * headDim;
        long kv = (long) batch * kvHeads * seqKv * headDim;
        if (Math.max(q, kv) > AttentionTrack.MAX_TENSOR_ELEMENTS) {
            throw new IllegalArgumentException("a tensor of " + Math.max(q, kv) + " elements is larger than a Java array can hold ("
                    + AttentionTrack.MAX_TENSOR_ELEMENTS + ")");
        }
    }

    /** Query heads per key/value head (1 without grouped-query attention). */
    public int group() {
        return heads / kvHeads;
    }

    /** Whether this is a decode step: a single query row against the cached keys. */
    public boolean decode() {
        return seqQ == 1;
    }

    /** The offset of query row i's position from i: keys {@code 0 ..= i + causalOffset()} are visible. */
    public int causalOffset() {
        return seqKv - seqQ;
    }

    /** How many keys query row {@code i} sees: a prefix {@code 0 .. visibleKeys(i) - 1} of the keys. */
    public int visibleKeys(int i) {
        return causal ? Math.min(seqKv, i + causalOffset() + 1) : seqKv;
    }

    /**
     * Visible (query, key) pairs of one head: seq_q·seq_kv, or with the causal mask
     * {@code seq_q·(seq_kv − seq_q) + seq_q·(seq_q + 1)/2} (half the square plus its diagonal when seq_q = seq_kv).
     */
    public double visiblePairsPerHead() {
        double sq = seqQ;
        double skv = seqKv;
        return causal ? sq * (skv - sq) + sq * (sq + 1) / 2 : sq * skv;
    }

    /** Elements of Q and O. */
    public long queryElements() {
        return (long) batch * heads * seqQ * headDim;
    }

    /** Elements of K, and of V. */
    public long keyElements() {
        return (long) batch * kvHeads * seqKv * headDim;
    }
}
