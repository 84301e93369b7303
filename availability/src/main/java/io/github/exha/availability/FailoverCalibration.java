package io.github.exha.availability;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.Lab;
import io.github.exha.exchange.server.Outages;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * Measures a design's automatic failover in the simulator rather than assuming it: builds a lab of the topology, lets
 * it run {@link #SETTLE} (mail flows, copies are healthy), crashes the node the mailbox server runs on, and takes the
 * time until its databases are mounted on another node — the outage the lab's {@code outages} report records, as
 * heartbeats, quorum, the cluster's failover policy and Exchange's resources (and for CCR the copy's activation under
 * AutoDatabaseMountDial) make it. That time becomes the median of the estimate's failover distribution (log-normal,
 * sigma {@value ReliabilityDefaults#CALIBRATED_FAILOVER_SIGMA}).
 */
public final class FailoverCalibration {
    /** Virtual time the lab runs before the crash. */
    public static final Duration SETTLE = Duration.ofMinutes(10);
    /** How long after one database mounted elsewhere the next may still follow as part of the same failover. */
    public static final Duration NEXT_MOUNT = Duration.ofMinutes(2);
    /** How long the lab may take to fail over before the measurement gives up. */
    public static final Duration LIMIT = Duration.ofMinutes(20);

    private FailoverCalibration() {
    }

    /**
     * The outcome of a measurement.
     *
     * @param failover the measured failover time, empty when there was none to measure
     * @param note what was measured, or why nothing was
     */
    public record Result(Optional<Duration> failover, String note) {
        /** Validates. */
        public Result {
            Objects.requireNonNull(failover, "failover");
            Objects.requireNonNull(note, "note");
        }
    }

    /**
     * Measures the failover of the design of {@code lab}'s topology in {@code lab}, which must be fresh (nothing run
     * yet) and built with every module of the design (for example {@code ExamplesModule.createLab}). The lab is
     * used up: it has run and lost a node.
     *
     * @throws io.github.exha.core.error.ExhaException {@code availability.no-mailbox-server}
     */
    public static Result measure(Lab lab) {
        Objects.requireNonNull(lab, "lab");
        AvailabilityDesign design = AvailabilityEstimator.design(lab.topology());
        if (design.primary().nodes().size() < 2) {
            return new Result(Optional.empty(), design.server() + " runs on one node: no automatic failover to measure");
        }
        String node = design.primary().nodes().get(0);
        lab.scheduler().runFor(SETTLE);
        Optional<Host> host = lab.instance(Datacenter.class).findHost(node);
        if (host.isEmpty() || !host.get().isRunning()) {
            return new Result(Optional.empty(), "node " + node + " is not running in a lab of the topology");
        }
        Outages outages = lab.instance(Outages.class);
        int before = outages.ended().size();
        Instant crash = lab.clock().instant();
        host.get().crash();
        Instant deadline = crash.plus(LIMIT);
        lab.scheduler().runUntil(() -> failovers(outages, before) > 0, deadline);
        // Every database of the server must be back: the failover is over when the last one mounts, so wait while
        // more storage groups keep mounting (each within NEXT_MOUNT of the one before).
        for (long seen = failovers(outages, before); seen > 0; ) {
            long count = seen;
            Instant next = lab.clock().instant().plus(NEXT_MOUNT);
            lab.scheduler().runUntil(() -> failovers(outages, before) > count, next.isBefore(deadline) ? next : deadline);
            seen = failovers(outages, before) > count ? failovers(outages, before) : 0;
        }
        Optional<Duration> measured = outages.ended().stream().skip(before).filter(Outages.Outage::isFailover)
                .map(Outages.Outage::recoveryTime).max(Comparator.naturalOrder());
        return measured.map(d -> new Result(Optional.of(d), "crashed " + node + " in a lab of " + lab.topology().name()
                        + ": databases mounted on another node after " + d.toMillis() / 1000.0 + " s"))
                .orElseGet(() -> new Result(Optional.empty(), "crashed " + node + " in a lab of " + lab.topology().name()
                        + ": no database mounted on another node within " + LIMIT.toMinutes() + " minutes"
                        + quorumNote(design.primary().quorum(), node)));
    }

    private static long failovers(Outages outages, int before) {
        return outages.ended().stream().skip(before).filter(Outages.Outage::isFailover).count();
    }

    /** Why a cluster did not fail over when the crash cost it its quorum, as the estimate's model also says. */
    private static String quorumNote(AvailabilityDesign.Quorum quorum, String crashed) {
        long left = quorum.voters().stream().filter(voter -> !voter.equalsIgnoreCase(crashed)).count();
        return left < quorum.needed() ? ", as its quorum predicts: without " + crashed + " " + left + " of the "
                + quorum.voters().size() + " votes are left and " + quorum.model() + " needs " + quorum.needed()
                + ", so the cluster stops instead of failing over" : "";
    }
}
