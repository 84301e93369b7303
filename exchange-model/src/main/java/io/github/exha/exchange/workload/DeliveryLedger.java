package io.github.exha.exchange.workload;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every message a generator submitted and every acknowledgement, with times: the ground truth that loss is counted
 * against ({@link #lossAgainst}), never estimated.
 *
 * <p>The generator's ids are sequential, so the ledger keeps its messages in columns indexed by id (recipient as an
 * index into the mailboxes seen, size, checksum, submission and acknowledgement instants as epoch nanoseconds): 32
 * bytes a message instead of the objects and tree entries of a map (issue 8: a simulated week of mail). The maps this
 * API returns are built when asked for.
 */
public final class DeliveryLedger {
    private static final int PAGE_SHIFT = 12;
    private static final int PAGE = 1 << PAGE_SHIFT;
    private static final long NOT_ACKNOWLEDGED = Long.MIN_VALUE;

    private final List<String> mailboxes = new ArrayList<>();
    private final Map<String, Integer> mailboxIndex = new HashMap<>();
    private final List<int[]> recipients = new ArrayList<>();
    private final List<int[]> checksums = new ArrayList<>();
    private final List<long[]> sizes = new ArrayList<>();
    private final List<long[]> submittedAt = new ArrayList<>();
    private final List<long[]> acknowledgedAt = new ArrayList<>();
    private long firstId = -1;
    private long count;
    private long acknowledgedCount;
    private long attempts;
    private long failedAttempts;

    /** Records a submission; the generator submits ids in sequence. */
    void submitted(MailMessage message) {
        if (firstId < 0) {
            firstId = message.id();
        } else if (message.id() != firstId + count) {
            throw new ExhaException(CoreErrorCode.INTERNAL_ERROR, "the ledger expects message " + (firstId + count)
                    + " next, not " + message.id());
        }
        int page = (int) (count >>> PAGE_SHIFT);
        int slot = (int) (count & (PAGE - 1));
        if (page == recipients.size()) {
            recipients.add(new int[PAGE]);
            checksums.add(new int[PAGE]);
            sizes.add(new long[PAGE]);
            submittedAt.add(new long[PAGE]);
            long[] acks = new long[PAGE];
            java.util.Arrays.fill(acks, NOT_ACKNOWLEDGED);
            acknowledgedAt.add(acks);
        }
        recipients.get(page)[slot] = mailboxIndex.computeIfAbsent(message.mailbox(), name -> {
            mailboxes.add(name);
            return mailboxes.size() - 1;
        });
        checksums.get(page)[slot] = message.checksum();
        sizes.get(page)[slot] = message.sizeBytes();
        submittedAt.get(page)[slot] = nanos(message.submitted());
        count++;
    }

    void attempted() {
        attempts++;
    }

    void failed() {
        failedAttempts++;
    }

    /** Records an acknowledgement; the first one of a message counts (a retried message may be acknowledged twice). */
    void acknowledged(long id, Instant at) {
        long index = index(id);
        if (index < 0) {
            throw new ExhaException(CoreErrorCode.INTERNAL_ERROR, "message " + id + " was never submitted");
        }
        long[] page = acknowledgedAt.get((int) (index >>> PAGE_SHIFT));
        int slot = (int) (index & (PAGE - 1));
        if (page[slot] == NOT_ACKNOWLEDGED) {
            page[slot] = nanos(at);
            acknowledgedCount++;
        }
    }

    /** The submitted messages by id (built when called: a copy). */
    public SortedMap<Long, MailMessage> submitted() {
        TreeMap<Long, MailMessage> all = new TreeMap<>();
        for (long i = 0; i < count; i++) {
            all.put(firstId + i, message(i));
        }
        return Collections.unmodifiableSortedMap(all);
    }

    /** When each acknowledged message was first acknowledged, by id (built when called: a copy). */
    public SortedMap<Long, Instant> acknowledged() {
        TreeMap<Long, Instant> all = new TreeMap<>();
        for (long i = 0; i < count; i++) {
            long at = ackNanos(i);
            if (at != NOT_ACKNOWLEDGED) {
                all.put(firstId + i, instant(at));
            }
        }
        return Collections.unmodifiableSortedMap(all);
    }

    /** The ids acknowledged. */
    public SortedSet<Long> acknowledgedIds() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(acknowledged().keySet()));
    }

    /** When message {@code id} was acknowledged, if it was. */
    public Optional<Instant> acknowledgedAt(long id) {
        long index = index(id);
        if (index < 0) {
            return Optional.empty();
        }
        long at = ackNanos(index);
        return at == NOT_ACKNOWLEDGED ? Optional.empty() : Optional.of(instant(at));
    }

    /** How many messages were submitted. */
    public long submittedCount() {
        return count;
    }

    /** How many messages were acknowledged. */
    public long acknowledgedCount() {
        return acknowledgedCount;
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
        TreeSet<Long> lost = new TreeSet<>();
        for (long i = 0; i < count; i++) {
            if (ackNanos(i) != NOT_ACKNOWLEDGED && !holds.contains(firstId + i)) {
                lost.add(firstId + i);
            }
        }
        TreeSet<Long> unacknowledged = new TreeSet<>();
        TreeSet<Long> unknown = new TreeSet<>();
        for (Long id : holds) {
            long index = index(id);
            if (index < 0) {
                unknown.add(id);
            } else if (ackNanos(index) == NOT_ACKNOWLEDGED) {
                unacknowledged.add(id);
            }
        }
        return new LossReport(acknowledgedCount, holds.size(), lost, unacknowledged, unknown);
    }

    /** The column index of message {@code id}, or -1 when this ledger never saw it. */
    private long index(long id) {
        long index = id - firstId;
        return firstId < 0 || index < 0 || index >= count ? -1 : index;
    }

    private long ackNanos(long index) {
        return acknowledgedAt.get((int) (index >>> PAGE_SHIFT))[(int) (index & (PAGE - 1))];
    }

    private MailMessage message(long index) {
        int page = (int) (index >>> PAGE_SHIFT);
        int slot = (int) (index & (PAGE - 1));
        return new MailMessage(firstId + index, mailboxes.get(recipients.get(page)[slot]), sizes.get(page)[slot],
                checksums.get(page)[slot], instant(submittedAt.get(page)[slot]));
    }

    private static long nanos(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    @Override
    public String toString() {
        return "DeliveryLedger[submitted=" + count + ", acknowledged=" + acknowledgedCount + "]";
    }
}
