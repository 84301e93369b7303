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
        if (value == null || value.length() != 3 || value.charAt(0) < 'A' || value.charAt(0) > 'Z'
                || !isDigit(value.charAt(1)) || !isDigit(value.charAt(2))) {
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

    // [0-9] exactly (Character.isDigit also takes other scripts' digits); no regex: prefixes are made per copy step.
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    @Override
    public String toString() {
        return value;
    }
}
