package dev.mlbench.tracks.attention;

import dev.mlbench.core.spi.Kernel;

/**
 * The contract every attention kernel implements: given a workload and its inputs, produce
 * O = softmax(Q·Kᵀ/√d + mask)·V as a float array laid out as Q ([batch, heads, seq_q, head_dim]).
 */
public abstract class AttentionKernel implements Kernel<AttentionWorkload, AttentionInputs, float[]> {

    @Override
    public final String track() {
        return AttentionTrack.NAME;
    }
}
