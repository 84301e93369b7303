package io.github.exha.exchange.server;

import io.github.exha.cluster.topology.ByteSize;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.invariant.InvariantResult;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operation;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.Mailbox;
import io.github.exha.exchange.store.MessageIdSet;
import io.github.exha.exchange.topology.ExchangeSection.SizeEntry;
import io.github.exha.exchange.topology.ExchangeSection.WorkloadEntry;
import io.github.exha.exchange.workload.DeliveryLedger;
import io.github.exha.exchange.workload.MailGenerator;
import io.github.exha.exchange.workload.MailMessage;
import io.github.exha.exchange.workload.SizeDistribution;
import io.github.exha.exchange.workload.WorkloadSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The lab's mail: the topology's {@code workload:} generator delivering to the organization's mailboxes (as they are
 * at each arrival) through the Information Store, and the exact accounting of what became of it. A message
 * whose database is not mounted waits in the transport queue and is retried, as on a Hub Transport server.
 *
 * <p>Loss is counted exactly: each acknowledged message is remembered with the database it was acknowledged by, and
 * the check reads which messages each database actually holds — a mounted database's store, or the file of a
 * database that was shut down cleanly.
 */
public final class MailFlow {
    /** The name of the invariant over the mail ({@link AcknowledgedMailInvariant}). */
    public static final String NAME = "no-acknowledged-message-lost";
    /** CHOICE: Exchange 2007's default maximum message size, 10 MB, caps the log-normal sizes. */
    public static final long MAX_MESSAGE_BYTES = 10L << 20;

    private final ExchangeDirectory directory;
    private final InformationStore store;
    private final TransportDumpster dumpster;
    private final Optional<MailGenerator> generator;
    // database identity -> ids of the messages it acknowledged (8 bytes an id: issue 8's week of mail)
    private final Map<String, MessageIdSet> acknowledgedBy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private List<Mailbox> recipientsOf;
    private List<String> recipients;

    /** The mail flow of a lab; generates nothing when the topology has no workload. */
    public MailFlow(Kernel kernel, ExchangeDirectory directory, InformationStore store, TransportDumpster dumpster,
            Optional<WorkloadEntry> workload) {
        this.directory = directory;
        this.store = store;
        this.dumpster = dumpster;
        this.generator = workload.map(entry -> new MailGenerator(kernel, WorkloadSettings.of(List.of(),
                entry.messagesPerHour() / 3600.0, sizes(entry.size())), this::recipients, this::offer));
        generator.ifPresent(MailGenerator::start);
    }

    /**
     * The organization's mailbox aliases now. The directory hands out the same list until its mailboxes change, so
     * the aliases are mapped again only then, not at every arrival.
     */
    private List<String> recipients() {
        List<Mailbox> mailboxes = directory.mailboxes();
        if (mailboxes != recipientsOf) {
            recipientsOf = mailboxes;
            recipients = mailboxes.stream().map(Mailbox::alias).toList();
        }
        return recipients;
    }

    /** The generator's ledger: every message submitted and acknowledged; empty when the lab has no workload. */
    public Optional<DeliveryLedger> ledger() {
        return generator.map(MailGenerator::ledger);
    }

    /**
     * The messages a database acknowledged, by id, with the instant of each acknowledgement (empty for a database
     * that acknowledged none, or a lab without workload).
     */
    public SortedMap<Long, Instant> acknowledgedBy(String databaseIdentity) {
        SortedMap<Long, Instant> result = new TreeMap<>();
        MessageIdSet ids = acknowledgedBy.get(databaseIdentity);
        if (ids == null || generator.isEmpty()) {
            return result;
        }
        DeliveryLedger ledger = generator.get().ledger();
        for (long id : ids) {
            ledger.acknowledgedAt(id).ifPresent(at -> result.put(id, at));
        }
        return result;
    }

    /** How many messages wait in the transport queue. */
    public int queued() {
        return generator.map(g -> g.queued().size()).orElse(0);
    }

    private Optional<Operation<Void>> offer(MailMessage message) {
        Mailbox mailbox;
        try {
            mailbox = directory.mailbox(message.mailbox());
        } catch (ExhaException removed) {
            // The mailbox was removed while the message waited: nothing can take it.
            return Optional.empty();
        }
        String database = mailbox.database();
        Optional<Operation<Void>> delivery = store.deliver(mailbox, message.id(), message.sizeBytes(),
                message.checksum());
        delivery.ifPresent(op -> op.whenDone(done -> {
            if (!done.isFailed()) {
                acknowledgedBy.computeIfAbsent(database, d -> new MessageIdSet()).add(message.id());
                dumpster.delivered(message.id(), mailbox.alias(), database, message.sizeBytes(), message.checksum());
            }
        }));
        return delivery;
    }

    /**
     * What became of the acknowledged mail, counted exactly now.
     *
     * @param submitted messages the generator submitted
     * @param acknowledged messages a database acknowledged
     * @param lost acknowledged messages their database no longer holds
     * @param unverified acknowledged messages in databases that can say nothing now (neither mounted nor shut down
     *     cleanly)
     * @param queued messages waiting in transport
     */
    public record Accounting(long submitted, long acknowledged, SortedSet<Long> lost, long unverified, int queued) {
        /** Copies the set. */
        public Accounting {
            lost = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(lost));
        }
    }

    /** The accounting of the lab's mail now (all zero without a workload). */
    public Accounting accounting() {
        long acknowledged = 0;
        long unverified = 0;
        SortedSet<Long> lost = new TreeSet<>();
        for (Map.Entry<String, MessageIdSet> entry : acknowledgedBy.entrySet()) {
            acknowledged += entry.getValue().size();
            Optional<SortedSet<Long>> held = held(entry.getKey());
            if (held.isEmpty()) {
                unverified += entry.getValue().size();
                continue;
            }
            for (long id : entry.getValue()) {
                if (!held.get().contains(id)) {
                    lost.add(id);
                }
            }
        }
        long submitted = generator.map(g -> g.ledger().submittedCount()).orElse(0L);
        return new Accounting(submitted, acknowledged, lost, unverified, queued());
    }

    /**
     * The strict check: every acknowledged message is still in its database, whatever happened. The lab's invariant
     * ({@link AcknowledgedMailInvariant}) also accepts the loss an unplanned failover's design permits.
     */
    public InvariantResult check() {
        if (generator.isEmpty()) {
            return new InvariantResult(NAME, true, "no workload in this lab");
        }
        Accounting now = accounting();
        String detail = now.submitted() + " submitted, " + now.acknowledged() + " acknowledged, " + now.lost().size()
                + " lost, " + now.queued() + " queued in transport" + (now.unverified() > 0 ? ", "
                        + now.unverified() + " in databases that are neither mounted nor shut down cleanly (not checked)"
                        : "") + (now.lost().isEmpty() ? "" : "; lost ids " + first(now.lost()));
        return new InvariantResult(NAME, now.lost().isEmpty(), detail);
    }

    /** Whether the lab has a workload. */
    public boolean hasWorkload() {
        return generator.isPresent();
    }

    private Optional<SortedSet<Long>> held(String databaseIdentity) {
        try {
            return store.heldMessages(databaseIdentity);
        } catch (ExhaException gone) {
            // The database was removed from the directory: nothing can tell what it held.
            return Optional.empty();
        }
    }

    static String first(SortedSet<Long> ids) {
        return ids.stream().limit(10).map(String::valueOf).toList() + (ids.size() > 10 ? "..." : "");
    }

    private static SizeDistribution sizes(SizeEntry size) {
        return switch (size.distribution()) {
            case "fixed" -> SizeDistribution.fixed(ByteSize.parse(size.mean()).bytes());
            case "uniform" -> SizeDistribution.uniform(ByteSize.parse(size.min()).bytes(),
                    ByteSize.parse(size.max()).bytes());
            // The topology gives the mean; a log-normal's median is mean / e^(sigma²/2).
            default -> SizeDistribution.logNormal(Math.max(1, Math.round(ByteSize.parse(size.mean()).bytes()
                    / Math.exp(size.sigma() * size.sigma() / 2))), size.sigma(), MAX_MESSAGE_BYTES);
        };
    }
}
