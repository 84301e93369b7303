package io.github.exha.storage.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * A replication link between two arrays.
 *
 * @param name unique among an array's links
 * @param latency one-way latency; not negative
 * @param bandwidthBytesPerSecond positive
 */
public record LinkSpec(String name, Duration latency, long bandwidthBytesPerSecond) {
    public LinkSpec {
        ArraySpec.requireName(name, "name");
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        if (bandwidthBytesPerSecond <= 0) {
            throw new IllegalArgumentException("bandwidthBytesPerSecond must be positive: " + bandwidthBytesPerSecond);
        }
    }
}
