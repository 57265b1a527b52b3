package dev.mlbench.core.definition;

import dev.mlbench.core.util.Names;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** "Did you mean" suggestions. */
class NamesTest {

    @Test
    void aTypoFindsTheIntendedName() {
        assertEquals(Optional.of("openblas"), Names.closest("openbals", List.of("vector", "openblas", "nd4j")));
    }

    @Test
    void somethingUnrelatedFindsNothing() {
        assertEquals(Optional.empty(), Names.closest("quantization", List.of("gemm", "softmax")));
    }
}
