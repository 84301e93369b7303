package io.github.exha.exchange.server;

import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operation;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.Mailbox;
import io.github.exha.exchange.config.MailboxDatabase;
import io.github.exha.exchange.config.ReplicationKind;
import io.github.exha.exchange.config.StorageGroup;
import io.github.exha.exchange.config.TransportConfig;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The transport dumpster of the organization's Hub Transport servers: for every storage group with an LCR or CCR copy,
 * a copy of each message delivered to it, kept first in first out within {@code MaxDumpsterSizePerStorageGroup} and
 * {@code MaxDumpsterTime} ({@code Set-TransportConfig}; 0 disables it). After a lossy failover the clustered mailbox
 * server asks for the storage group's mail again: {@link #resubmit} offers the kept messages to the database once
 * more, and the ones the database already holds are dropped as duplicates, so only what the failover lost is
 * delivered again — and only what the dumpster still had can be (DOMAIN.md §3).
 */
public final class TransportDumpster {
    /** Journal entry of a resubmission request (source MSExchangeTransport). */
    public static final String RESUBMITTED = "exchange.transport.dumpster-resubmitted";
    /** The journal source of transport's entries. */
    public static final String SOURCE = "MSExchangeTransport";

    private final ExchangeDirectory directory;
    private final InformationStore store;
    private final Kernel kernel;
    // storage group identity -> kept messages, oldest first
    private final Map<String, Deque<Kept>> kept = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, Long> keptBytes = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    // database identity -> resubmitted messages that were delivered again, with when
    private final Map<String, List<Instant>> redelivered = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    /**
     * A message the dumpster keeps.
     *
     * @param messageId its id
     * @param mailbox the recipient's alias
     * @param database the database it was delivered to
     * @param sizeBytes its size
     * @param checksum its body's checksum
     * @param delivered when the mailbox server acknowledged it
     */
    public record Kept(long messageId, String mailbox, String database, long sizeBytes, int checksum,
            Instant delivered) {
    }

    /** The dumpster of a lab. */
    public TransportDumpster(ExchangeDirectory directory, InformationStore store, Kernel kernel) {
        this.directory = directory;
        this.store = store;
        this.kernel = kernel;
    }

    /**
     * Keeps a copy of a message just delivered to a database, when its storage group has a continuous-replication
     * copy and the dumpster is enabled; evicts the oldest beyond the size and time limits.
     */
    public void delivered(long messageId, String mailbox, String databaseIdentity, long sizeBytes, int checksum) {
        TransportConfig config = directory.transportConfig();
        MailboxDatabase database = directory.database(databaseIdentity);
        StorageGroup group = directory.storageGroup(database.storageGroupIdentity());
        if (!config.dumpsterEnabled() || group.replicated() == ReplicationKind.NONE) {
            return;
        }
        Deque<Kept> messages = kept.computeIfAbsent(group.identity(), g -> new ArrayDeque<>());
        messages.addLast(new Kept(messageId, mailbox, database.identity(), sizeBytes, checksum,
                kernel.clock().instant()));
        keptBytes.merge(group.identity(), sizeBytes, Long::sum);
        evict(group.identity(), config);
    }

    /** The messages kept for a storage group now, oldest first. */
    public List<Kept> kept(String storageGroupIdentity) {
        String identity = directory.storageGroup(storageGroupIdentity).identity();
        evict(identity, directory.transportConfig());
        return List.copyOf(kept.getOrDefault(identity, new ArrayDeque<>()));
    }

    /**
     * Offers a storage group's kept messages to their databases again, oldest first; the ones a database already holds
     * are dropped as duplicates. Returns an operation done when every redelivery settled, with how many messages were
     * delivered again.
     *
     * @throws ExhaException OBJECT_NOT_FOUND for an unknown storage group
     */
    public Operation<Integer> resubmit(String storageGroupIdentity) {
        String identity = directory.storageGroup(storageGroupIdentity).identity();
        evict(identity, directory.transportConfig());
        List<Kept> messages = List.copyOf(kept.getOrDefault(identity, new ArrayDeque<>()));
        Operation<Integer> done = kernel.operations().create("resubmit the transport dumpster of " + identity);
        Map<String, Optional<SortedSet<Long>>> held = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        List<Operation<Void>> deliveries = new ArrayList<>();
        int duplicates = 0;
        for (Kept message : messages) {
            Optional<SortedSet<Long>> holds = held.computeIfAbsent(message.database(), store::heldMessages);
            if (holds.isPresent() && holds.get().contains(message.messageId())) {
                duplicates++;
                continue;
            }
            Mailbox mailbox;
            try {
                mailbox = directory.mailbox(message.mailbox());
            } catch (ExhaException removed) {
                continue;
            }
            Optional<Operation<Void>> delivery = store.deliver(mailbox, message.messageId(), message.sizeBytes(),
                    message.checksum());
            if (delivery.isPresent()) {
                delivery.get().whenDone(d -> {
                    if (!d.isFailed()) {
                        redelivered.computeIfAbsent(message.database(), k -> new ArrayList<>())
                                .add(kernel.clock().instant());
                    }
                });
                deliveries.add(delivery.get());
            }
        }
        int[] left = {deliveries.size()};
        int[] delivered = {0};
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("storageGroup", identity);
        attributes.put("kept", Integer.toString(messages.size()));
        attributes.put("duplicates", Integer.toString(duplicates));
        Runnable finish = () -> {
            attributes.put("redelivered", Integer.toString(delivered[0]));
            kernel.journal().append(JournalEntry.Type.NOTE, SOURCE, RESUBMITTED, attributes);
            done.complete(delivered[0]);
        };
        if (deliveries.isEmpty()) {
            finish.run();
        }
        for (Operation<Void> delivery : deliveries) {
            delivery.whenDone(d -> {
                if (!d.isFailed()) {
                    delivered[0]++;
                }
                if (--left[0] == 0) {
                    finish.run();
                }
            });
        }
        return done;
    }

    /** How many resubmitted messages a database took again within {@code [from, to]}. */
    public long redelivered(String databaseIdentity, Instant from, Instant to) {
        return redelivered.getOrDefault(databaseIdentity, List.of()).stream()
                .filter(at -> !at.isBefore(from) && !at.isAfter(to)).count();
    }

    // First in, first out: the oldest go when the group is over its size, or when older than the time limit.
    private void evict(String identity, TransportConfig config) {
        Deque<Kept> messages = kept.get(identity);
        if (messages == null) {
            return;
        }
        Instant oldestAllowed = kernel.clock().instant().minus(config.maxDumpsterTime());
        long bytes = keptBytes.getOrDefault(identity, 0L);
        while (!messages.isEmpty() && (bytes > config.maxDumpsterSizePerStorageGroup()
                || messages.peekFirst().delivered().isBefore(oldestAllowed))) {
            bytes -= messages.removeFirst().sizeBytes();
        }
        keptBytes.put(identity, bytes);
    }
}
