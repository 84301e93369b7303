package io.github.exha.exchange.server;

import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.run.ReportSection;
import io.github.exha.exchange.config.ClusterPlacement;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeServer;
import io.github.exha.exchange.store.StoreEvents;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Every outage of a mailbox database during a run, and what it cost: from the instant a mounted database stopped (a
 * clean dismount, a crash, a terminated store) to the instant it was mounted again — on another host, a failover, or
 * on the same one, a restart. For each: the messages the database had acknowledged before the outage, how many of
 * them it no longer holds once mounted again (lost), how many transport resubmitted, the recovery point (the age, at
 * the outage, of the newest lost message: 0 when nothing was lost) and the recovery time (the outage's length).
 * Shown in the run report under {@code reports.outages} and journaled as {@value #OUTAGE} entries.
 */
public final class Outages implements ReportSection {
    /** The report section's name. */
    public static final String NAME = "outages";
    /** Journal entry of a database back in service after an outage (source MSExchangeIS). */
    public static final String OUTAGE = "exchange.outage";

    private final ExchangeDirectory directory;
    private final InformationStore store;
    private final MailFlow mail;
    private final TransportDumpster dumpster;
    private final Kernel kernel;
    // database identity -> the outage under way
    private final Map<String, Open> open = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final List<Outage> ended = new ArrayList<>();
    // database identity -> messages an earlier outage lost and the database has not held since: a later outage did not
    // lose them again
    private final Map<String, SortedSet<Long>> alreadyLost = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    private record Open(String host, Instant since, boolean planned, SortedMap<Long, Instant> acknowledged,
            Optional<String> cluster) {
    }

    /**
     * One outage that ended.
     *
     * @param database the database
     * @param fromHost where it was mounted before
     * @param toHost where it was mounted again
     * @param planned whether it began with a clean dismount (a move, an administrator) rather than a failure
     * @param start when it stopped
     * @param end when it was mounted again
     * @param acknowledged messages it had acknowledged before the outage
     * @param lost of those, how many it no longer holds
     * @param resubmitted how many messages the transport dumpster delivered to it again after the outage
     * @param recoveryPoint the age at the outage of the newest lost message
     * @param recoveryTime the outage's length
     * @param lostIds the ids of the lost messages, as counted when the database was mounted again
     * @param recovered whether its clustered mailbox server was recovered onto another Windows cluster meanwhile
     *     ({@code setup.com /RecoverCMS}): the database came back from whatever files the administrator had prepared
     *     on the recovery node
     */
    public record Outage(String database, String fromHost, String toHost, boolean planned, Instant start, Instant end,
            long acknowledged, long lost, long resubmitted, Duration recoveryPoint, Duration recoveryTime,
            SortedSet<Long> lostIds, boolean recovered) {
        /** Copies the lost ids. */
        public Outage {
            lostIds = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(lostIds));
        }

        /** A failover when the database came back on another host. */
        public boolean isFailover() {
            return !fromHost.equalsIgnoreCase(toHost);
        }

        /**
         * Whether the design permits this outage's loss: an unplanned failover to another copy, or an administrator's
         * recovery of the clustered mailbox server on another cluster ({@code /RecoverCMS}), which mounts the files
         * on the recovery node as they are — the administrator, not Exchange, vouches that they are current
         * ({@code Restore-StorageGroupCopy}); Exchange does not compare them with the copy that was active before.
         */
        public boolean lossPermitted() {
            return isFailover() && (!planned || recovered);
        }
    }

    /** Follows the lab's journal for the store's database state changes. */
    public Outages(Kernel kernel, ExchangeDirectory directory, InformationStore store, MailFlow mail,
            TransportDumpster dumpster) {
        this.kernel = kernel;
        this.directory = directory;
        this.store = store;
        this.mail = mail;
        this.dumpster = dumpster;
        kernel.journal().subscribe(this::observe);
    }

    /**
     * The outages that ended, in the order they ended, each with the messages transport resubmitted to its database
     * from the dumpster after it (until the database's next outage).
     */
    public List<Outage> ended() {
        List<Outage> result = new ArrayList<>();
        for (int i = 0; i < ended.size(); i++) {
            Outage outage = ended.get(i);
            Instant until = kernel.clock().instant();
            for (int j = i + 1; j < ended.size(); j++) {
                if (ended.get(j).database().equalsIgnoreCase(outage.database())) {
                    until = ended.get(j).start();
                    break;
                }
            }
            Open next = open.get(outage.database());
            if (next != null && next.since().isBefore(until)) {
                until = next.since();
            }
            long resubmitted = dumpster.redelivered(outage.database(), outage.end(), until);
            result.add(new Outage(outage.database(), outage.fromHost(), outage.toHost(), outage.planned(),
                    outage.start(), outage.end(), outage.acknowledged(), outage.lost(), resubmitted,
                    outage.recoveryPoint(), outage.recoveryTime(), outage.lostIds(), outage.recovered()));
        }
        return result;
    }

    private void observe(JournalEntry entry) {
        if (!entry.name().equals(StoreEvents.DATABASE_STATE)) {
            return;
        }
        String database = entry.attributes().get("database");
        String from = entry.attributes().getOrDefault("from", "");
        String to = entry.attributes().getOrDefault("to", "");
        if (database == null) {
            return;
        }
        if (from.equals("MOUNTED") && !to.equals("MOUNTED") && !open.containsKey(database)) {
            SortedMap<Long, Instant> acknowledged = mail.acknowledgedBy(database);
            acknowledged.keySet().removeAll(alreadyLost.getOrDefault(database, java.util.Collections.emptySortedSet()));
            open.put(database, new Open(entry.source(), entry.time(), to.equals("DISMOUNTING"), acknowledged,
                    cluster(database)));
        } else if (to.equals("MOUNTED") && open.containsKey(database)) {
            Open outage = open.remove(database);
            end(database, outage, entry.source(), entry.time());
        }
    }

    private void end(String database, Open outage, String host, Instant at) {
        Optional<SortedSet<Long>> held;
        try {
            directory.database(database);
            held = store.heldMessages(database);
        } catch (ExhaException gone) {
            held = Optional.empty();
        }
        long lost = 0;
        SortedSet<Long> lostIds = new java.util.TreeSet<>();
        Instant newestLost = null;
        for (Map.Entry<Long, Instant> acknowledged : outage.acknowledged().entrySet()) {
            if (held.isPresent() && !held.get().contains(acknowledged.getKey())) {
                lost++;
                lostIds.add(acknowledged.getKey());
                if (newestLost == null || acknowledged.getValue().isAfter(newestLost)) {
                    newestLost = acknowledged.getValue();
                }
            }
        }
        SortedSet<Long> lostBefore = alreadyLost.computeIfAbsent(database, d -> new java.util.TreeSet<>());
        lostBefore.addAll(lostIds);
        held.ifPresent(lostBefore::removeAll);
        Duration recoveryPoint = newestLost == null ? Duration.ZERO : Duration.between(newestLost, outage.since());
        Optional<String> cluster = cluster(database);
        boolean recovered = outage.cluster().isPresent() && cluster.isPresent()
                && !outage.cluster().get().equalsIgnoreCase(cluster.get());
        Outage ended = new Outage(database, outage.host(), host, outage.planned(), outage.since(), at,
                outage.acknowledged().size(), lost, 0, recoveryPoint, Duration.between(outage.since(), at), lostIds,
                recovered);
        this.ended.add(ended);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("database", database);
        attributes.put("from", ended.fromHost());
        attributes.put("to", ended.toHost());
        attributes.put("kind", ended.isFailover() ? "failover" : "restart");
        attributes.put("planned", Boolean.toString(ended.planned()));
        attributes.put("acknowledged", Long.toString(ended.acknowledged()));
        attributes.put("lost", Long.toString(ended.lost()));
        attributes.put("resubmitted", Long.toString(ended.resubmitted()));
        attributes.put("rpo", ended.recoveryPoint().toString());
        attributes.put("rto", ended.recoveryTime().toString());
        kernel.journal().append(JournalEntry.Type.NOTE, ExchangeInformationStore.SOURCE, OUTAGE, attributes);
    }

    // The Windows cluster the database's clustered mailbox server is placed on in the directory, if any.
    private Optional<String> cluster(String database) {
        try {
            return directory.findServer(directory.database(database).server()).flatMap(ExchangeServer::cluster)
                    .map(ClusterPlacement::clusterName);
        } catch (ExhaException gone) {
            return Optional.empty();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Object content() {
        List<Object> list = new ArrayList<>();
        for (Outage outage : ended()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("database", outage.database());
            m.put("kind", outage.isFailover() ? "failover" : "restart");
            m.put("planned", outage.planned());
            m.put("recovered", outage.recovered());
            m.put("from", outage.fromHost());
            m.put("to", outage.toHost());
            m.put("start", outage.start().toString());
            m.put("end", outage.end().toString());
            m.put("acknowledged", outage.acknowledged());
            m.put("lost", outage.lost());
            m.put("resubmitted", outage.resubmitted());
            m.put("rpoSeconds", seconds(outage.recoveryPoint()));
            m.put("rtoSeconds", seconds(outage.recoveryTime()));
            list.add(m);
        }
        for (Map.Entry<String, Open> still : open.entrySet()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("database", still.getKey());
            m.put("kind", "ongoing");
            m.put("planned", still.getValue().planned());
            m.put("from", still.getValue().host());
            m.put("start", still.getValue().since().toString());
            m.put("acknowledged", (long) still.getValue().acknowledged().size());
            m.put("outageSeconds", seconds(Duration.between(still.getValue().since(), kernel.clock().instant())));
            list.add(m);
        }
        return list;
    }

    @Override
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        for (Outage outage : ended()) {
            lines.add(String.format(Locale.ROOT, "%s %s: %s -> %s, RTO %ss, RPO %ss, %d acknowledged, %d lost, "
                    + "%d resubmitted", outage.isFailover() ? "failover" : "restart", outage.database(),
                    outage.fromHost(), outage.toHost(), seconds(outage.recoveryTime()).toPlainString(),
                    seconds(outage.recoveryPoint()).toPlainString(), outage.acknowledged(), outage.lost(), outage.resubmitted()));
        }
        open.forEach((database, still) -> lines.add("outage under way: " + database + " down since " + still.since()
                + " (was on " + still.host() + ")"));
        return lines;
    }

    private static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros();
    }
}
