package io.github.exha.replication.continuous;

import static io.github.exha.replication.continuous.CcrChaos.DIALS;
import static io.github.exha.replication.continuous.CcrChaos.NODES;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.fault.ClusterFaultInjector;
import io.github.exha.cluster.membership.ClusterMembership;
import io.github.exha.cluster.network.HostConnectivity;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.core.Lab;
import io.github.exha.core.kernel.FaultPlan;
import io.github.exha.core.kernel.FaultRule;
import io.github.exha.core.kernel.Timer;
import io.github.exha.exchange.store.LogDirectory;
import io.github.exha.exchange.store.LogFile;
import io.github.exha.exchange.store.LogHeader;
import io.github.exha.replication.chaos.ChaosSeeds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Seeded random cases on the CCR lab stretched over two sites ({@link CcrFailoverLab#twoSites}: NODE1 and the file
 * share witness HUB1 in Production, NODE2 in Recovery, the cluster's networks stretched across the WAN), most with an
 * SCR copy of the storage group on STBY in Recovery ({@code -ReplayLagTime 0}). Each case draws, from the lab's stream
 * {@code "chaos.sites"}: the dial, a fault plan (the injector's site partition, node crashes, witness outages) and a
 * few actions — the WAN cut both ways or healed, a WAN that flaps (cut and healed several times a few seconds apart:
 * a bad link), the standby's own link dropped or back, a node crashed or powered on, the witness lost or back, a
 * scheduled move, the SCR copy suspended or resumed. Then every fault heals and the world settles. Each case asserts
 * what the single-site chaos test asserts ({@link CcrChaos#check}: no split brain, every mount within the dial, no
 * acknowledged message lost beyond an unplanned failover's design), and for the SCR copy:
 * <ol>
 *   <li>while the WAN is cut its copy queue grows (counted), and once it heals the copy catches up: it ends with every
 *       log the source closed before the heal inspected (the source never truncates a log an SCR copy still needs, so a
 *       link drop alone never costs the standby anything while the source survives);</li>
 *   <li>it never fails for a link drop alone; a copy that ends Failed or holding a log the source replaced (after a
 *       lossy CCR failover renumbered the stream) is counted with its seed.</li>
 * </ol>
 * Replay one case with {@code -Dexha.replication.sitechaos.seed=<seed> -Dexha.replication.sitechaos.cases=1}.
 */
class SiteChaosTest {
    private static final String PREFIX = "exha.replication.sitechaos";
    private static final long DEFAULT_MASTER_SEED = 20080301L;
    // About 0.25 s a case once the JVM is warm (measured 2026-11-23); the 200 seeds are ReplicationChaosTest's.
    private static final int DEFAULT_CASES = 50;
    private static final String PRODUCTION = "Production";
    private static final String RECOVERY = "Recovery";
    private static final String STANDBY = "STBY";
    private static final String ENABLE_SCR = "Enable-StorageGroupCopy " + CcrChaos.SG_ARG + " -StandbyMachine "
            + STANDBY + " -ReplayLagTime 0.0:0:0";
    // CHOICE: the SCR copy has caught up when it lacks no more than 2 logs (one in flight, one being inspected).
    private static final int CAUGHT_UP_LOGS = 2;

    /** What the cases did, beyond the CCR counts. */
    private static final class SiteStats {
        final CcrChaos.Stats ccr = new CcrChaos.Stats();
        int partitions;
        int scrCopies;
        long maxCopyQueue;
        int caughtUp;
        final List<String> scrFailed = new ArrayList<>();
        final List<Long> scrDiverged = new ArrayList<>();

        @Override
        public String toString() {
            return partitions + " WAN cuts; " + scrCopies + " SCR copies, largest copy queue while cut off "
                    + maxCopyQueue + " logs, " + caughtUp + " caught up after the heal, failed " + scrFailed
                    + ", holding a replaced log: seeds " + scrDiverged + "; " + ccr;
        }
    }

    @Test
    void wanCutsAndStandbyLinkDropsNeverSplitTheBrainNorCostMailAndTheStandbyCatchesUp() {
        ChaosSeeds seeds = ChaosSeeds.of("SiteChaosTest", PREFIX, DEFAULT_MASTER_SEED, DEFAULT_CASES);
        SiteStats stats = new SiteStats();
        seeds.run(seed -> runCase(seed, stats, seeds.verbose()));
        System.out.println("SiteChaosTest: " + stats);
        if (seeds.runsAtLeast(DEFAULT_CASES)) {
            assertThat(stats.partitions).as("WAN cuts").isGreaterThan(seeds.cases() / 2);
            assertThat(stats.ccr.unplannedFailovers).as("unplanned failovers").isPositive();
            assertThat(stats.maxCopyQueue).as("the SCR copy queue grew while the standby was cut off").isGreaterThan(5);
            assertThat(stats.caughtUp).as("SCR copies that caught up").isGreaterThan(stats.scrCopies / 2);
        }
    }

    private static void runCase(long seed, SiteStats stats, boolean verbose) {
        CcrFailoverLab ccr = CcrFailoverLab.twoSites(seed);
        Lab lab = ccr.lab;
        CcrChaos.Watch watch = new CcrChaos.Watch();
        lab.journal().subscribe(watch::observe);
        RandomGenerator random = lab.streams().stream("chaos.sites");
        ClusterMembership membership = lab.instance(Clusters.class).membership("CCRCLUS");
        HostConnectivity network = lab.instance(Clusters.class).connectivity();
        List<String> log = new ArrayList<>();

        CcrChaos.setDial(ccr, watch, random.nextInt(DIALS.size()), "", log, stats.ccr);
        ccr.runFor(Duration.ofSeconds(20));
        boolean scr = random.nextInt(4) > 0 && ChaosSeeds.tryRun(lab, ENABLE_SCR, stats.ccr.refusals);
        Scr standby = scr ? new Scr(ccr, ccr.service.copy(ccr.directory.storageGroup(CcrFailoverLab.SG), STANDBY)
                .orElseThrow()) : null;
        if (scr) {
            stats.scrCopies++;
            log.add(lab.clock().instant() + " SCR to " + STANDBY);
        }
        ccr.runFor(Duration.ofSeconds(20 + random.nextInt(40)));

        FaultPlan plan = randomPlan(random);
        lab.faultPoints().apply(plan);
        log.add("plan " + plan.rules());
        int steps = 2 + random.nextInt(4);
        for (int step = 0; step < steps; step++) {
            String node = random.nextBoolean() ? NODES.get(random.nextInt(2)) : CcrChaos.active(ccr);
            String action;
            switch (random.nextInt(11)) {
                case 0, 1, 2 -> {
                    action = "WAN cut";
                    network.cutBetweenSites(PRODUCTION, RECOVERY);
                }
                case 3 -> {
                    action = "WAN healed";
                    network.healBetweenSites(PRODUCTION, RECOVERY);
                }
                case 4 -> {
                    action = "WAN flaps";
                    for (int flap = 0; flap < 3 + random.nextInt(4); flap++) {
                        network.cutBetweenSites(PRODUCTION, RECOVERY);
                        ccr.runFor(Duration.ofMillis(2_000 + random.nextLong(8_000)));
                        network.healBetweenSites(PRODUCTION, RECOVERY);
                        ccr.runFor(Duration.ofMillis(1_000 + random.nextLong(5_000)));
                    }
                }
                case 5 -> {
                    action = random.nextBoolean() ? "standby link down" : "standby link up";
                    if (action.endsWith("down")) {
                        network.nicDown(STANDBY, "Public");
                    } else {
                        network.nicUp(STANDBY, "Public");
                    }
                }
                case 6 -> {
                    action = "crash " + node;
                    if (ccr.host(node).isRunning()) {
                        ccr.host(node).crash();
                    }
                }
                case 7 -> {
                    action = "power on " + node;
                    CcrChaos.powerOn(ccr, membership, node);
                }
                case 8 -> {
                    action = random.nextBoolean() ? "witness lost" : "witness back";
                    if (action.equals("witness lost")) {
                        membership.witnessUnavailable();
                    } else {
                        membership.witnessRestored();
                    }
                }
                case 9 -> {
                    action = random.nextBoolean() ? "suspend SCR" : "resume SCR";
                    if (scr) {
                        ChaosSeeds.tryRun(lab, (action.startsWith("suspend") ? "Suspend" : "Resume")
                                + "-StorageGroupCopy -Identity " + CcrChaos.SG_ARG + " -StandbyMachine " + STANDBY
                                + " -Confirm:$false", stats.ccr.refusals);
                    }
                }
                default -> {
                    String target = CcrChaos.active(ccr).equalsIgnoreCase("NODE1") ? "NODE2" : "NODE1";
                    action = "move to " + target;
                    ChaosSeeds.tryRun(lab, "Move-ClusteredMailboxServer -Identity CCRCMS -TargetMachine " + target
                            + " -MoveComment chaos -Confirm:$false", stats.ccr.refusals);
                }
            }
            if (action.startsWith("WAN cut") || action.startsWith("WAN flaps")) {
                stats.partitions++;
            }
            stats.ccr.actions.merge(action.replaceAll(" NODE[12].*| to NODE[12]", ""), 1, Integer::sum);
            log.add(lab.clock().instant() + " " + action);
            ccr.runFor(Duration.ofMillis(10_000 + random.nextLong(50_000)));
        }
        Runnable heal = () -> {
            network.healBetweenSites(PRODUCTION, RECOVERY);
            network.nicUp(STANDBY, "Public");
            if (standby != null && standby.copy.isSuspended()) {
                ChaosSeeds.tryRun(lab, "Resume-StorageGroupCopy -Identity " + CcrChaos.SG_ARG + " -StandbyMachine "
                        + STANDBY + " -Confirm:$false", stats.ccr.refusals);
            }
        };
        CcrChaos.settle(ccr, membership, network, stats.ccr, heal);
        CcrChaos.check(ccr, watch, seed, log, stats.ccr, verbose);
        if (standby != null) {
            standby.check(seed, log, stats);
        }
        stats.ccr.countFirings(lab);
    }

    /** The injector's WAN cut and the membership's crashes and witness outages, each armed with probability 2/3. */
    private static FaultPlan randomPlan(RandomGenerator random) {
        List<FaultRule> rules = new ArrayList<>();
        ReplicationChaosTest.addRule(rules, random, ClusterFaultInjector.SITE_PARTITION, 0.05);
        ReplicationChaosTest.addRule(rules, random, ClusterMembership.NODE_CRASH_FAULT, 0.002);
        ReplicationChaosTest.addRule(rules, random, ClusterMembership.WITNESS_OUTAGE_FAULT, 0.002);
        return new FaultPlan(rules);
    }

    /** Follows the SCR copy's queue every second, and checks it caught up and holds the source's logs. */
    private static final class Scr {
        private final CcrFailoverLab ccr;
        private final StorageGroupCopy copy;
        private final Timer poll;
        // the largest copy queue seen while the standby was cut off
        private long maxQueue;

        Scr(CcrFailoverLab ccr, StorageGroupCopy copy) {
            this.ccr = ccr;
            this.copy = copy;
            HostConnectivity network = ccr.lab.instance(Clusters.class).connectivity();
            this.poll = ccr.lab.scheduler().scheduleEvery(Duration.ofSeconds(1), Duration.ofSeconds(1), () -> {
                if (network.isPartitioned(PRODUCTION, RECOVERY) || !network.isNicUp(STANDBY, "Public")) {
                    maxQueue = Math.max(maxQueue, ccr.service.status(copy).copyQueueLength());
                }
            });
        }

        void check(long seed, List<String> log, SiteStats stats) {
            // Everything healed in settle(): the copy has until now plus two minutes to take what the source closed.
            String source = CcrChaos.active(ccr);
            long closedAtHeal = ccr.lastClosed(source);
            ccr.lab.scheduler().runUntil(() -> copy.isFailed() || copy.lastInspected() >= closedAtHeal,
                    ccr.lab.clock().instant().plus(Duration.ofMinutes(2)));
            poll.cancel();
            stats.maxCopyQueue = Math.max(stats.maxCopyQueue, maxQueue);
            String context = "seed " + seed + " " + log;
            if (copy.isFailed()) {
                stats.scrFailed.add(seed + ": " + ccr.service.status(copy).failedMessage());
                assertThat(ccr.service.status(copy).failedMessage()).as("%s: the SCR copy failed", context)
                        .doesNotContain("truncated before it was copied");
                return;
            }
            if (!ccr.mounted()) {
                // No source to catch up with (the CMS is down: counted by the CCR checks).
                return;
            }
            assertThat(copy.lastInspected()).as("%s: the SCR copy caught up with %s's log %d", context, source,
                    closedAtHeal).isGreaterThanOrEqualTo(closedAtHeal - CAUGHT_UP_LOGS);
            stats.caughtUp++;
            // A log the source replaced after the copy inspected it (a lossy CCR failover numbers on from the passive's
            // last log): counted, as the copy then replays another stream's history.
            LogDirectory target = ccr.logs(STANDBY);
            LogDirectory active = ccr.logs(source);
            for (long generation : target.closedGenerations()) {
                Optional<Instant> there = header(target, generation);
                Optional<Instant> here = header(active, generation);
                if (there.isPresent() && here.isPresent() && !there.equals(here)) {
                    stats.scrDiverged.add(seed);
                    return;
                }
            }
        }

        private static Optional<Instant> header(LogDirectory logs, long generation) {
            return LogFile.readHeader(logs.volume(), logs.generationPath(generation)).map(LogHeader::created);
        }
    }
}
