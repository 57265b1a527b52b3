package dev.mlbench.core.compare;

import dev.mlbench.core.util.Formats;

import java.util.Locale;

/**
 * A comparison as JUnit XML (the Ant/Surefire format CI systems display): one test suite, one test case per row.
 * SLOWER and INVALID rows are failures, MISSING rows are skipped, every other verdict passes; the reason and any
 * environment warnings go to the case's system-out.
 */
public final class ComparisonJunit {

    private ComparisonJunit() {
    }

    /** The XML text. */
    public static String render(Comparison c) {
        long failures = c.rows().stream().filter(r -> r.verdict().failsGate()).count();
        long skipped = c.rows().stream().filter(r -> r.verdict() == Verdict.MISSING).count();
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append(String.format(Locale.ROOT, "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\">%n",
                xml("bench compare " + c.baseRunId() + " -> " + c.curRunId()), c.rows().size(), failures, skipped));
        for (RowComparison r : c.rows()) {
            String name = r.key().kernel() + " (" + r.key().backend() + ") " + r.label() + " [" + r.key().paramsText() + "]";
            sb.append("  <testcase classname=\"").append(xml("bench." + r.key().track())).append("\" name=\"").append(xml(name)).append("\">\n");
            String message = r.verdict() + ": " + r.reason();
            if (r.verdict().failsGate()) {
                sb.append("    <failure type=\"").append(r.verdict()).append("\" message=\"").append(xml(message)).append("\">")
                        .append(xml(details(r))).append("</failure>\n");
            } else if (r.verdict() == Verdict.MISSING) {
                sb.append("    <skipped message=\"").append(xml(message)).append("\"/>\n");
            }
            sb.append("    <system-out>").append(xml(message + "\n" + details(r))).append("</system-out>\n");
            sb.append("  </testcase>\n");
        }
        return sb.append("</testsuite>\n").toString();
    }

    private static String details(RowComparison r) {
        StringBuilder sb = new StringBuilder();
        sb.append("BASE median ").append(Formats.duration(r.baseMedianNs())).append(" (n=").append(r.baseN()).append("), CUR median ")
                .append(Formats.duration(r.curMedianNs())).append(" (n=").append(r.curN()).append("), change ")
                .append(Formats.change(r.change())).append(" (95% CI ").append(Formats.interval(r.changeLow(), r.changeHigh()))
                .append("), forks ").append(Formats.forks(r.baseForks(), r.curForks())).append(", Holm p ").append(Formats.pValue(r.pValue()));
        r.warnings().forEach(w -> sb.append("\nwarning: ").append(w));
        return sb.toString();
    }

    /** Escapes text for XML attributes and content, dropping characters XML 1.0 cannot hold. */
    static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (ch >= 0x20 || ch == '\n' || ch == '\t' || ch == '\r') {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.toString();
    }
}
