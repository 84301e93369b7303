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
import java.util.HashMap;
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
    // storage group identity -> kept messages, oldest first, and their bytes
    private final Map<String, Bin> kept = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    // database identity, as delivered to -> where its copies go, while the directory stays at the same revision:
    // every delivery asks, and resolving the database and its storage group each time showed in a day of mail.
    private final Map<String, Route> routes = new HashMap<>();
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

    /** The kept messages of one storage group, oldest first, and their bytes. */
    private static final class Bin {
        final Deque<Kept> messages = new ArrayDeque<>();
        long bytes;
    }

    /**
     * Where the copies of the mail of a database go, at directory revision {@code revision}: its canonical identity,
     * its storage group's, and the group's bin (null when the group has no continuous-replication copy).
     */
    private record Route(long revision, String database, String group, Bin bin) {
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
        Route route = route(databaseIdentity);
        if (!config.dumpsterEnabled() || route.bin() == null) {
            return;
        }
        route.bin().messages.addLast(new Kept(messageId, mailbox, route.database(), sizeBytes, checksum,
                kernel.clock().instant()));
        route.bin().bytes += sizeBytes;
        evict(route.bin(), config);
    }

    /**
     * Where the copies of a database's mail go now. A replicated group's (empty) bin is made when a delivery to it is
     * first routed, and kept, as the group's kept mail is.
     *
     * @throws ExhaException OBJECT_NOT_FOUND for a database or storage group the directory does not have
     */
    private Route route(String databaseIdentity) {
        Route route = routes.get(databaseIdentity);
        if (route != null && route.revision() == directory.revision()) {
            return route;
        }
        MailboxDatabase database = directory.database(databaseIdentity);
        StorageGroup group = directory.storageGroup(database.storageGroupIdentity());
        Bin bin = group.replicated() == ReplicationKind.NONE ? null
                : kept.computeIfAbsent(group.identity(), g -> new Bin());
        route = new Route(directory.revision(), database.identity(), group.identity(), bin);
        routes.put(databaseIdentity, route);
        return route;
    }

    /** The messages kept for a storage group now, oldest first. */
    public List<Kept> kept(String storageGroupIdentity) {
        String identity = directory.storageGroup(storageGroupIdentity).identity();
        Bin bin = kept.get(identity);
        if (bin == null) {
            return List.of();
        }
        evict(bin, directory.transportConfig());
        return List.copyOf(bin.messages);
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
        Bin bin = kept.get(identity);
        if (bin != null) {
            evict(bin, directory.transportConfig());
        }
        List<Kept> messages = bin == null ? List.of() : List.copyOf(bin.messages);
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
    private void evict(Bin bin, TransportConfig config) {
        Deque<Kept> messages = bin.messages;
        Instant oldestAllowed = kernel.clock().instant().minus(config.maxDumpsterTime());
        while (!messages.isEmpty() && (bin.bytes > config.maxDumpsterSizePerStorageGroup()
                || messages.peekFirst().delivered().isBefore(oldestAllowed))) {
            bin.bytes -= messages.removeFirst().sizeBytes();
        }
    }
}
