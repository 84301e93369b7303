package io.github.exha.examples.asyncarray;

import io.github.exha.storage.spi.StorageErrorCode;
import io.github.exha.storage.spi.StorageException;
import java.time.Duration;
import java.util.Map;

/**
 * The vendor options of an {@code async-array} array ({@link io.github.exha.storage.spi.ArraySpec#options()}).
 *
 * <ul>
 *   <li>{@code maxLuns}: the most LUNs the array holds, a positive integer (default: no limit). Creating one more
 *       fails with {@link StorageErrorCode#INSUFFICIENT_CAPACITY}, as a full LUN table does on a real array.</li>
 *   <li>{@code cycleSeconds}: the replication cycle, a positive number of whole seconds (default
 *       {@value #DEFAULT_CYCLE_SECONDS}). Writes acknowledged during a cycle are shipped together when it closes, at
 *       the next multiple of the cycle on the virtual clock, so the RPO of an IN_SYNC group is up to one cycle plus
 *       the transfer time.</li>
 * </ul>
 *
 * Any other key, or a value that does not parse, is refused with {@link StorageErrorCode#INVALID_ARGUMENT}.
 *
 * @param maxLuns the LUN limit
 * @param cycle the replication cycle
 */
public record CycleOptions(int maxLuns, Duration cycle) {
    /** The option naming the LUN limit. */
    public static final String MAX_LUNS = "maxLuns";
    /** The option naming the replication cycle in seconds. */
    public static final String CYCLE_SECONDS = "cycleSeconds";
    /** The cycle when the option is absent (a common default of cycle-based asynchronous replication). */
    public static final int DEFAULT_CYCLE_SECONDS = 30;

    /** @throws IllegalArgumentException when {@code maxLuns} or the cycle is not positive */
    public CycleOptions {
        if (maxLuns <= 0) {
            throw new IllegalArgumentException("maxLuns must be positive: " + maxLuns);
        }
        if (cycle == null || cycle.isNegative() || cycle.isZero()) {
            throw new IllegalArgumentException("the cycle must be positive: " + cycle);
        }
    }

    /**
     * Parses an array's options.
     *
     * @throws StorageException {@link StorageErrorCode#INVALID_ARGUMENT} naming the array and the bad option
     */
    public static CycleOptions parse(String array, Map<String, String> options) {
        int maxLuns = Integer.MAX_VALUE;
        int cycleSeconds = DEFAULT_CYCLE_SECONDS;
        for (Map.Entry<String, String> option : options.entrySet()) {
            switch (option.getKey()) {
                case MAX_LUNS -> maxLuns = positive(array, option);
                case CYCLE_SECONDS -> cycleSeconds = positive(array, option);
                default -> throw new StorageException(StorageErrorCode.INVALID_ARGUMENT, "Array '" + array
                        + "': unknown option '" + option.getKey() + "' for vendor '" + CycleStorageProvider.VENDOR_ID
                        + "'; known options: " + CYCLE_SECONDS + ", " + MAX_LUNS + ".", array);
            }
        }
        return new CycleOptions(maxLuns, Duration.ofSeconds(cycleSeconds));
    }

    private static int positive(String array, Map.Entry<String, String> option) {
        int value;
        try {
            value = Integer.parseInt(option.getValue().trim());
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (value <= 0) {
            throw new StorageException(StorageErrorCode.INVALID_ARGUMENT, "Array '" + array + "': option "
                    + option.getKey() + " must be a positive integer, not '" + option.getValue() + "'.", array);
        }
        return value;
    }
}
