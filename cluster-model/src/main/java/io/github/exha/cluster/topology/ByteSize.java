package io.github.exha.cluster.topology;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of bytes as topologies write it: {@code 1073741824}, {@code 512KB}, {@code 100MB}, {@code 200GB},
 * {@code 4TB}, {@code 1.5TB} (units ignore case; a space before the unit is allowed). Units are binary, as Windows
 * and the arrays of the era count them: 1 KB = 1024 bytes, 1 GB = 1024³ bytes.
 *
 * @param bytes the size in bytes, not negative
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {
    private static final Pattern TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]?B)?", Pattern.CASE_INSENSITIVE);

    /** Validates the size. */
    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size must not be negative, found " + bytes);
        }
    }

    /**
     * Reads a size from a topology value: a whole number of bytes, or text with a unit.
     *
     * @throws IllegalArgumentException for anything else
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ByteSize of(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
            return parse(value.toString());
        }
        if (value instanceof String text) {
            return parse(text);
        }
        throw new IllegalArgumentException("expected a size such as 1073741824, 512MB, 200GB or 4TB, found "
                + (value instanceof Number ? "the number " + value : value == null ? "nothing" : "a " + kind(value)));
    }

    static String kind(Object value) {
        return value instanceof java.util.Map ? "mapping" : value instanceof java.util.List ? "list" : "value " + value;
    }

    /**
     * Reads a size.
     *
     * @throws IllegalArgumentException for text that is not a size, a size that is not a whole number of bytes, or one
     *     too large
     */
    public static ByteSize parse(String text) {
        Matcher matcher = TEXT.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size such as 1073741824, 512MB, 200GB or 4TB");
        }
        String unit = matcher.group(2) == null ? "B" : matcher.group(2).toUpperCase(Locale.ROOT);
        int shift = switch (unit) {
            case "KB" -> 10;
            case "MB" -> 20;
            case "GB" -> 30;
            case "TB" -> 40;
            default -> 0;
        };
        BigDecimal value = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(2).pow(shift));
        try {
            return new ByteSize(value.longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of bytes up to "
                    + Long.MAX_VALUE + ": " + value.toPlainString());
        }
    }

    /** {@code count} gibibytes. */
    public static ByteSize gigabytes(long count) {
        return new ByteSize(Math.multiplyExact(count, 1L << 30));
    }

    @Override
    public int compareTo(ByteSize other) {
        return Long.compare(bytes, other.bytes);
    }

    /** The shortest exact form: {@code 200GB}, {@code 1536MB}, {@code 1000}. */
    @Override
    public String toString() {
        String[] units = {"TB", "GB", "MB", "KB"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << shifts[i];
            if (bytes >= unit && bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return Long.toString(bytes);
    }
}
