package io.github.exha.exchange.store;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.util.List;
import java.util.OptionalLong;

/**
 * How a version of Exchange names and sizes its transaction logs (DOMAIN.md §4).
 *
 * <table>
 *   <caption>Log files of the first storage group</caption>
 *   <tr><th></th><th>Exchange 2003</th><th>Exchange 2007</th></tr>
 *   <tr><td>log size</td><td>5 MB</td><td>1 MB</td></tr>
 *   <tr><td>closed log</td><td>{@code E0000001.log}</td><td>{@code E0000000001.log}</td></tr>
 *   <tr><td>current log</td><td>{@code E00.log}</td><td>{@code E00.log}</td></tr>
 *   <tr><td>next log, pre-created</td><td>{@code E00tmp.log}</td><td>{@code E00tmp.log}</td></tr>
 *   <tr><td>checkpoint</td><td>{@code E00.chk}</td><td>{@code E00.chk}</td></tr>
 *   <tr><td>reserve logs</td><td>{@code Res1.log}, {@code Res2.log}</td>
 *       <td>{@code E00res00001.jrs}, {@code E00res00002.jrs}</td></tr>
 * </table>
 */
public enum LogFormat {
    /** Exchange 2003: 5 MB logs named with 5 hex digits. */
    EXCHANGE_2003(5L << 20, 5),
    /** Exchange 2007: 1 MB logs named with 8 hex digits. */
    EXCHANGE_2007(1L << 20, 8);

    private static final String HEX_DIGITS = "0123456789ABCDEF";

    private final long logSize;
    private final int digits;

    LogFormat(long logSize, int digits) {
        this.logSize = logSize;
        this.digits = digits;
    }

    /** The size of every log file, current and pre-created ones included. */
    public long logSize() {
        return logSize;
    }

    /** Hex digits of the generation in a closed log's name. */
    public int generationDigits() {
        return digits;
    }

    /** The last generation the names can hold: {@code 0xFFFFF} for 2003, {@code 0xFFFFFFFF} for 2007. */
    public long maxGeneration() {
        return (1L << (4 * digits)) - 1;
    }

    /**
     * A closed log's file name: {@code E0000000001.log} (2007), {@code E0000001.log} (2003); hex digits upper case.
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} for a generation outside 1..{@link #maxGeneration()}
     */
    public String generationName(LogPrefix prefix, long generation) {
        if (generation < 1 || generation > maxGeneration()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "log generation " + generation + " is outside 1.."
                    + maxGeneration() + " for " + this);
        }
        // Digit by digit into one builder: the store and the replication service name logs at every step.
        String value = prefix.value();
        StringBuilder name = new StringBuilder(value.length() + digits + 4).append(value);
        for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
            name.append(HEX_DIGITS.charAt((int) (generation >>> shift) & 0xF));
        }
        return name.append(".log").toString();
    }

    /** The current log: {@code E00.log}. */
    public String currentName(LogPrefix prefix) {
        return prefix.value() + ".log";
    }

    /** The next log, created ahead of time: {@code E00tmp.log}. */
    public String temporaryName(LogPrefix prefix) {
        return prefix.value() + "tmp.log";
    }

    /** The checkpoint file: {@code E00.chk}. */
    public String checkpointName(LogPrefix prefix) {
        return prefix.value() + ".chk";
    }

    /** The two reserve logs, used to shut down cleanly when the log disk is full. */
    public List<String> reserveNames(LogPrefix prefix) {
        return switch (this) {
            case EXCHANGE_2003 -> List.of("Res1.log", "Res2.log");
            case EXCHANGE_2007 -> List.of(prefix.value() + "res00001.jrs", prefix.value() + "res00002.jrs");
        };
    }

    /** The generation a closed log's file name carries (case-insensitive), or empty for any other name. */
    public OptionalLong parseGeneration(LogPrefix prefix, String fileName) {
        // Without allocating: the replication service's copier parses every name of a log folder at every step.
        String expected = prefix.value();
        if (fileName.length() != 3 + digits + 4 || !fileName.regionMatches(true, 0, expected, 0, expected.length())
                || !fileName.regionMatches(true, 3 + digits, ".log", 0, 4)) {
            return OptionalLong.empty();
        }
        long generation = 0;
        for (int i = 3; i < 3 + digits; i++) {
            int digit = Character.digit(fileName.charAt(i), 16);
            if (digit < 0) {
                return OptionalLong.empty();
            }
            generation = generation << 4 | digit;
        }
        return generation == 0 ? OptionalLong.empty() : OptionalLong.of(generation);
    }

    /**
     * Where the record area of a log file ends: the records follow the header up to this offset. Written (zeros)
     * when the file is created, so the area is allocated like the rest of a real log; the remainder up to
     * {@link #logSize()} is a hole. CHOICE: a sixteenth of the log, 64 KB for 2007 and 320 KB for 2003. Public so the
     * replication service's copier can ship a log file byte for byte (the area and the last byte), sparse as here.
     */
    public long recordAreaEnd() {
        return logSize / 16;
    }

    /** The format whose logs have this size, if any. */
    static java.util.Optional<LogFormat> ofLogSize(long size) {
        for (LogFormat format : values()) {
            if (format.logSize == size) {
                return java.util.Optional.of(format);
            }
        }
        return java.util.Optional.empty();
    }
}
