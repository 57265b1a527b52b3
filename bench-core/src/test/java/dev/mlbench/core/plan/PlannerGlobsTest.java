package dev.mlbench.core.plan;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a --kernel filter of several globs is split. */
class PlannerGlobsTest {

    @Test
    void topLevelCommasSeparateGlobsAndEmptyPartsAreDropped() {
        assertEquals(List.of("vector*", "reference"), Planner.globs("vector*,reference"));
        assertEquals(List.of("a", "b"), Planner.globs(" a ,, b,"));
    }

    @Test
    void commasInsideBracesStayOneGlob() {
        assertEquals(List.of("{vector,tiled}*", "reference"), Planner.globs("{vector,tiled}*,reference"));
    }
}
