package io.github.exha.core.kernel;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One entry of a world's {@link Journal}.
 *
 * @param sequence 1-based position in the journal
 * @param time the virtual instant it was appended at
 * @param type what kind of entry it is
 * @param source who produced it: a host, a component, a fault point
 * @param name what happened, for example {@code cluster.group.online} or {@code MSExchangeIS}
 * @param attributes details, sorted by key; event-log entries carry the Windows/Exchange event id in
 *     {@value #EVENT_ID}
 */
public record JournalEntry(long sequence, Instant time, Type type, String source, String name, Map<String, String> attributes) {
    /** The attribute holding a Windows/Exchange event id, for example {@code 2058}. */
    public static final String EVENT_ID = "eventId";

    /** The kinds of journal entries. */
    public enum Type {
        /** An entry the real product writes to the Windows event log (carries {@value JournalEntry#EVENT_ID}). */
        EVENT_LOG,
        /** A model object changed state (a resource went online, a copy became healthy). */
        STATE_CHANGE,
        /** A runbook command started or ended. */
        COMMAND,
        /** A fault point fired, or a fault was armed or disarmed. */
        FAULT,
        /** Anything else worth reading in a report. */
        NOTE
    }

    /** Validates the entry and stores the attributes as an unmodifiable copy sorted by key. */
    public JournalEntry {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be at least 1: " + sequence);
        }
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        Objects.requireNonNull(attributes, "attributes");
        TreeMap<String, String> sorted = new TreeMap<>();
        attributes.forEach((key, value) -> sorted.put(
                Objects.requireNonNull(key, "attribute key"), Objects.requireNonNull(value, () -> "attribute " + key)));
        attributes = Collections.unmodifiableMap(sorted);
    }

    /** The attribute {@code key}, or null. */
    public String attribute(String key) {
        return attributes.get(key);
    }
}
