package dev.mlbench.core.compare;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of comparing two runs.
 *
 * @param baseRunId           BASE run id
 * @param curRunId            CUR run id
 * @param baseFile            BASE file as given
 * @param curFile             CUR file as given
 * @param settings            threshold and alpha used
 * @param environmentWarnings differences between the two runs' environments and settings that apply to every row
 * @param rows                one per matched, missing or new row: BASE order, then new rows in CUR order
 */
public record Comparison(String baseRunId, String curRunId, String baseFile, String curFile, CompareSettings settings,
                         List<String> environmentWarnings, List<RowComparison> rows) {

    /** Whether any row is SLOWER or INVALID: the gate fails. */
    public boolean failsGate() {
        return rows.stream().anyMatch(r -> r.verdict().failsGate());
    }

    /** How many rows got each verdict (every verdict present, zero when none). */
    public Map<Verdict, Long> counts() {
        Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, rows.stream().filter(r -> r.verdict() == v).count());
        }
        return counts;
    }

    /** {@code 2 SAME, 1 SLOWER} (non-zero verdicts only). */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        counts().forEach((v, n) -> {
            if (n > 0) {
                sb.append(sb.isEmpty() ? "" : ", ").append(n).append(' ').append(v);
            }
        });
        return sb.isEmpty() ? "no rows" : sb.toString();
    }
}
