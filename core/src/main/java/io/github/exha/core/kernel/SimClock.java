package io.github.exha.core.kernel;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The virtual clock of one simulated world: epoch nanoseconds in a {@code long}. Only the {@link Scheduler}
 * advances it, so everything that reads time in a world sees the same, reproducible timeline. A {@code long}
 * of epoch nanoseconds covers 1677-09-21 to 2262-04-11, ample for Exchange 2003/2007 scenarios.
 */
public final class SimClock implements InstantSource {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final Instant start;
    private long nanos;

    /**
     * A clock standing at {@code start}.
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} if {@code start} is null or outside the range of epoch
     *     nanoseconds a {@code long} holds
     */
    public SimClock(Instant start) {
        if (start == null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "the start instant must not be null");
        }
        this.start = start;
        this.nanos = toEpochNanos(start);
    }

    /**
     * Epoch nanoseconds of {@code instant}.
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} if it does not fit in a {@code long}
     */
    static long toEpochNanos(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
        } catch (ArithmeticException e) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "instant " + instant
                    + " is outside the simulated range " + toInstant(Long.MIN_VALUE) + " .. " + toInstant(Long.MAX_VALUE));
        }
    }

    /** The instant at {@code epochNanos}. */
    static Instant toInstant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND), Math.floorMod(epochNanos, NANOS_PER_SECOND));
    }

    /** The current virtual instant. */
    @Override
    public Instant instant() {
        return toInstant(nanos);
    }

    /** The current virtual time in epoch milliseconds (rounded down). */
    @Override
    public long millis() {
        return Math.floorDiv(nanos, NANOS_PER_MILLI);
    }

    /** The current virtual time in epoch nanoseconds. */
    public long nanos() {
        return nanos;
    }

    /** The instant the world started at. */
    public Instant start() {
        return start;
    }

    /** Moves the clock to {@code epochNanos}; the scheduler never moves it backwards. */
    void advanceTo(long epochNanos) {
        if (epochNanos < nanos) {
            throw new ExhaException(CoreErrorCode.INTERNAL_ERROR, "virtual time cannot go backwards: from "
                    + toInstant(nanos) + " to " + toInstant(epochNanos));
        }
        nanos = epochNanos;
    }

    @Override
    public String toString() {
        return "SimClock[" + instant() + "]";
    }
}
