package dev.mlbench.core.compare;

import java.util.List;

/**
 * One row of a comparison.
 *
 * @param key           what was matched
 * @param group         workload group (from CUR, else BASE)
 * @param label         workload label (from CUR, else BASE)
 * @param verdict       the conclusion
 * @param baseMedianNs  BASE median time per operation, when BASE measured it
 * @param curMedianNs   CUR median time per operation, when CUR measured it
 * @param change        CUR median / BASE median − 1 (positive: slower), when both measured
 * @param changeLow     lower end of the 95% interval of {@code change} (bootstrap over forks), when both measured
 * @param changeHigh    upper end of that interval
 * @param pValue        Holm-adjusted p-value of a change beyond the threshold (either way), when both measured
 * @param minDetectable the smallest slowdown this row's noise lets the comparison detect with 80% power, as a
 *                      fraction, when both measured
 * @param forksNeeded   for an UNSURE row, the forks per side that would likely decide it; null when none would, or
 *                      when the row is decided
 * @param baseN         BASE samples (0 when not measured)
 * @param curN          CUR samples (0 when not measured)
 * @param baseForks     BASE forks (0 when not measured; 1 for files that did not record forks)
 * @param curForks      CUR forks
 * @param reason        why this verdict, in words
 * @param warnings      environment differences that matter for this row
 */
public record RowComparison(RowKey key, String group, String label, Verdict verdict, Double baseMedianNs, Double curMedianNs,
                            Double change, Double changeLow, Double changeHigh, Double pValue, Double minDetectable,
                            Integer forksNeeded, int baseN, int curN, int baseForks, int curForks, String reason,
                            List<String> warnings) {

    /** A short name for tables and test cases: {@code track kernel (backend) label [params]}. */
    public String title() {
        return key.track() + " " + key.kernel() + " (" + key.backend() + ") " + label + " [" + key.paramsText() + "]";
    }
}
