package io.github.exha.core.topology;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The "did you mean" of unknown keys: the known key nearest to a misspelt one by case-insensitive Levenshtein
 * distance, offered only when it is close enough that the suggestion helps rather than confuses.
 */
final class NearestKey {
    private NearestKey() {
    }

    /** The known key nearest to {@code unknown}, if one is close; ties go to the alphabetically first. */
    static Optional<String> to(String unknown, Collection<String> known) {
        String wanted = unknown.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known.stream().sorted().toList()) {
            int distance = distance(wanted, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        // Up to two edits, or a third of the word for long keys; never as many edits as the word has letters.
        int allowed = Math.max(2, wanted.length() / 3);
        boolean close = bestDistance <= allowed && bestDistance < Math.max(wanted.length(), best.length());
        return close ? Optional.of(best) : Optional.empty();
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 64) {
            return Integer.MAX_VALUE; // far apart, and keeps the work bounded for hostile key lengths
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
