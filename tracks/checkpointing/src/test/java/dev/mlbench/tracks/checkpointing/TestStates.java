package dev.mlbench.tracks.checkpointing;

import java.lang.foreign.Arena;
import java.util.List;

/** Small, awkward model states for tests: a scalar, an empty tensor, one element, primes, bf16 weights. */
final class TestStates {

    private TestStates() {
    }

    /** Tensors of awkward sizes: fewer elements than ranks, primes, a scalar, an empty one, both dtypes. */
    static ModelLayout awkward() {
        return new ModelLayout(List.of(
                TensorSpec.of("scalar", Dtype.F32),
                TensorSpec.of("one", Dtype.F32, 1),
                TensorSpec.of("empty", Dtype.F32, 0),
                TensorSpec.of("three", Dtype.BF16, 3),
                TensorSpec.of("prime.weight", Dtype.F32, 1009, 7),
                TensorSpec.of("prime.bf16", Dtype.BF16, 613, 11),
                TensorSpec.of(ModelLayout.EXP_AVG + "prime.weight", Dtype.F32, 1009, 7),
                TensorSpec.of(ModelLayout.EXP_AVG_SQ + "prime.weight", Dtype.F32, 1009, 7),
                TensorSpec.of("big", Dtype.F32, SafetensorsWriter.CHUNK_BYTES / 4 + 5)));
    }

    /** The generated state of {@code generator}, whole tensors. */
    static StateBuffers state(StateGenerator generator, Arena arena) throws Exception {
        return StateBuffers.generate(generator, arena, null);
    }
}
