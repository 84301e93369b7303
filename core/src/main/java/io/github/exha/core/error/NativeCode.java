package io.github.exha.core.error;

import java.util.Objects;

/**
 * The number the real Windows or Exchange product reports for an error, as that product prints it:
 * {@code 5018 (0x139A)}, {@code c1037b44}, {@code -529}, event {@code 2058}.
 *
 * @param number the numeric value (a Win32 error, an HRESULT-like Exchange setup code, an ESE error or an event id)
 * @param display the text the real product shows for it
 */
public record NativeCode(long number, String display) {
    public NativeCode {
        Objects.requireNonNull(display, "display");
        if (display.isBlank()) {
            throw new IllegalArgumentException("display must not be blank");
        }
    }

    /** A Win32 error as Windows prints it: {@code 5018 (0x139A)}. */
    public static NativeCode win32(int number) {
        return new NativeCode(number, number + " (0x" + Integer.toHexString(number).toUpperCase(java.util.Locale.ROOT) + ")");
    }

    /** An Exchange setup or ESM error id, printed as lower-case hex without prefix: {@code c1037b44}. */
    public static NativeCode exchangeHex(long number) {
        return new NativeCode(number, Long.toHexString(number));
    }

    /** An ESE (JET) error number such as {@code -529}. */
    public static NativeCode ese(int number) {
        return new NativeCode(number, Integer.toString(number));
    }

    /** A Windows event-log event id such as {@code 2058}. */
    public static NativeCode eventId(int number) {
        return new NativeCode(number, Integer.toString(number));
    }

    @Override
    public String toString() {
        return display;
    }
}
