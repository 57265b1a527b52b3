package dev.mlbench.core.util;

import java.util.Collection;
import java.util.Optional;

/** Suggests the closest valid name for a misspelt one, for "did you mean" messages. */
public final class Names {

    private Names() {
    }

    /**
     * The candidate closest to {@code given} by edit distance, when it is close enough to be a likely typo
     * (at most a third of the longer name's length, and at least one edit allowed).
     */
    public static Optional<String> closest(String given, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(given.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        int allowed = Math.max(1, Math.max(given.length(), best.length()) / 3);
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** " (did you mean 'x'?)" or "" when nothing is close, followed by the valid names. */
    public static String suggestion(String given, Collection<String> candidates) {
        String hint = closest(given, candidates).map(c -> "did you mean '" + c + "'? ").orElse("");
        return " (" + hint + "valid: " + String.join(", ", candidates.stream().sorted().toList()) + ")";
    }

    /** Edit distance counting insertions, deletions, substitutions and adjacent transpositions as one each. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
