package io.github.exha.cluster.host;

import java.util.Locale;
import java.util.Optional;

/** An NTFS permission as {@code cacls} writes it: {@code R}, {@code W}, {@code C}, {@code F} or {@code N}. */
public enum FileAccess {
    /** No access (only with {@code /P}). */
    NONE("N"),
    /** Read. */
    READ("R"),
    /** Write. */
    WRITE("W"),
    /** Change (write). */
    CHANGE("C"),
    /** Full control. */
    FULL("F");

    private final String letter;

    FileAccess(String letter) {
        this.letter = letter;
    }

    /** The letter cacls uses. */
    public String letter() {
        return letter;
    }

    /** The permission for a cacls letter (case-insensitive). */
    public static Optional<FileAccess> parse(String text) {
        for (FileAccess access : values()) {
            if (access.letter.equals(text.toUpperCase(Locale.ROOT))) {
                return Optional.of(access);
            }
        }
        return Optional.empty();
    }
}
