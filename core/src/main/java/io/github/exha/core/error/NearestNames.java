package io.github.exha.core.error;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds the valid names closest to a misspelt one, for "did you mean" hints in error messages. Case-insensitive
 * edit distance (swaps count as one edit); a name that starts with what was typed also counts as close.
 */
public final class NearestNames {
    private NearestNames() {
    }

    /**
     * The candidates close to {@code typed}, nearest first (ties in the candidates' order), at most {@code limit}.
     * Close means an edit distance of at most a third of the longer name (at least 1 and at most 3), or a prefix.
     */
    public static List<String> nearest(String typed, Collection<String> candidates, int limit) {
        String t = typed.toLowerCase(Locale.ROOT);
        List<Scored> scored = new ArrayList<>();
        int order = 0;
        for (String candidate : candidates) {
            String c = candidate.toLowerCase(Locale.ROOT);
            int allowed = Math.min(3, Math.max(1, Math.max(t.length(), c.length()) / 3));
            boolean prefix = !t.isEmpty() && (c.startsWith(t) || t.startsWith(c)) && Math.min(t.length(), c.length()) >= 2;
            // Lengths further apart than the allowed edits cannot be close: skip the quadratic work (hostile input).
            int distance = Math.abs(t.length() - c.length()) > allowed ? Integer.MAX_VALUE : distance(t, c);
            if (distance <= allowed || prefix) {
                scored.add(new Scored(candidate, Math.min(distance, allowed), order));
            }
            order++;
        }
        scored.sort(Comparator.comparingInt(Scored::distance).thenComparingInt(Scored::order));
        List<String> out = new ArrayList<>();
        for (Scored s : scored) {
            if (out.size() == limit) {
                break;
            }
            if (!out.contains(s.name())) {
                out.add(s.name());
            }
        }
        return out;
    }

    /** " Did you mean 'X'?" or " Did you mean 'X' or 'Y'?" with a leading space, or empty when nothing is close. */
    public static String didYouMean(String typed, Collection<String> candidates, String prefix) {
        List<String> near = nearest(typed, candidates, 2);
        if (near.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(" Did you mean ");
        for (int i = 0; i < near.size(); i++) {
            if (i > 0) {
                out.append(" or ");
            }
            out.append(prefix).append(near.get(i));
        }
        return out.append('?').toString();
    }

    /**
     * Edit distance between two strings counting an insertion, a deletion, a substitution or a swap of two adjacent
     * characters as one edit (optimal string alignment), since swapped letters are the commonest typo.
     * Case-sensitive; callers lower-case first.
     */
    public static int distance(String a, String b) {
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
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }

    private record Scored(String name, int distance, int order) {
    }
}
