package dev.mlbench.core.report;

/** Escaping for HTML text and attribute values. */
final class Html {

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
}
