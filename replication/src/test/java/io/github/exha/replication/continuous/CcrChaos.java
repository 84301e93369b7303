package io.github.exha.replication.continuous;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.membership.ClusterMembership;
import io.github.exha.cluster.network.HostConnectivity;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.core.Lab;
import io.github.exha.core.invariant.InvariantResult;
import io.github.exha.core.kernel.FaultPlan;
import io.github.exha.core.kernel.FaultPoint;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.exchange.server.InformationStore;
import io.github.exha.exchange.server.MailFlow;
import io.github.exha.exchange.server.Outages;
import io.github.exha.exchange.store.StoreEvents;
import io.github.exha.replication.chaos.ChaosSeeds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The CCR chaos tests' shared driver pieces and checks, over a {@link CcrFailoverLab} (one site or two): the journal
 * {@link Watch} (where the database is mounted, each activation against the dial in force), powering nodes on, settling
 * the world, and the end-of-case checks (no split brain, no loss beyond the design).
 */
final class CcrChaos {
    static final List<String> NODES = List.of("NODE1", "NODE2");
    static final List<String> NICS = List.of("Public", "Heartbeat");
    static final List<String> DIALS = List.of("Lossless", "GoodAvailability", "BestAvailability");
    static final int[] DIAL_LOGS = {0, 3, 6};
    static final String SG_ARG = "'CCRCMS\\First Storage Group'";

    private CcrChaos() {
    }

    /** What the cases did, over the whole run. */
    static final class Stats {
        int unplannedFailovers;
        int plannedMoves;
        int interruptedMoves;
        int restarts;
        int held;
        int lossyMounts;
        int forcedMounts;
        long lost;
        long resubmitted;
        long lostForGood;
        final List<Long> notMounted = new ArrayList<>();
        final Map<String, Integer> actions = new TreeMap<>();
        final Map<String, Integer> refusals = new TreeMap<>();
        final Map<String, Integer> firings = new TreeMap<>();

        /** Adds the firings of the lab's fault points. */
        void countFirings(Lab lab) {
            for (FaultPoint point : lab.faultPoints().registered()) {
                if (point.firings() > 0) {
                    firings.merge(point.name(), point.firings(), Integer::sum);
                }
            }
        }

        @Override
        public String toString() {
            return unplannedFailovers + " unplanned failovers, " + plannedMoves + " planned moves (" + interruptedMoves
                    + " more interrupted by a failure), " + restarts
                    + " restarts in place, " + held + " mounts held by the dial, " + lossyMounts + " lossy mounts ("
                    + forcedMounts + " forced), " + lost + " messages lost at mounts, " + resubmitted
                    + " resubmitted, " + lostForGood + " lost for good; not mounted after settling: seeds " + notMounted
                    + "; actions " + actions + "; refused " + refusals + "; fault point firings " + firings;
        }
    }

    /** Follows the journal: where the database is mounted, and each activation against the dial in force. */
    static final class Watch {
        final Map<String, Boolean> mountedOn = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final List<String> violations = new ArrayList<>();
        // activations that could not copy the old active's last logs (it was down or unreachable)
        final List<Instant> unscheduledActivations = new ArrayList<>();
        String lastMountedOn;
        String activatedOn;
        int dialLogs;
        boolean forcedPending;
        int held;
        int lossy;
        int forced;

        void observe(JournalEntry entry) {
            Map<String, String> a = entry.attributes();
            switch (entry.name()) {
                case StoreEvents.DATABASE_STATE -> {
                    if (!CcrFailoverLab.DB.equalsIgnoreCase(a.get("database"))) {
                        return;
                    }
                    boolean mounted = "MOUNTED".equals(a.get("to"));
                    if (mounted && lastMountedOn != null && !lastMountedOn.equalsIgnoreCase(entry.source())
                            && !entry.source().equalsIgnoreCase(activatedOn)) {
                        // Coming back on another host needs its copy activated, which is where the dial applies.
                        violations.add("entry " + entry.sequence() + " at " + entry.time() + ": the database last "
                                + "mounted on " + lastMountedOn + " was mounted on " + entry.source()
                                + " without activating its copy there");
                    }
                    if (mounted) {
                        lastMountedOn = entry.source();
                        activatedOn = null;
                    }
                    mountedOn.put(entry.source(), mounted);
                    List<String> hosts = mountedOn.entrySet().stream().filter(Map.Entry::getValue)
                            .map(Map.Entry::getKey).toList();
                    if (hosts.size() > 1) {
                        violations.add("entry " + entry.sequence() + " at " + entry.time() + ": the database is mounted on "
                                + hosts);
                    }
                }
                case "copy.forced-mount" -> {
                    forcedPending = true;
                    forced++;
                }
                case ClusterCopyActivation.ACTIVATED -> {
                    activatedOn = a.get("target");
                    if (!a.containsKey("copiedLogs")) {
                        unscheduledActivations.add(entry.time());
                    }
                    long missing = Long.parseLong(a.getOrDefault("missing", "0"));
                    if ("false".equals(a.get("lossless"))) {
                        lossy++;
                    }
                    if (!forcedPending && missing > dialLogs) {
                        violations.add("entry " + entry.sequence() + " at " + entry.time() + ": activated with " + missing
                                + " missing logs under a dial allowing " + dialLogs + ": " + a);
                    }
                    forcedPending = false;
                }
                case ClusterCopyActivation.MOUNT_HELD -> {
                    held++;
                    long missing = Long.parseLong(a.getOrDefault("missing", "0"));
                    if (missing <= dialLogs) {
                        violations.add("entry " + entry.sequence() + " at " + entry.time() + ": mount held with " + missing
                                + " missing logs under a dial allowing " + dialLogs + ": " + a);
                    }
                }
                default -> {
                }
            }
        }
    }

    static void setDial(CcrFailoverLab ccr, Watch watch, int dial, String forced, List<String> log, Stats stats) {
        if (ChaosSeeds.tryRun(ccr.lab, "Set-MailboxServer CCRCMS -AutoDatabaseMountDial " + DIALS.get(dial) + forced,
                stats.refusals)) {
            watch.dialLogs = DIAL_LOGS[dial];
            log.add(ccr.lab.clock().instant() + " dial " + DIALS.get(dial) + forced);
        }
    }

    static String active(CcrFailoverLab ccr) {
        String active = ccr.activeNode();
        return active.isEmpty() ? "NODE1" : active.toUpperCase(Locale.ROOT);
    }

    static void powerOn(CcrFailoverLab ccr, ClusterMembership membership, String node) {
        Host host = ccr.host(node);
        switch (host.powerState()) {
            case CRASHED, OFF -> host.powerOn();
            case ON -> {
                // The membership's node-crash fault stops the node's cluster service only: restart it.
                if (!membership.isHostUp(node)) {
                    membership.restart(node);
                }
            }
            default -> {
                // Booting or shutting down: on its way.
            }
        }
    }

    /**
     * Heals every fault, powers every node on, resumes the copy and lets the world run; {@code heal} undoes the
     * caller's own faults (it runs twice, as the fault injector's may still be active the first time).
     */
    static void settle(CcrFailoverLab ccr, ClusterMembership membership, HostConnectivity network, Stats stats,
            Runnable heal) {
        ccr.lab.faultPoints().apply(FaultPlan.NONE);
        for (String node : NODES) {
            NICS.forEach(nic -> network.nicUp(node, nic));
            powerOn(ccr, membership, node);
        }
        heal.run();
        membership.witnessRestored();
        // A boot takes 3 minutes; then the join and the CMS's failover or the held mount play out.
        ccr.runFor(Duration.ofMinutes(3).plusSeconds(30));
        // A NIC fault of the injector may still be active (it heals on its own timer): up again by hand.
        for (String node : NODES) {
            NICS.forEach(nic -> network.nicUp(node, nic));
            powerOn(ccr, membership, node);
        }
        heal.run();
        if (ccr.copy().isSuspended()) {
            ChaosSeeds.tryRun(ccr.lab, "Resume-StorageGroupCopy -Identity " + SG_ARG + " -Confirm:$false",
                    stats.refusals);
        }
        ccr.runFor(Duration.ofMinutes(2));
    }

    /**
     * The end-of-case checks: (1) no split brain — the lab's cluster invariants hold and the watch saw the database
     * mounted on at most one host and every activation within the dial; (2) loss only where the design permits it — a
     * planned move and a restart in place lose nothing, and every acknowledged message the database no longer holds was
     * acknowledged before an unplanned failover began (a move whose old active failed or was cut off before its last
     * logs were copied is activated as a failover is, and counts as one). A database not mounted at the end is
     * counted, not asserted.
     */
    static void check(CcrFailoverLab ccr, Watch watch, long seed, List<String> log, Stats stats, boolean verbose) {
        Lab lab = ccr.lab;
        String context = "seed " + seed + " " + log;
        // (1) No split brain: the lab's invariants (cluster ones; the mail one is checked below, directly).
        RunReport report = lab.run(RunbookParser.parse("check.ps1", "Get-Date"), RunOptions.defaults());
        for (InvariantResult invariant : report.invariants()) {
            if (!invariant.name().equals(MailFlow.NAME)) {
                assertThat(invariant.held()).as("%s: %s: %s", context, invariant.name(), invariant.detail()).isTrue();
            }
        }
        assertThat(watch.violations).as(context).isEmpty();

        // (2) Loss only where the design permits it.
        MailFlow mail = lab.instance(MailFlow.class);
        List<Outages.Outage> outages = lab.instance(Outages.class).ended();
        List<Instant> unplannedFailovers = new ArrayList<>();
        if (verbose) {
            outages.forEach(outage -> System.out.println("seed " + seed + " " + outage));
        }
        for (Outages.Outage outage : outages) {
            boolean interrupted = outage.planned() && watch.unscheduledActivations.stream()
                    .anyMatch(at -> !at.isBefore(outage.start()) && !at.isAfter(outage.end()));
            if (interrupted) {
                // A move the old active dropped out of half-way (crashed, cut off): its last logs could not be copied,
                // so the copy was activated as after a failure, within the dial, and the dumpster resubmits.
                stats.interruptedMoves++;
                stats.lost += outage.lost();
                stats.resubmitted += outage.resubmitted();
                unplannedFailovers.add(outage.start());
            } else if (outage.planned()) {
                stats.plannedMoves += outage.isFailover() ? 1 : 0;
                if (outage.lost() > 0 && verbose) {
                    printJournal(lab, outage.start().minusSeconds(30), outage.end());
                }
                assertThat(outage.lost()).as("%s: planned %s", context, outage).isZero();
            } else if (!outage.isFailover()) {
                stats.restarts++;
                if (outage.lost() > 0 && verbose) {
                    printJournal(lab, outage.start().minusSeconds(30), outage.end());
                }
                assertThat(outage.lost()).as("%s: restart in place %s", context, outage).isZero();
            } else {
                stats.unplannedFailovers++;
                stats.lost += outage.lost();
                stats.resubmitted += outage.resubmitted();
                unplannedFailovers.add(outage.start());
            }
        }
        stats.held += watch.held;
        stats.lossyMounts += watch.lossy;
        stats.forcedMounts += watch.forced;
        if (!ccr.mounted()) {
            // Not asserted here (liveness is not what this check claims): counted and reported with the seed.
            stats.notMounted.add(seed);
            if (verbose) {
                var cluster = lab.instance(Clusters.class).clusters().get(0);
                System.out.println("not mounted, seed " + seed + ": " + cluster.groups() + " nodes " + cluster.nodes()
                        + " resources " + cluster.resources());
                lab.journal().entries().stream()
                        .filter(e -> e.source().equals(HostConnectivity.SOURCE) || e.source().equals("CCRCLUS")
                                || e.type() == JournalEntry.Type.FAULT || e.name().startsWith("copy.a")
                                || e.name().startsWith("copy.m") || e.name().contains("power"))
                        .filter(e -> !e.name().startsWith("heartbeat"))
                        .forEach(CcrChaos::print);
            }
        }
        SortedMap<Long, Instant> acknowledged = mail.acknowledgedBy(CcrFailoverLab.DB);
        SortedSet<Long> held = lab.instance(InformationStore.class).heldMessages(CcrFailoverLab.DB).orElse(null);
        if (held == null) {
            // Neither mounted nor shut down cleanly: what it holds cannot be read; the outages were checked above.
            return;
        }
        SortedSet<Long> lostForGood = new TreeSet<>();
        for (Map.Entry<Long, Instant> message : acknowledged.entrySet()) {
            if (!held.contains(message.getKey())) {
                lostForGood.add(message.getKey());
                boolean permitted = unplannedFailovers.stream().anyMatch(start -> !message.getValue().isAfter(start));
                assertThat(permitted).as("%s: message %d acknowledged at %s is lost but no unplanned failover began "
                        + "after it; outages %s", context, message.getKey(), message.getValue(), outages).isTrue();
            }
        }
        stats.lostForGood += lostForGood.size();
        if (lostForGood.isEmpty()) {
            assertThat(mail.check().held()).as("%s: %s", context, mail.check().detail()).isTrue();
        }
    }

    private static void printJournal(Lab lab, Instant from, Instant to) {
        lab.journal().entries().stream().filter(e -> !e.time().isBefore(from) && !e.time().isAfter(to))
                .filter(e -> !e.name().startsWith("heartbeat") && !e.name().contains("log-rolled")
                        && !e.name().contains("copy.inspected") && !e.name().contains("delivered"))
                .forEach(CcrChaos::print);
    }

    private static void print(JournalEntry e) {
        System.out.println("J " + e.time() + " " + e.source() + " " + e.name() + " " + e.attributes());
    }
}
