package io.github.exha.cluster.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.failover.ClusterGroup;
import io.github.exha.cluster.failover.ClusterNode;
import io.github.exha.cluster.failover.ClusterResource;
import io.github.exha.cluster.failover.ClusterVersion;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.failover.GroupPolicy;
import io.github.exha.cluster.failover.GroupState;
import io.github.exha.cluster.failover.NodeState;
import io.github.exha.cluster.failover.ResourcePlacement;
import io.github.exha.cluster.failover.ResourceState;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.PowerState;
import io.github.exha.cluster.invariant.OneNodePerResourceInvariant;
import io.github.exha.cluster.invariant.OneQuorumPartitionInvariant;
import io.github.exha.cluster.invariant.OneWriterPerDiskInvariant;
import io.github.exha.cluster.membership.ClusterMembership;
import io.github.exha.cluster.membership.MemberState;
import io.github.exha.cluster.membership.Partition;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.invariant.Invariant;
import io.github.exha.core.invariant.InvariantResult;
import io.github.exha.core.kernel.FaultPlan;
import io.github.exha.core.kernel.FaultPoint;
import io.github.exha.core.kernel.FaultRule;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Seeded random sequences on the four-node stretched cluster with a file share witness in a third site (even seeds:
 * Windows 2003 MNS + FSW; odd seeds: Windows 2008 Node and File Share Majority) mixing failover-engine operations (move,
 * online, offline, fail, pause, resume), membership faults (host crash and power-on, site partitions, witness loss and
 * return) and storage faults (a LUN unpresented from a node and presented again), with every cluster fault point armed
 * at random by a {@link FaultPlan}. The three journal invariants must hold over the whole journal; at every journal
 * entry, nothing runs outside the partition with quorum; after everything heals every node is a member again and no
 * group is left pending. Replay one sequence with {@code -Dexha.fuzz.seed=N}.
 */
class ClusterChaosTest {
    private static final long FIRST_SEED = 20080301L;
    private static final int SEQUENCES = 500;
    private static final int STEPS = 25;
    private static final FaultTimings TIMINGS = new FaultTimings(Duration.ofSeconds(10), Duration.ofSeconds(20),
            Duration.ofMinutes(5));
    private static final List<String> GROUPS = List.of("G1", "G2");
    private static final List<String> KINDS = List.of(" Disk", " IP", " Name", " Svc");
    private static final List<String> SITES = List.of("Production", "Recovery", "Witness");
    private static final List<String> LUNS = List.of("DATA1", "DATA2");

    @Test
    void theSameSeedGivesTheSameJournal() {
        Topology topology = FaultLab.topology(ClusterVersion.WINDOWS_2008);
        assertThat(run(topology, 42).lab.kernel.journal().digest()).isEqualTo(run(topology, 42).lab.kernel.journal().digest());
        assertThat(run(topology, 42).lab.kernel.journal().digest()).isNotEqualTo(run(topology, 43).lab.kernel.journal().digest());
    }

    @Test
    void randomizedOperationsAndFaultsNeverBreakTheClusterInvariants() {
        String override = System.getProperty("exha.fuzz.seed");
        long first = override != null ? Long.parseLong(override) : FIRST_SEED;
        int count = override != null ? 1 : SEQUENCES;
        System.out.println("ClusterChaosTest: " + count + " sequences, seeds " + first + ".." + (first + count - 1)
                + " (replay one with -Dexha.fuzz.seed=N)");
        Map<ClusterVersion, Topology> topologies = new EnumMap<>(ClusterVersion.class);
        for (ClusterVersion version : ClusterVersion.values()) {
            topologies.put(version, FaultLab.topology(version));
        }
        Map<String, Integer> firings = new TreeMap<>();
        for (long seed = first; seed < first + count; seed++) {
            ClusterVersion version = versionOf(seed);
            System.out.println("cluster chaos seed " + seed + " (" + version + ")");
            try {
                Run run = run(topologies.get(version), seed);
                settleAndCheck(run, seed);
                for (FaultPoint point : run.lab().kernel.faultPoints().registered()) {
                    if (point.name().startsWith("cluster.")) {
                        firings.merge(point.name(), point.firings(), Integer::sum);
                    }
                }
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("cluster chaos sequence failed; replay with -Dexha.fuzz.seed=" + seed + ": "
                        + e.getMessage(), e);
            }
        }
        System.out.println("ClusterChaosTest fault point firings: " + firings);
        if (count > 1) {
            // A guard against a run that no longer exercises some fault.
            assertThat(firings).as("firings per fault point").hasSize(5).allSatisfy((point, fired) ->
                    assertThat(fired).as(point).isGreaterThan(count / 10));
        }
    }

    /** Even seeds run the Windows 2003 topology, odd seeds its 2008 twin. */
    static ClusterVersion versionOf(long seed) {
        return seed % 2 == 0 ? ClusterVersion.WINDOWS_2003 : ClusterVersion.WINDOWS_2008;
    }

    /** One randomized world, the plan it ran with and what the per-entry check saw. */
    record Run(FaultLab lab, FaultPlan plan, List<String> violations) {
    }

    /** A sequence: two groups online, a random fault plan, then {@value #STEPS} random actions over about 12 virtual minutes. */
    static Run run(Topology topology, long seed) {
        FaultLab lab = new FaultLab(topology, seed, TIMINGS);
        List<String> violations = new ArrayList<>();
        lab.kernel.journal().subscribe(entry -> checkEntry(lab, entry, violations));
        RandomGenerator random = lab.kernel.streams().stream("chaos.driver");
        FailoverCluster cluster = lab.cluster();
        lab.createGroup("G1", "DATA1", "192.168.10.51", "EVS1", shuffled(random));
        lab.createGroup("G2", "DATA2", "192.168.10.52", "EVS2", shuffled(random));
        for (String group : GROUPS) {
            if (random.nextBoolean()) {
                cluster.setGroupPolicy(group, GroupPolicy.DEFAULT.withFailbackWindow(random.nextInt(24), random.nextInt(24)));
            }
            cluster.onlineGroup(group);
        }
        FaultPlan plan = randomPlan(random);
        lab.kernel.faultPoints().apply(plan);
        for (int step = 0; step < STEPS; step++) {
            String group = GROUPS.get(random.nextInt(GROUPS.size()));
            String resource = group + KINDS.get(random.nextInt(KINDS.size()));
            String node = FaultLab.NODES.get(random.nextInt(FaultLab.NODES.size()));
            int a = random.nextInt(SITES.size());
            int b = (a + 1 + random.nextInt(SITES.size() - 1)) % SITES.size();
            String lun = LUNS.get(random.nextInt(LUNS.size()));
            try {
                switch (random.nextInt(17)) {
                    case 0, 1 -> cluster.moveGroup(group, node);
                    case 2 -> cluster.moveGroup(group);
                    case 3 -> cluster.onlineGroup(group);
                    case 4 -> cluster.offlineGroup(group);
                    case 5 -> cluster.onlineResource(resource);
                    case 6 -> cluster.offlineResource(resource);
                    case 7 -> cluster.failResource(resource);
                    case 8 -> cluster.pause(node);
                    case 9 -> cluster.resume(node);
                    case 10 -> lab.host(node).crash();
                    case 11 -> restart(lab, node);
                    case 12 -> lab.network().cutBetweenSites(SITES.get(a), SITES.get(b));
                    case 13 -> lab.network().healBetweenSites(SITES.get(a), SITES.get(b));
                    case 14 -> {
                        if (random.nextBoolean()) {
                            lab.membership().witnessUnavailable();
                        } else {
                            lab.membership().witnessRestored();
                        }
                    }
                    case 15 -> lab.array().unpresent(lun, node);
                    default -> lab.array().present(lun, node);
                }
            } catch (ExhaException refused) {
                // The cluster refuses an action in the wrong state before changing anything; the run goes on.
            }
            lab.run(Duration.ofMillis(random.nextLong(60_000)));
            checkPlacements(lab, violations);
        }
        return new Run(lab, plan, violations);
    }

    /** Each cluster fault point armed with probability 2/3, at a small per-consultation probability. */
    private static FaultPlan randomPlan(RandomGenerator random) {
        List<FaultRule> rules = new ArrayList<>();
        // The membership's points are consulted every 1.2 s, the injector's every 10 s per target.
        addRule(rules, random, ClusterMembership.NODE_CRASH_FAULT, 0.002);
        addRule(rules, random, ClusterMembership.WITNESS_OUTAGE_FAULT, 0.002);
        addRule(rules, random, ClusterFaultInjector.NIC_FAILURE, 0.01);
        addRule(rules, random, ClusterFaultInjector.SITE_PARTITION, 0.02);
        addRule(rules, random, ClusterFaultInjector.LUN_LOST, 0.03);
        return new FaultPlan(rules);
    }

    private static void addRule(List<FaultRule> rules, RandomGenerator random, String point, double maxProbability) {
        if (random.nextInt(3) > 0) {
            int maxFirings = random.nextBoolean() ? FaultRule.UNLIMITED : 1 + random.nextInt(3);
            rules.add(new FaultRule(point, random.nextDouble(maxProbability), maxFirings));
        }
    }

    private static List<String> shuffled(RandomGenerator random) {
        List<String> nodes = new ArrayList<>(FaultLab.NODES);
        for (int i = nodes.size() - 1; i > 0; i--) {
            java.util.Collections.swap(nodes, i, random.nextInt(i + 1));
        }
        return nodes.subList(0, 2 + random.nextInt(3));
    }

    /** Powers a crashed host on, or restarts the cluster service of a node the membership thinks crashed. */
    private static void restart(FaultLab lab, String node) {
        Host host = lab.host(node);
        switch (host.powerState()) {
            case CRASHED, OFF -> host.powerOn();
            case ON -> {
                if (!lab.membership().isHostUp(node)) {
                    lab.membership().restart(node);
                }
            }
            case BOOTING, SHUTTING_DOWN -> {
                // On its way: nothing to do.
            }
        }
    }

    /**
     * At every journal entry, each node the engine has Up, Paused or Joining is in the partition with quorum (the
     * membership's documented order of effects: leave the engine first, join it last).
     */
    private static void checkEntry(FaultLab lab, JournalEntry entry, List<String> violations) {
        if (violations.size() >= 5) {
            return;
        }
        Partition running = lab.membership().quorumPartition().orElse(null);
        for (ClusterNode node : lab.cluster().nodes()) {
            if (node.state() != NodeState.DOWN && (running == null || !running.nodes().contains(node.name()))) {
                violations.add("entry " + entry.sequence() + " at " + entry.time() + ": " + node.name() + " is "
                        + node.state().displayName() + " outside the partition with quorum " + lab.membership().partitions());
            }
        }
    }

    /**
     * Between events (not inside one engine call, which journals a node Down before it stops the node's resources),
     * nothing is online or pending on a node that is down.
     */
    private static void checkPlacements(FaultLab lab, List<String> violations) {
        FailoverCluster cluster = lab.cluster();
        for (ResourcePlacement placement : cluster.placements()) {
            if (cluster.node(placement.node()).state() == NodeState.DOWN) {
                violations.add("at " + lab.now() + ": " + placement + " on a node that is down");
            }
        }
    }

    /** Heals everything, waits for the world to settle, then checks the journal and the final state. */
    private static void settleAndCheck(Run run, long seed) {
        FaultLab lab = run.lab();
        String context = "seed " + seed + " plan " + run.plan().rules();
        lab.kernel.faultPoints().apply(FaultPlan.NONE);
        lab.faults.healAll();
        for (int a = 0; a < SITES.size(); a++) {
            for (int b = a + 1; b < SITES.size(); b++) {
                lab.network().healBetweenSites(SITES.get(a), SITES.get(b));
            }
        }
        for (String lun : LUNS) {
            FaultLab.NODES.forEach(node -> lab.array().present(lun, node));
        }
        lab.membership().witnessRestored();
        FaultLab.NODES.forEach(node -> restart(lab, node));
        // Long enough for a boot (3 min) and the join.
        lab.run(Duration.ofMinutes(4));
        for (String node : FaultLab.NODES) {
            if (lab.cluster().node(node).state() == NodeState.PAUSED) {
                lab.cluster().resume(node);
            }
        }
        // Long enough for groups to fail over or fail back and for restarts to play out.
        lab.run(Duration.ofMinutes(4));
        checkPlacements(lab, run.violations());

        for (Invariant invariant : List.of(new OneNodePerResourceInvariant(lab.kernel.journal()),
                new OneWriterPerDiskInvariant(lab.kernel.journal()), new OneQuorumPartitionInvariant(lab.kernel.journal()))) {
            InvariantResult result = invariant.check();
            assertThat(result.held()).as("%s: %s: %s", context, invariant.name(), result.detail()).isTrue();
        }
        assertThat(run.violations()).as(context).isEmpty();
        for (String node : FaultLab.NODES) {
            assertThat(lab.host(node).powerState()).as("%s %s", context, node).isEqualTo(PowerState.ON);
            assertThat(lab.membership().state(node)).as("%s %s after healing", context, node).isEqualTo(MemberState.MEMBER);
            assertThat(lab.cluster().node(node).state()).as("%s %s after healing", context, node).isEqualTo(NodeState.UP);
        }
        for (ClusterGroup group : lab.cluster().groups()) {
            assertThat(group.isMoving()).as("%s %s", context, group).isFalse();
            assertThat(group.state()).as("%s %s", context, group).isNotEqualTo(GroupState.PENDING);
            for (String name : group.resources()) {
                ClusterResource resource = lab.cluster().resource(name);
                if (resource.state() == ResourceState.ONLINE) {
                    assertThat(resource.hostNode()).as("%s %s", context, resource).isEqualTo(group.ownerNode());
                }
            }
        }
    }
}
