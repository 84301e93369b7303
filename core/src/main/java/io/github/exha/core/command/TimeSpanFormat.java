package io.github.exha.core.command;

import java.time.Duration;

/**
 * Reads and writes .NET {@code System.TimeSpan} text, which EMS uses for lag times and timeouts:
 * {@code [-]d}, {@code [-][d.]hh:mm[:ss[.fffffff]]}, as {@code TimeSpan.Parse} accepts with the invariant culture
 * ({@code 0.0:0:0}, {@code 1.00:00:00}, {@code 00:30:00}, {@code 7}).
 */
public final class TimeSpanFormat {
    /** .NET's message for text that is not a TimeSpan. */
    public static final String BAD_FORMAT = "String was not recognized as a valid TimeSpan.";
    /** .NET's message for a component out of range. */
    public static final String OUT_OF_RANGE = "The TimeSpan could not be parsed because at least one of the numeric"
            + " components is out of range or contains too many digits.";
    private static final long MAX_DAYS = 10_675_199L;

    private TimeSpanFormat() {
    }

    /**
     * Parses TimeSpan text.
     *
     * @throws IllegalArgumentException with .NET's message when the text is not a TimeSpan
     */
    public static Duration parse(String text) {
        String s = text.strip();
        boolean negative = s.startsWith("-");
        if (negative) {
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException(BAD_FORMAT);
        }
        long days = 0;
        long hours;
        long minutes;
        long seconds = 0;
        long nanos = 0;
        int colon = s.indexOf(':');
        if (colon < 0) {
            days = component(s, MAX_DAYS);
            return signed(Duration.ofDays(days), negative);
        }
        String head = s.substring(0, colon);
        int dot = head.indexOf('.');
        if (dot >= 0) {
            days = component(head.substring(0, dot), MAX_DAYS);
            head = head.substring(dot + 1);
        }
        hours = component(head, 23);
        String[] rest = s.substring(colon + 1).split(":", -1);
        if (rest.length > 2) {
            throw new IllegalArgumentException(BAD_FORMAT);
        }
        minutes = component(rest[0], 59);
        if (rest.length == 2) {
            String sec = rest[1];
            int fractionDot = sec.indexOf('.');
            if (fractionDot >= 0) {
                String fraction = sec.substring(fractionDot + 1);
                if (fraction.isEmpty() || !digits(fraction)) {
                    throw new IllegalArgumentException(BAD_FORMAT);
                }
                if (fraction.length() > 7) {
                    throw new IllegalArgumentException(OUT_OF_RANGE);
                }
                // .NET ticks are 100 ns: pad the fraction to 7 digits.
                nanos = Long.parseLong((fraction + "0000000").substring(0, 7)) * 100;
                sec = sec.substring(0, fractionDot);
            }
            seconds = component(sec, 59);
        }
        Duration d = Duration.ofDays(days).plusHours(hours).plusMinutes(minutes).plusSeconds(seconds).plusNanos(nanos);
        return signed(d, negative);
    }

    /** Formats as .NET's {@code TimeSpan.ToString()}: {@code [-][d.]hh:mm:ss[.fffffff]}. */
    public static String format(Duration duration) {
        boolean negative = duration.isNegative();
        Duration d = duration.abs();
        long days = d.toDays();
        StringBuilder out = new StringBuilder();
        if (negative) {
            out.append('-');
        }
        if (days > 0) {
            out.append(days).append('.');
        }
        out.append(String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", d.toHoursPart(), d.toMinutesPart(), d.toSecondsPart()));
        long ticks = d.toNanosPart() / 100;
        if (ticks > 0) {
            out.append('.').append(String.format(java.util.Locale.ROOT, "%07d", ticks));
        }
        return out.toString();
    }

    private static Duration signed(Duration d, boolean negative) {
        return negative ? d.negated() : d;
    }

    private static long component(String text, long max) {
        if (text.isEmpty() || !digits(text)) {
            throw new IllegalArgumentException(BAD_FORMAT);
        }
        if (text.length() > 10) {
            throw new IllegalArgumentException(OUT_OF_RANGE);
        }
        long value = Long.parseLong(text);
        if (value > max) {
            throw new IllegalArgumentException(OUT_OF_RANGE);
        }
        return value;
    }

    private static boolean digits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
