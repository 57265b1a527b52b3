package dev.mlbench.kernels.gpu.gemm;

import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.tracks.gemm.GemmWorkload;

import java.util.List;
import java.util.Map;

/**
 * The tiling of the tiled GPU GEMMs ({@code gemm_tiled.cl}, {@code gemm_tiled.cu}): work-groups (blocks) of
 * tile×tile work-items, each computing work×work elements of C, so a work-group covers a square of
 * block = tile·work rows and columns of C, and each step of K covers tile. Rounding up to whole blocks and
 * steps computes zeros in the padding.
 *
 * @param tile edge of the work-group, and the K step
 * @param work elements of C per work-item along each of rows and columns
 */
record Tiling(int tile, int work) {

    static final String TILE = "tile";
    static final String WORK = "work";
    /** The tunables both tiled kernels declare. */
    static final List<ParamSpec> TUNABLES = List.of(
            ParamSpec.optionalInt(TILE, 1, 32, 16, "work-group edge (tile×tile work-items) and K step of the local tiles"),
            ParamSpec.optionalInt(WORK, 1, 8, 1, "elements of C per work-item along rows and columns (register blocking); 1 = one element each"));

    static Tiling of(ParamValues params) {
        return new Tiling(params.getInt(TILE), params.getInt(WORK));
    }

    /** Rows and columns of C one work-group computes. */
    int block() {
        return tile * work;
    }

    /** Work-items per work-group. */
    int groupSize() {
        return tile * tile;
    }

    /** Bytes of local (shared) memory one work-group stages: a block×tile tile of A and a tile×block tile of B. */
    long localBytes() {
        return 2L * Float.BYTES * block() * tile;
    }

    /** Work-groups along the columns (x) and rows (y) of C. */
    int groupsX(GemmWorkload w) {
        return (int) (roundUp(w.n(), block()) / block());
    }

    int groupsY(GemmWorkload w) {
        return (int) (roundUp(w.m(), block()) / block());
    }

    /** The build-time constants the device sources read. */
    String defines() {
        return "-DTILE=" + tile + " -DWORK=" + work;
    }

    /** A tiling a device cannot launch, with the limit it exceeds; empty when it fits. */
    String unfit(long maxGroupSize, long maxLocalBytes, String device) {
        if (groupSize() > maxGroupSize) {
            return "tile " + tile + " needs work-groups of " + groupSize() + " but " + device + " allows at most " + maxGroupSize;
        }
        if (localBytes() > maxLocalBytes) {
            return "tile " + tile + " with work " + work + " stages " + localBytes() + " bytes of local memory per work-group but "
                    + device + " has " + maxLocalBytes;
        }
        return "";
    }

    /**
     * {@code padded_flops_ratio}: multiply-adds executed (M and N rounded up to whole blocks, K to whole
     * steps) over those needed; 1 when nothing is padded, 16 for M = 1 with tile 16 and work 1.
     */
    Map<String, Double> metrics(GemmWorkload w) {
        double padded = (double) roundUp(w.m(), block()) * roundUp(w.n(), block()) * roundUp(w.k(), tile);
        return Map.of("padded_flops_ratio", padded / ((double) w.m() * w.n() * w.k()));
    }

    static long roundUp(long value, long multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
