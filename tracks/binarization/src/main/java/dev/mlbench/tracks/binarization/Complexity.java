package dev.mlbench.tracks.binarization;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BiBench's theoretical complexity of one operator: the fp32 operator's FLOPs (multiply-accumulates), the
 * binarized operator's binary operations (BOPs, one per ±1 multiply-accumulate) and the floating-point
 * operations it keeps (scales, thresholds), and OPs = BOPs/64 + FLOPs.
 *
 * @param fp32Flops   multiply-accumulates of the fp32 operator: rows·columns·K
 * @param bops        binary multiply-accumulates: rows·columns·K
 * @param flops       floating-point operations left in the binarized operator
 * @param packedBytes bytes of the packed weights (plus their fp32 scales)
 * @param fp32Bytes   bytes of the fp32 weights
 */
public record Complexity(double fp32Flops, double bops, double flops, double packedBytes, double fp32Bytes) {

    /**
     * The complexity of {@code w}: per output, one multiply for each of r_i and c_j that is not 1; XNOR-Net's
     * mean |a| (one add per activation, for conv3x3 a 3×3 box sum and a division per position); ReActNet's
     * threshold (one subtraction per activation). Packing itself is not counted, as in BiBench.
     */
    public static Complexity of(BinarizationWorkload w) {
        BinarizationAlgorithm a = w.algorithm();
        double rows = w.rows();
        double cols = w.columns();
        double k = w.bits();
        double activations = rows * w.groupLength();
        double outputs = rows * cols;
        int multipliesPerOutput = switch (a) {
            case BNN -> 0;
            case XNOR_NET -> 2;
            case XNOR_PP -> w.op() == BinaryOp.CONV3X3 ? 2 : 1;
            default -> 1;
        };
        double flops = multipliesPerOutput * outputs;
        if (a.scalesActivations()) {
            flops += activations + (w.op() == BinaryOp.CONV3X3 ? 9 * rows : 0) + rows;
        }
        if (a.shiftsActivations()) {
            flops += activations;
        }
        double packedBytes = cols * w.wordsPerRow() * 8.0 + 4 * cols;
        return new Complexity(rows * cols * k, rows * cols * k, flops, packedBytes, 4 * cols * k);
    }

    /** BiBench's OPs: BOPs/64 + FLOPs. */
    public double ops() {
        return bops / 64 + flops;
    }

    /** The theoretical speedup over the fp32 operator: fp32 FLOPs / OPs. */
    public double speedup() {
        double ops = ops();
        return ops == 0 ? 0 : fp32Flops / ops;
    }

    /** As metrics named {@code theory.*} and {@code memory.*}. */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("theory.fp32_flops", fp32Flops);
        m.put("theory.bops", bops);
        m.put("theory.flops", flops);
        m.put("theory.ops", ops());
        m.put("theory.speedup", speedup());
        m.put("memory.packed_weight_bytes", packedBytes);
        m.put("memory.fp32_weight_bytes", fp32Bytes);
        m.put("memory.compression", packedBytes == 0 ? 0 : fp32Bytes / packedBytes);
        return m;
    }
}
