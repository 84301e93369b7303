package io.github.exha.cluster.host;

import java.util.Locale;

/**
 * A drive letter, A to Z, kept upper-case; {@code f}, {@code F}, {@code F:} and {@code f:\} all name drive F.
 *
 * @param letter the upper-case letter
 */
public record DriveLetter(char letter) implements Comparable<DriveLetter> {
    /** The system volume's drive. */
    public static final DriveLetter SYSTEM = new DriveLetter('C');

    /** Validates and upper-cases the letter. */
    public DriveLetter {
        letter = Character.toUpperCase(letter);
        if (letter < 'A' || letter > 'Z') {
            throw new IllegalArgumentException("a drive letter is a letter from A to Z, found '" + letter + "'");
        }
    }

    /**
     * Reads {@code F}, {@code f:} or {@code F:\}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static DriveLetter parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.endsWith("\\") || t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.endsWith(":")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.length() != 1 || !Character.isLetter(t.charAt(0)) || t.charAt(0) > 'z') {
            throw new IllegalArgumentException("'" + text + "' is not a drive letter such as F or F:");
        }
        return new DriveLetter(t.toUpperCase(Locale.ROOT).charAt(0));
    }

    @Override
    public int compareTo(DriveLetter other) {
        return Character.compare(letter, other.letter);
    }

    /** {@code F:}. */
    @Override
    public String toString() {
        return letter + ":";
    }
}
