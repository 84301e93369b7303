package io.github.exha.storage.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Something an array did that a host journals: a LUN created, an access state changed, a group changed state, a link
 * went down.
 *
 * @param time virtual time, from the context's clock
 * @param type what happened
 * @param array the array it happened on
 * @param subject the LUN, host, link or group concerned
 * @param details further facts ({@code from}, {@code to}, {@code reason}...), sorted by key
 */
public record StorageEvent(Instant time, Type type, String array, String subject, Map<String, String> details) {
    /** The kinds of event. */
    public enum Type {
        /** A LUN was created. */
        LUN_CREATED,
        /** A LUN was deleted. */
        LUN_DELETED,
        /** A LUN's access state changed (details: from, to). */
        ACCESS_STATE_CHANGED,
        /** A LUN was presented to or hidden from a host (details: host, presented). */
        MASKING_CHANGED,
        /** A consistency group changed state (details: from, to, reason). */
        REPLICATION_STATE_CHANGED,
        /** Source and target swapped roles (details: source, target). */
        REPLICATION_ROLES_SWAPPED,
        /** A replication link went up or down (details: from, to). */
        LINK_STATE_CHANGED,
        /** An array was powered off or on (details: powered). */
        ARRAY_POWER_CHANGED
    }

    public StorageEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(array, "array");
        Objects.requireNonNull(subject, "subject");
        details = java.util.Collections.unmodifiableMap(new TreeMap<>(details));
    }
}
