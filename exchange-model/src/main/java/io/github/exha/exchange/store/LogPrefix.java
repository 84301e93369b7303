package io.github.exha.exchange.store;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;

/**
 * The base name of a storage group's log stream: {@code E00} for the first storage group, {@code E01} for the second,
 * and so on ({@code R00} for a recovery storage group). Every file of the stream starts with it.
 *
 * @param value one upper-case letter and two digits
 */
public record LogPrefix(String value) {
    /** The first storage group's prefix. */
    public static final LogPrefix E00 = new LogPrefix("E00");

    /** Validates the prefix. */
    public LogPrefix {
        // Checked by hand, not by a regex: a prefix is built for every log folder the replication service polls.
        if (value == null || value.length() != 3 || value.charAt(0) < 'A' || value.charAt(0) > 'Z'
                || value.charAt(1) < '0' || value.charAt(1) > '9' || value.charAt(2) < '0' || value.charAt(2) > '9') {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT,
                    "a log prefix is a letter and two digits, such as E00: " + value);
        }
    }

    /**
     * {@code E00} for storage group 0, {@code E01} for 1...
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} outside 0..99
     */
    public static LogPrefix forStorageGroup(int index) {
        if (index < 0 || index > 99) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "a storage group index is 0..99: " + index);
        }
        return new LogPrefix(String.format(java.util.Locale.ROOT, "E%02d", index));
    }

    @Override
    public String toString() {
        return value;
    }
}
