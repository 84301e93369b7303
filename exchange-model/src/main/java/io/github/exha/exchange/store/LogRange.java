package io.github.exha.exchange.store;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;

/**
 * A range of log generations, such as a database header's "Log Required" range; {@code 0-0} when none is required.
 *
 * @param low the first generation, 0 only in {@link #NONE}
 * @param high the last generation, at least {@code low}
 */
public record LogRange(long low, long high) {
    /** No log required: {@code 0-0}, a cleanly shut down database. */
    public static final LogRange NONE = new LogRange(0, 0);

    /** Validates the range. */
    public LogRange {
        if (low < 0 || high < low || (low == 0) != (high == 0)) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "not a log range: " + low + "-" + high);
        }
    }

    /** Whether this is {@link #NONE}. */
    public boolean isNone() {
        return low == 0;
    }

    /** Whether {@code generation} lies in the range. */
    public boolean contains(long generation) {
        return !isNone() && generation >= low && generation <= high;
    }

    /** As eseutil prints it: {@code 5-8 (0x5-0x8)}. */
    @Override
    public String toString() {
        return low + "-" + high + " (0x" + Long.toHexString(low) + "-0x" + Long.toHexString(high) + ")";
    }
}
