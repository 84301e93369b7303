package io.github.exha.exchange.store;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The identity of one log stream, stamped into every log file of the stream, the checkpoint and the database headers
 * attached to it: ESE draws a random number when it creates the stream's first log. Recovery refuses a log whose
 * signature differs from the stream's ({@code JET_errBadLogSignature}, -530).
 *
 * @param random the random part, an unsigned 32-bit number
 * @param created when the stream's first log was created
 */
public record LogSignature(long random, Instant created) {
    private static final DateTimeFormatter ESEUTIL_TIME = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** Validates the signature. */
    public LogSignature {
        if (random < 0 || random > 0xFFFF_FFFFL) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "a log signature's random part is 32 bits: " + random);
        }
        Objects.requireNonNull(created, "created");
    }

    /** A new stream's signature, drawn from {@code random} at {@code now}. */
    public static LogSignature draw(RandomGenerator random, Instant now) {
        return new LogSignature(random.nextLong(1L << 32), now);
    }

    /** As eseutil prints it: {@code Create time:03/01/2008 08:00:00 Rand:4087596 Computer:} (UTC). */
    public String display() {
        return "Create time:" + ESEUTIL_TIME.format(created) + " Rand:" + random + " Computer:";
    }

    @Override
    public String toString() {
        return display();
    }
}
