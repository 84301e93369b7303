package io.github.exha.exchange.workload;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every message a generator submitted and every acknowledgement, with times: the ground truth that loss is counted
 * against ({@link #lossAgainst}), never estimated.
 */
public final class DeliveryLedger {
    private final TreeMap<Long, MailMessage> submitted = new TreeMap<>();
    private final TreeMap<Long, Instant> acknowledged = new TreeMap<>();
    private long attempts;
    private long failedAttempts;

    void submitted(MailMessage message) {
        submitted.put(message.id(), message);
    }

    void attempted() {
        attempts++;
    }

    void failed() {
        failedAttempts++;
    }

    /** Records an acknowledgement; the first one of a message counts (a retried message may be acknowledged twice). */
    void acknowledged(long id, Instant at) {
        acknowledged.putIfAbsent(id, at);
    }

    /** The submitted messages by id. */
    public SortedMap<Long, MailMessage> submitted() {
        return Collections.unmodifiableSortedMap(submitted);
    }

    /** When each acknowledged message was first acknowledged, by id. */
    public SortedMap<Long, Instant> acknowledged() {
        return Collections.unmodifiableSortedMap(acknowledged);
    }

    /** The ids acknowledged. */
    public SortedSet<Long> acknowledgedIds() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(acknowledged.keySet()));
    }

    /** When message {@code id} was acknowledged, if it was. */
    public Optional<Instant> acknowledgedAt(long id) {
        return Optional.ofNullable(acknowledged.get(id));
    }

    /** How many messages were submitted. */
    public long submittedCount() {
        return submitted.size();
    }

    /** How many messages were acknowledged. */
    public long acknowledgedCount() {
        return acknowledged.size();
    }

    /** How many times messages were handed to the destination (retries included). */
    public long attempts() {
        return attempts;
    }

    /** How many deliveries the destination accepted and then failed. */
    public long failedAttempts() {
        return failedAttempts;
    }

    /** Compares the acknowledged messages with the ids a database holds. */
    public LossReport lossAgainst(Collection<Long> held) {
        TreeSet<Long> holds = new TreeSet<>(held);
        TreeSet<Long> lost = new TreeSet<>(acknowledged.keySet());
        lost.removeAll(holds);
        TreeSet<Long> unacknowledged = new TreeSet<>(holds);
        unacknowledged.removeAll(acknowledged.keySet());
        TreeSet<Long> unknown = new TreeSet<>(unacknowledged);
        unknown.removeAll(submitted.keySet());
        unacknowledged.removeAll(unknown);
        return new LossReport(acknowledged.size(), holds.size(), lost, unacknowledged, unknown);
    }

    @Override
    public String toString() {
        return "DeliveryLedger[submitted=" + submitted.size() + ", acknowledged=" + acknowledged.size() + "]";
    }
}
