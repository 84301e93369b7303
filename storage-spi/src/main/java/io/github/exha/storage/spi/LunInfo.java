package io.github.exha.storage.spi;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an array reports about one of its LUNs.
 *
 * @param ref the array and LUN name
 * @param capacityBytes the size
 * @param blockSize the block size
 * @param accessState read-write, read-only or not ready
 * @param presentedTo the hosts it is presented to, sorted
 * @param allocatedBytes the bytes it really occupies (thin provisioning: what was written)
 */
public record LunInfo(LunRef ref, long capacityBytes, int blockSize, AccessState accessState, Set<String> presentedTo,
        long allocatedBytes) {
    public LunInfo {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(accessState, "accessState");
        presentedTo = java.util.Collections.unmodifiableSet(new TreeSet<>(presentedTo));
    }
}
