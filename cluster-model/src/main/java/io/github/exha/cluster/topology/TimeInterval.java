package io.github.exha.cluster.topology;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.github.exha.core.command.TimeSpanFormat;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A duration as topologies write it: ISO-8601 ({@code PT0.005S}, {@code PT3M}) or .NET TimeSpan text as EMS prints
 * it ({@code 00:00:00.005}, {@code 1.00:00:00}).
 *
 * @param duration the duration
 */
public record TimeInterval(Duration duration) {
    /** Validates the value. */
    public TimeInterval {
        Objects.requireNonNull(duration, "duration");
    }

    /**
     * Reads a topology value: ISO-8601 or TimeSpan text. A bare number is refused, since its unit would be a guess.
     *
     * @throws IllegalArgumentException for anything else
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TimeInterval of(Object value) {
        if (value instanceof String text) {
            return parse(text);
        }
        throw new IllegalArgumentException("expected a duration such as PT0.005S (ISO-8601) or 00:00:00.005 (TimeSpan),"
                + " found " + (value instanceof Number ? "the number " + value + ", which has no unit"
                        : value == null ? "nothing" : "a " + ByteSize.kind(value)));
    }

    /**
     * Reads ISO-8601 or TimeSpan text.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static TimeInterval parse(String text) {
        String t = text == null ? "" : text.strip();
        String hint = "'" + text + "' is not a duration such as PT0.005S (ISO-8601) or 00:00:00.005 (TimeSpan)";
        if (t.startsWith("P") || t.startsWith("p") || t.startsWith("-P") || t.startsWith("-p")) {
            try {
                return new TimeInterval(Duration.parse(t));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(hint);
            }
        }
        try {
            return new TimeInterval(TimeSpanFormat.parse(t));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(hint + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return duration.toString();
    }
}
