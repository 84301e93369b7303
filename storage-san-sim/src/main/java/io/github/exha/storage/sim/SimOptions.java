package io.github.exha.storage.sim;

import io.github.exha.storage.spi.StorageErrorCode;
import io.github.exha.storage.spi.StorageException;
import java.util.Map;

/**
 * The vendor options of a {@code sim} array ({@link io.github.exha.storage.spi.ArraySpec#options()}).
 *
 * <ul>
 *   <li>{@code maxLuns}: the most LUNs the array holds, a positive integer (default: no limit). Creating one more
 *       fails with {@link StorageErrorCode#INSUFFICIENT_CAPACITY}, as a full LUN table does on a real array.</li>
 * </ul>
 *
 * Any other key, or a value that does not parse, is refused with {@link StorageErrorCode#INVALID_ARGUMENT}.
 *
 * @param maxLuns the LUN limit
 */
public record SimOptions(int maxLuns) {
    /** The option naming the LUN limit. */
    public static final String MAX_LUNS = "maxLuns";

    /** @throws IllegalArgumentException when {@code maxLuns} is not positive */
    public SimOptions {
        if (maxLuns <= 0) {
            throw new IllegalArgumentException("maxLuns must be positive: " + maxLuns);
        }
    }

    /**
     * Parses an array's options.
     *
     * @throws StorageException {@link StorageErrorCode#INVALID_ARGUMENT} naming the array and the bad option
     */
    public static SimOptions parse(String array, Map<String, String> options) {
        int maxLuns = Integer.MAX_VALUE;
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (!option.getKey().equals(MAX_LUNS)) {
                throw new StorageException(StorageErrorCode.INVALID_ARGUMENT, "Array '" + array
                        + "': unknown option '" + option.getKey() + "' for vendor 'sim'; known options: " + MAX_LUNS
                        + ".", array);
            }
            try {
                maxLuns = Integer.parseInt(option.getValue().trim());
            } catch (NumberFormatException e) {
                maxLuns = 0;
            }
            if (maxLuns <= 0) {
                throw new StorageException(StorageErrorCode.INVALID_ARGUMENT, "Array '" + array + "': option "
                        + MAX_LUNS + " must be a positive integer, not '" + option.getValue() + "'.", array);
            }
        }
        return new SimOptions(maxLuns);
    }
}
