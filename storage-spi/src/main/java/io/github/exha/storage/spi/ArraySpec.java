package io.github.exha.storage.spi;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An array to create.
 *
 * @param name unique among the arrays of a lab ({@code SAN-MAIN})
 * @param site the site it stands in ({@code Production})
 * @param serial the array's serial number
 * @param capacityBytes usable capacity for LUNs; positive
 * @param options vendor-specific settings (documented by each plugin), copied
 */
public record ArraySpec(String name, String site, String serial, long capacityBytes, Map<String, String> options) {
    public ArraySpec {
        requireName(name, "name");
        requireName(site, "site");
        requireName(serial, "serial");
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("capacityBytes must be positive: " + capacityBytes);
        }
        options = java.util.Collections.unmodifiableMap(new TreeMap<>(options));
    }

    /** An array with no vendor options. */
    public static ArraySpec of(String name, String site, String serial, long capacityBytes) {
        return new ArraySpec(name, site, serial, capacityBytes, Map.of());
    }

    static void requireName(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
