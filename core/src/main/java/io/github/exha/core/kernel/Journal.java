package io.github.exha.core.kernel;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The append-only record of what happened in one world, stamped with virtual time. Reports, checkers and tests
 * read it, and its {@link #digest()} proves determinism: the same seed and inputs give the same digest.
 */
public final class Journal {
    private final SimClock clock;
    private final ThreadConfinement confinement;
    private final List<JournalEntry> entries = new ArrayList<>();
    private final List<JournalEntry> view = Collections.unmodifiableList(entries);
    private final List<Consumer<JournalEntry>> listeners = new ArrayList<>();
    private final MessageDigest sha256;
    private final ByteBuffer scratch = ByteBuffer.allocate(Long.BYTES);

    /** An empty journal stamping entries with {@code clock}'s time. */
    public Journal(SimClock clock, ThreadConfinement confinement) {
        if (clock == null || confinement == null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "clock and confinement must not be null");
        }
        this.clock = clock;
        this.confinement = confinement;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new ExhaException(CoreErrorCode.INTERNAL_ERROR, "SHA-256 is not available: " + e.getMessage());
        }
    }

    /** Appends an entry without attributes. */
    public JournalEntry append(JournalEntry.Type type, String source, String name) {
        return append(type, source, name, Map.of());
    }

    /**
     * Appends an entry at the current virtual time, folds it into the digest, then notifies the listeners in
     * subscription order.
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} for a null type, a blank source or name, or null attributes,
     *     keys or values
     */
    public JournalEntry append(JournalEntry.Type type, String source, String name, Map<String, String> attributes) {
        confinement.check();
        if (type == null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "journal entry type must not be null");
        }
        if (source == null || source.isBlank() || name == null || name.isBlank()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT,
                    "journal entry source and name must not be blank (source=" + source + ", name=" + name + ")");
        }
        if (attributes == null || hasNull(attributes)) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT,
                    "journal entry attributes must not be null nor hold null keys or values: " + name);
        }
        JournalEntry entry = new JournalEntry(entries.size() + 1L, clock.instant(), type, source, name, attributes);
        entries.add(entry);
        fold(entry);
        // Listeners subscribed by a listener see the next entry, not this one.
        int count = listeners.size();
        for (int i = 0; i < count; i++) {
            listeners.get(i).accept(entry);
        }
        return entry;
    }

    // A loop, not a stream: every entry of a day's journal passes here.
    private static boolean hasNull(Map<String, String> attributes) {
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                return true;
            }
        }
        return false;
    }

    /** Every entry so far, in order: an unmodifiable live view. */
    public List<JournalEntry> entries() {
        confinement.check();
        return view;
    }

    /** The number of entries. */
    public int size() {
        confinement.check();
        return entries.size();
    }

    /**
     * Lowercase hex SHA-256 over the canonical encoding of every entry so far. Each entry is encoded as its
     * sequence (8 bytes), epoch second (8 bytes) and nanosecond (4 bytes), then type name, source and name, then
     * the attribute count (4 bytes) and each key and value in key order; every string is its UTF-8 bytes
     * preceded by their length (4 bytes), all big-endian, so no two journals share an encoding.
     */
    public String digest() {
        confinement.check();
        try {
            // Finishing a clone leaves the running digest free to absorb later entries.
            return HexFormat.of().formatHex(((MessageDigest) sha256.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new ExhaException(CoreErrorCode.INTERNAL_ERROR, "the SHA-256 implementation cannot be cloned");
        }
    }

    /** Calls {@code listener} synchronously after every later append, after earlier subscribers. */
    public void subscribe(Consumer<JournalEntry> listener) {
        confinement.check();
        if (listener == null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "listener must not be null");
        }
        listeners.add(listener);
    }

    private void fold(JournalEntry entry) {
        putLong(entry.sequence());
        putLong(entry.time().getEpochSecond());
        putInt(entry.time().getNano());
        putString(entry.type().name());
        putString(entry.source());
        putString(entry.name());
        putInt(entry.attributes().size());
        entry.attributes().forEach((key, value) -> {
            putString(key);
            putString(value);
        });
    }

    private void putLong(long value) {
        scratch.clear();
        sha256.update(scratch.putLong(value).array(), 0, Long.BYTES);
    }

    private void putInt(int value) {
        scratch.clear();
        sha256.update(scratch.putInt(value).array(), 0, Integer.BYTES);
    }

    private void putString(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        putInt(bytes.length);
        sha256.update(bytes);
    }

    @Override
    public String toString() {
        return "Journal[entries=" + entries.size() + "]";
    }
}
