package dev.mlbench.core.compare;

import dev.mlbench.core.util.Formats;

import java.util.LinkedHashSet;
import java.util.Set;

/** A comparison as GitHub-flavoured Markdown, for a pull-request comment. */
public final class ComparisonMarkdown {

    private ComparisonMarkdown() {
    }

    /** The Markdown text. */
    public static String render(Comparison c) {
        StringBuilder sb = new StringBuilder();
        sb.append("### bench compare: ").append(c.failsGate() ? "regression found" : "no regression").append("\n\n");
        sb.append("BASE `").append(c.baseRunId()).append("` → CUR `").append(c.curRunId()).append("`: ").append(c.summary())
                .append(" (threshold ±").append(Formats.change(c.settings().threshold()).substring(1)).append(", family-wise alpha ")
                .append(c.settings().alpha()).append(", bootstrap over forks, Holm-corrected)\n\n");
        sb.append("| verdict | track | kernel | backend | workload | params | BASE median | CUR median | change | 95% CI | forks | MDE | p | note |\n");
        sb.append("|---|---|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (RowComparison r : c.rows()) {
            String v = r.verdict().failsGate() ? "**" + r.verdict() + "**" : r.verdict().toString();
            sb.append("| ").append(v).append(" | ").append(cell(r.key().track())).append(" | ").append(cell(r.key().kernel()))
                    .append(" | ").append(cell(r.key().backend())).append(" | ").append(cell(r.label())).append(" | ")
                    .append(cell(r.key().paramsText())).append(" | ").append(Formats.duration(r.baseMedianNs())).append(" | ")
                    .append(Formats.duration(r.curMedianNs())).append(" | ").append(Formats.change(r.change())).append(" | ")
                    .append(Formats.interval(r.changeLow(), r.changeHigh())).append(" | ").append(Formats.forks(r.baseForks(), r.curForks()))
                    .append(" | ").append(Formats.change(r.minDetectable())).append(" | ")
                    .append(Formats.pValue(r.pValue())).append(" | ").append(cell(r.reason())).append(" |\n");
        }
        Set<String> warnings = new LinkedHashSet<>();
        c.rows().forEach(r -> warnings.addAll(r.warnings()));
        if (!warnings.isEmpty()) {
            sb.append("\n**Environments differ** (timings may not be comparable):\n\n");
            warnings.forEach(w -> sb.append("- ").append(cell(w)).append('\n'));
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
