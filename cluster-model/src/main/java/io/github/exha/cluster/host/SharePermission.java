package io.github.exha.cluster.host;

import java.util.Locale;
import java.util.Optional;

/** A share permission, as {@code net share /GRANT:account,READ|CHANGE|FULL} sets it. */
public enum SharePermission {
    /** Read. */
    READ,
    /** Change: read, write and delete. */
    CHANGE,
    /** Full Control. */
    FULL;

    /** The permission {@code net share} spells {@code text} (case-insensitive). */
    public static Optional<SharePermission> parse(String text) {
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "READ" -> Optional.of(READ);
            case "CHANGE" -> Optional.of(CHANGE);
            case "FULL" -> Optional.of(FULL);
            default -> Optional.empty();
        };
    }
}
