package dev.mlbench.core.report;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** Escaping for HTML text and attribute values, and the elements the report repeats: tables, rows, cells, legends. */
final class Html {

    /** Closes what {@link #tableStart} opened. */
    static final String TABLE_END = "</tbody></table>";

    private Html() {
    }

    /** {@code s} escaped for text and double-quoted attributes; null becomes empty. */
    static String esc(Object s) {
        if (s == null) {
            return "";
        }
        String t = s.toString();
        StringBuilder sb = new StringBuilder(t.length() + 16);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A {@code <table>} of class {@code cls} with one head row of {@code headers}, open at its {@code <tbody>}. */
    static String tableStart(String cls, String... headers) {
        return "<table class=\"" + cls + "\"><thead><tr>" + Arrays.stream(headers).map(h -> "<th>" + esc(h) + "</th>").collect(Collectors.joining())
                + "</tr></thead><tbody>\n";
    }

    /** A table row of {@code cells} (from {@link #td}, {@link #num} or {@link #cell}), of class {@code cls} unless null. */
    static String tr(String cls, String... cells) {
        return (cls == null ? "<tr>" : "<tr class=\"" + cls + "\">") + String.join("", cells) + "</tr>\n";
    }

    /** A cell holding {@code text}, escaped. */
    static String td(Object text) {
        return cell(null, esc(text));
    }

    /** A right-aligned number cell holding {@code text}, escaped. */
    static String num(Object text) {
        return cell("num", esc(text));
    }

    /** A cell of class {@code cls} (none when null) holding {@code html}, which is written as it is. */
    static String cell(String cls, String html) {
        return (cls == null ? "<td>" : "<td class=\"" + cls + "\">") + html + "</td>";
    }

    /** A chart's legend: one entry per series, in order, with its colour; a click on one hides the series. */
    static String legend(Map<String, String> colorBySeries) {
        return "<div class=\"legend\">" + colorBySeries.entrySet().stream()
                .map(s -> "<span class=\"legend-item\" data-series=\"" + esc(s.getKey()) + "\"><i style=\"background:" + s.getValue() + "\"></i>"
                        + esc(s.getKey()) + "</span>")
                .collect(Collectors.joining()) + "</div>\n";
    }
}
