package dev.mlbench.core.compare;

import java.util.List;

/**
 * One row of a comparison.
 *
 * @param key          what was matched
 * @param group        workload group (from CUR, else BASE)
 * @param label        workload label (from CUR, else BASE)
 * @param verdict      the conclusion
 * @param baseMedianNs BASE median time per operation, when BASE measured it
 * @param curMedianNs  CUR median time per operation, when CUR measured it
 * @param change       CUR median / BASE median − 1 (positive: slower), when both measured
 * @param pValue       two-sided Mann-Whitney U p-value, when both measured
 * @param baseN        BASE samples (0 when not measured)
 * @param curN         CUR samples (0 when not measured)
 * @param reason       why this verdict, in words
 * @param warnings     environment differences that matter for this row
 */
public record RowComparison(RowKey key, String group, String label, Verdict verdict, Double baseMedianNs, Double curMedianNs,
                            Double change, Double pValue, int baseN, int curN, String reason, List<String> warnings) {

    /** A short name for tables and test cases: {@code track kernel (backend) label [params]}. */
    public String title() {
        return key.track() + " " + key.kernel() + " (" + key.backend() + ") " + label + " [" + key.paramsText() + "]";
    }
}
