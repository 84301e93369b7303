package io.github.exha.replication.continuous;

import static org.assertj.core.api.Assertions.assertThat;

import static io.github.exha.replication.continuous.CcrChaos.DIALS;
import static io.github.exha.replication.continuous.CcrChaos.NICS;
import static io.github.exha.replication.continuous.CcrChaos.NODES;
import static io.github.exha.replication.continuous.CcrChaos.SG_ARG;

import io.github.exha.cluster.fault.ClusterFaultInjector;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.membership.ClusterMembership;
import io.github.exha.cluster.network.HostConnectivity;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.core.Lab;
import io.github.exha.core.kernel.FaultPlan;
import io.github.exha.core.kernel.FaultRule;
import io.github.exha.replication.chaos.ChaosSeeds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Seeded random cases on the two-node CCR lab ({@link CcrFailoverLab}: CMS CCRCMS on NODE1 / NODE2, MNS + file share
 * witness on HUB1, mail flowing at ten messages a second). Each case draws from its own seed (the lab's seed; the
 * driver's draws come from the lab's stream {@code "chaos.driver"}): the CMS's AutoDatabaseMountDial and sometimes a
 * ForcedDatabaseMountAfter, a random fault plan over the cluster's fault points (membership node crash, witness outage,
 * NIC failure), and a few random actions a few seconds to a minute apart — a host crash, a power-on, a NIC of a node
 * down or up, a node cut off from the other on both networks, the witness lost or back, the copy suspended or resumed,
 * a scheduled {@code Move-ClusteredMailboxServer}, a new dial. Then the world settles (every fault healed, every node
 * powered on, the copy resumed, some virtual minutes) and the case asserts:
 * <ol>
 *   <li>no split brain: the lab's cluster invariants hold, and at every journal entry the database is mounted on at
 *       most one host;</li>
 *   <li>no acknowledged message lost beyond what the design permits: a planned outage (a move) and a restart in place
 *       lose nothing, and every message the database no longer holds at the end was acknowledged before an unplanned
 *       failover began (lost by the failed active, brought back neither by the copy nor by the dumpster);</li>
 *   <li>an unscheduled failover mounts with no more missing logs than the dial in force allows, unless
 *       ForcedDatabaseMountAfter forced it; and the dial holds a mount only when more logs are missing.</li>
 * </ol>
 * The master seed is printed; case {@code i} runs with seed {@code master + i}. Replay one case with
 * {@code -Dexha.replication.chaos.seed=<case seed> -Dexha.replication.chaos.cases=1} (add
 * {@code -Dexha.replication.chaos.verbose=true} for the journal of a case that ends not mounted). Liveness is asserted
 * for the default run only: a case may end with the database not mounted only where real Windows and Exchange would
 * leave it so too (the triaged seeds).
 */
class ReplicationChaosTest {
    private static final String PREFIX = "exha.replication.chaos";
    private static final long DEFAULT_MASTER_SEED = 20070301L;
    // The issue asks for at least 200 seeds; they take about 2.5 minutes on the 2-core CI machine (measured
    // 2026-11-22: 149 s). -Dexha.replication.chaos.cases=N runs fewer or more.
    private static final int DEFAULT_CASES = 200;
    // Not mounted after settling, each triaged as what Windows Server 2003 and Exchange 2007 SP1 would do too
    // (see liveness() below); any other seed of the default run that ends not mounted fails the test.
    private static final Set<Long> TRIAGED_NOT_MOUNTED = Set.of(20070313L, 20070340L, 20070364L, 20070393L,
            20070494L);

    @Test
    void randomFailuresMovesAndSuspendsNeverSplitTheBrainNorLoseMoreMailThanTheDesignPermits() {
        ChaosSeeds seeds = ChaosSeeds.of("ReplicationChaosTest", PREFIX, DEFAULT_MASTER_SEED, DEFAULT_CASES);
        CcrChaos.Stats stats = new CcrChaos.Stats();
        seeds.run(seed -> runCase(seed, stats, seeds.verbose()));
        System.out.println("ReplicationChaosTest: " + stats);
        if (seeds.runsAtLeast(DEFAULT_CASES)) {
            // A guard against a run that no longer exercises what it claims to.
            assertThat(stats.unplannedFailovers).as("unplanned failovers").isGreaterThan(seeds.cases() / 10);
            assertThat(stats.plannedMoves).as("planned moves").isGreaterThan(seeds.cases() / 10);
            assertThat(stats.held).as("mounts the dial held").isPositive();
            assertThat(stats.lossyMounts).as("lossy mounts").isPositive();
        }
        liveness(seeds, stats);
    }

    /**
     * The cases that end with the database not mounted must be the triaged ones. Each of them is a CMS group left
     * Failed by its FailoverThreshold: the Public NIC of the active node failed, its IP Address resource failed and its
     * restarts (3 in 15 minutes) failed, so the group failed over; then, within the FailoverPeriod (6 hours), the IP
     * Address failed again on the other node — its Public NIC failed too (20070313, 20070340, 20070494), or an
     * administrator's Move-ClusteredMailboxServer took the group back to the node whose NIC was still down (20070364,
     * 20070393) — and that second failover exceeded the threshold of a two-node cluster (nodes - 1 = 1): event 1205,
     * the group stays Failed. The cluster keeps quorum throughout, and Windows Server 2003 never retries a failed
     * resource by itself (RetryPeriodOnFailure arrived with Windows Server 2008), so the CMS stays down after the NICs
     * are back, until an administrator runs Start-ClusteredMailboxServer: what a real cluster does. The other seeds
     * that once ended not mounted were model bugs, fixed: 20070306 (a group offline after quorum was lost
     * everywhere), 20070361, 20070395, 20070409, 20070470 (an incremental reseed that deleted the log it matched, see
     * CcrFailoverTest), 20070379, 20070468 (a group Failed before quorum was lost everywhere stayed Failed once the
     * cluster formed again, see NodeTest). 20070316 already mounted before this triage (an earlier fix).
     */
    private static void liveness(ChaosSeeds seeds, CcrChaos.Stats stats) {
        if (!seeds.isDefaultRun(DEFAULT_MASTER_SEED, DEFAULT_CASES)) {
            return;
        }
        assertThat(stats.notMounted).as("seeds ending with the database not mounted, beyond the triaged ones")
                .isSubsetOf(TRIAGED_NOT_MOUNTED);
    }

    private static void runCase(long seed, CcrChaos.Stats stats, boolean verbose) {
        CcrFailoverLab ccr = new CcrFailoverLab(seed);
        Lab lab = ccr.lab;
        CcrChaos.Watch watch = new CcrChaos.Watch();
        lab.journal().subscribe(watch::observe);
        RandomGenerator random = lab.streams().stream("chaos.driver");
        ClusterMembership membership = lab.instance(Clusters.class).membership("CCRCLUS");
        HostConnectivity network = lab.instance(Clusters.class).connectivity();
        List<String> log = new ArrayList<>();

        int dial = random.nextInt(DIALS.size());
        String forced = random.nextInt(4) == 0 ? " -ForcedDatabaseMountAfter 00:0" + (1 + random.nextInt(3)) + ":00" : "";
        CcrChaos.setDial(ccr, watch, dial, forced, log, stats);
        ccr.runFor(Duration.ofSeconds(40 + random.nextInt(40)));

        FaultPlan plan = randomPlan(random);
        lab.faultPoints().apply(plan);
        log.add("plan " + plan.rules());
        int steps = 2 + random.nextInt(4);
        for (int step = 0; step < steps; step++) {
            String node = random.nextInt(3) == 0 ? NODES.get(random.nextInt(2)) : CcrChaos.active(ccr);
            Host host = ccr.host(node);
            String action;
            switch (random.nextInt(12)) {
                case 0, 1 -> {
                    action = "crash " + node;
                    if (host.isRunning()) {
                        host.crash();
                    }
                }
                case 2 -> {
                    action = "power on " + node;
                    CcrChaos.powerOn(ccr, membership, node);
                }
                case 3 -> {
                    String nic = NICS.get(random.nextInt(NICS.size()));
                    action = "nic down " + node + "/" + nic;
                    network.nicDown(node, nic);
                }
                case 4 -> {
                    action = "isolate " + node;
                    NICS.forEach(nic -> network.nicDown(node, nic));
                }
                case 5 -> {
                    action = "nics up " + node;
                    NICS.forEach(nic -> network.nicUp(node, nic));
                }
                case 6 -> {
                    action = random.nextBoolean() ? "witness lost" : "witness back";
                    if (action.equals("witness lost")) {
                        membership.witnessUnavailable();
                    } else {
                        membership.witnessRestored();
                    }
                }
                case 7 -> {
                    action = "suspend copy";
                    ChaosSeeds.tryRun(lab, "Suspend-StorageGroupCopy -Identity " + SG_ARG
                            + " -SuspendComment chaos -Confirm:$false", stats.refusals);
                }
                case 8 -> {
                    action = "resume copy";
                    ChaosSeeds.tryRun(lab, "Resume-StorageGroupCopy -Identity " + SG_ARG + " -Confirm:$false",
                            stats.refusals);
                }
                case 9 -> {
                    action = "new dial";
                    CcrChaos.setDial(ccr, watch, random.nextInt(DIALS.size()), "", log, stats);
                }
                default -> {
                    String target = CcrChaos.active(ccr).equalsIgnoreCase("NODE1") ? "NODE2" : "NODE1";
                    action = "move to " + target;
                    ChaosSeeds.tryRun(lab, "Move-ClusteredMailboxServer -Identity CCRCMS -TargetMachine " + target
                            + " -MoveComment chaos -Confirm:$false", stats.refusals);
                }
            }
            stats.actions.merge(action.replaceAll(" NODE[12].*| to NODE[12]", ""), 1, Integer::sum);
            log.add(lab.clock().instant() + " " + action);
            ccr.runFor(Duration.ofMillis(5_000 + random.nextLong(40_000)));
        }
        CcrChaos.settle(ccr, membership, network, stats, () -> { });
        CcrChaos.check(ccr, watch, seed, log, stats, verbose);
        stats.countFirings(lab);
    }

    /** Each armed with probability 2/3 at a small per-consultation probability (membership: every 1.2 s; NICs: 10 s). */
    static FaultPlan randomPlan(RandomGenerator random) {
        List<FaultRule> rules = new ArrayList<>();
        addRule(rules, random, ClusterMembership.NODE_CRASH_FAULT, 0.004);
        addRule(rules, random, ClusterMembership.WITNESS_OUTAGE_FAULT, 0.004);
        addRule(rules, random, ClusterFaultInjector.NIC_FAILURE, 0.02);
        return new FaultPlan(rules);
    }

    static void addRule(List<FaultRule> rules, RandomGenerator random, String point, double maxProbability) {
        if (random.nextInt(3) > 0) {
            rules.add(new FaultRule(point, random.nextDouble(maxProbability), 1 + random.nextInt(2)));
        }
    }
}
