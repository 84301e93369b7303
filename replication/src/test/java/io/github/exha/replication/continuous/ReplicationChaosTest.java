package io.github.exha.replication.continuous;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.fault.ClusterFaultInjector;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.membership.ClusterMembership;
import io.github.exha.cluster.network.HostConnectivity;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.core.Lab;
import io.github.exha.core.invariant.InvariantResult;
import io.github.exha.core.kernel.FaultPlan;
import io.github.exha.core.kernel.FaultPoint;
import io.github.exha.core.kernel.FaultRule;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.run.StepStatus;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.exchange.server.InformationStore;
import io.github.exha.exchange.server.MailFlow;
import io.github.exha.exchange.server.Outages;
import io.github.exha.exchange.store.StoreEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
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
 * {@code -Dexha.replication.chaos.seed=<case seed> -Dexha.replication.chaos.cases=1}.
 */
class ReplicationChaosTest {
    private static final String SEED_PROPERTY = "exha.replication.chaos.seed";
    private static final String CASES_PROPERTY = "exha.replication.chaos.cases";
    private static final long DEFAULT_MASTER_SEED = 20070301L;
    // The issue asks for at least 200 seeds; they take about 2.5 minutes on the 2-core CI machine (measured
    // 2026-11-22: 149 s). -Dexha.replication.chaos.cases=N runs fewer or more.
    private static final int DEFAULT_CASES = 200;
    private static final List<String> NODES = List.of("NODE1", "NODE2");
    private static final List<String> NICS = List.of("Public", "Heartbeat");
    private static final List<String> DIALS = List.of("Lossless", "GoodAvailability", "BestAvailability");
    private static final int[] DIAL_LOGS = {0, 3, 6};
    private static final String SG_ARG = "'CCRCMS\\First Storage Group'";

    @Test
    void randomFailuresMovesAndSuspendsNeverSplitTheBrainNorLoseMoreMailThanTheDesignPermits() {
        long master = Long.getLong(SEED_PROPERTY, DEFAULT_MASTER_SEED);
        int cases = Integer.getInteger(CASES_PROPERTY, DEFAULT_CASES);
        System.out.println("ReplicationChaosTest: master seed " + master + ", " + cases + " cases (seeds " + master
                + ".." + (master + cases - 1) + "); replay one with -D" + SEED_PROPERTY + "=<seed> -D"
                + CASES_PROPERTY + "=1");
        Stats stats = new Stats();
        for (long seed = master; seed < master + cases; seed++) {
            try {
                runCase(seed, stats);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("replication chaos case failed; replay with -D" + SEED_PROPERTY + "=" + seed
                        + " -D" + CASES_PROPERTY + "=1: " + e.getMessage(), e);
            }
        }
        System.out.println("ReplicationChaosTest: " + stats);
        if (cases >= DEFAULT_CASES) {
            // A guard against a run that no longer exercises what it claims to.
            assertThat(stats.unplannedFailovers).as("unplanned failovers").isGreaterThan(cases / 10);
            assertThat(stats.plannedMoves).as("planned moves").isGreaterThan(cases / 10);
            assertThat(stats.held).as("mounts the dial held").isPositive();
            assertThat(stats.lossyMounts).as("lossy mounts").isPositive();
        }
    }

    /** What the cases did, over the whole run. */
    private static final class Stats {
        int unplannedFailovers;
        int plannedMoves;
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

        @Override
        public String toString() {
            return unplannedFailovers + " unplanned failovers, " + plannedMoves + " planned moves, " + restarts
                    + " restarts in place, " + held + " mounts held by the dial, " + lossyMounts + " lossy mounts ("
                    + forcedMounts + " forced), " + lost + " messages lost at mounts, " + resubmitted
                    + " resubmitted, " + lostForGood + " lost for good; not mounted after settling: seeds " + notMounted + "; actions " + actions + "; refused "
                    + refusals + "; fault point firings " + firings;
        }
    }

    /** Follows the journal: where the database is mounted, and each activation against the dial in force. */
    private static final class Watch {
        final Map<String, Boolean> mountedOn = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final List<String> violations = new ArrayList<>();
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
                    mountedOn.put(entry.source(), "MOUNTED".equals(a.get("to")));
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

    private static void runCase(long seed, Stats stats) {
        CcrFailoverLab ccr = new CcrFailoverLab(seed);
        Lab lab = ccr.lab;
        Watch watch = new Watch();
        lab.journal().subscribe(watch::observe);
        RandomGenerator random = lab.streams().stream("chaos.driver");
        ClusterMembership membership = lab.instance(Clusters.class).membership("CCRCLUS");
        HostConnectivity network = lab.instance(Clusters.class).connectivity();
        List<String> log = new ArrayList<>();

        int dial = random.nextInt(DIALS.size());
        String forced = random.nextInt(4) == 0 ? " -ForcedDatabaseMountAfter 00:0" + (1 + random.nextInt(3)) + ":00" : "";
        setDial(ccr, watch, dial, forced, log, stats);
        ccr.runFor(Duration.ofSeconds(40 + random.nextInt(40)));

        FaultPlan plan = randomPlan(random);
        lab.faultPoints().apply(plan);
        log.add("plan " + plan.rules());
        int steps = 2 + random.nextInt(4);
        for (int step = 0; step < steps; step++) {
            String node = random.nextInt(3) == 0 ? NODES.get(random.nextInt(2)) : active(ccr);
            String other = NODES.get(0).equals(node) ? NODES.get(1) : NODES.get(0);
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
                    powerOn(ccr, membership, node);
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
                    tryRun(ccr, "Suspend-StorageGroupCopy -Identity " + SG_ARG + " -SuspendComment chaos -Confirm:$false",
                            stats);
                }
                case 8 -> {
                    action = "resume copy";
                    tryRun(ccr, "Resume-StorageGroupCopy -Identity " + SG_ARG + " -Confirm:$false", stats);
                }
                case 9 -> {
                    action = "new dial";
                    setDial(ccr, watch, random.nextInt(DIALS.size()), "", log, stats);
                }
                default -> {
                    String target = active(ccr).equalsIgnoreCase("NODE1") ? "NODE2" : "NODE1";
                    action = "move to " + target;
                    tryRun(ccr, "Move-ClusteredMailboxServer -Identity CCRCMS -TargetMachine " + target
                            + " -MoveComment chaos -Confirm:$false", stats);
                }
            }
            stats.actions.merge(action.replaceAll(" NODE[12].*| to NODE[12]", ""), 1, Integer::sum);
            log.add(lab.clock().instant() + " " + action);
            ccr.runFor(Duration.ofMillis(5_000 + random.nextLong(40_000)));
        }
        settle(ccr, membership, network, stats);
        check(ccr, watch, seed, log, stats);
        for (FaultPoint point : lab.faultPoints().registered()) {
            if (point.firings() > 0) {
                stats.firings.merge(point.name(), point.firings(), Integer::sum);
            }
        }
    }

    /** Each armed with probability 2/3 at a small per-consultation probability (membership: every 1.2 s; NICs: 10 s). */
    private static FaultPlan randomPlan(RandomGenerator random) {
        List<FaultRule> rules = new ArrayList<>();
        addRule(rules, random, ClusterMembership.NODE_CRASH_FAULT, 0.004);
        addRule(rules, random, ClusterMembership.WITNESS_OUTAGE_FAULT, 0.004);
        addRule(rules, random, ClusterFaultInjector.NIC_FAILURE, 0.02);
        return new FaultPlan(rules);
    }

    private static void addRule(List<FaultRule> rules, RandomGenerator random, String point, double maxProbability) {
        if (random.nextInt(3) > 0) {
            rules.add(new FaultRule(point, random.nextDouble(maxProbability), 1 + random.nextInt(2)));
        }
    }

    private static void setDial(CcrFailoverLab ccr, Watch watch, int dial, String forced, List<String> log, Stats stats) {
        if (tryRun(ccr, "Set-MailboxServer CCRCMS -AutoDatabaseMountDial " + DIALS.get(dial) + forced, stats)) {
            watch.dialLogs = DIAL_LOGS[dial];
            log.add(ccr.lab.clock().instant() + " dial " + DIALS.get(dial) + forced);
        }
    }

    private static String active(CcrFailoverLab ccr) {
        String active = ccr.activeNode();
        return active.isEmpty() ? "NODE1" : active.toUpperCase(java.util.Locale.ROOT);
    }

    /** Runs a statement an administrator might run now; the product may refuse it in the state the chaos left. */
    private static boolean tryRun(CcrFailoverLab ccr, String statement, Stats stats) {
        RunReport report = ccr.lab.run(RunbookParser.parse("chaos.ps1", statement), RunOptions.defaults());
        for (StepResult step : report.steps()) {
            if (step.status() == StepStatus.FAILED) {
                stats.refusals.merge(statement.split(" ")[0] + ": " + step.error().code(), 1, Integer::sum);
                return false;
            }
        }
        return true;
    }

    private static void powerOn(CcrFailoverLab ccr, ClusterMembership membership, String node) {
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

    /** Heals every fault, powers every node on, resumes the copy and lets the world run. */
    private static void settle(CcrFailoverLab ccr, ClusterMembership membership, HostConnectivity network, Stats stats) {
        ccr.lab.faultPoints().apply(FaultPlan.NONE);
        for (String node : NODES) {
            NICS.forEach(nic -> network.nicUp(node, nic));
            powerOn(ccr, membership, node);
        }
        membership.witnessRestored();
        // A boot takes 3 minutes; then the join and the CMS's failover or the held mount play out.
        ccr.runFor(Duration.ofMinutes(3).plusSeconds(30));
        // A NIC fault of the injector may still be active (it heals on its own timer): up again by hand.
        for (String node : NODES) {
            NICS.forEach(nic -> network.nicUp(node, nic));
            powerOn(ccr, membership, node);
        }
        if (ccr.copy().isSuspended()) {
            tryRun(ccr, "Resume-StorageGroupCopy -Identity " + SG_ARG + " -Confirm:$false", stats);
        }
        ccr.runFor(Duration.ofMinutes(2));
    }

    private static void check(CcrFailoverLab ccr, Watch watch, long seed, List<String> log, Stats stats) {
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
        for (Outages.Outage outage : outages) {
            if (outage.planned()) {
                stats.plannedMoves += outage.isFailover() ? 1 : 0;
                assertThat(outage.lost()).as("%s: planned %s", context, outage).isZero();
            } else if (!outage.isFailover()) {
                stats.restarts++;
                if (outage.lost() > 0 && Boolean.getBoolean("exha.replication.chaos.verbose")) {
                    lab.instance(io.github.exha.core.kernel.Kernel.class).journal().entries().stream()
                            .filter(e -> !e.time().isBefore(outage.start().minusSeconds(30))
                                    && !e.time().isAfter(outage.end()))
                            .filter(e -> !e.name().startsWith("heartbeat") && !e.name().contains("log-rolled"))
                            .forEach(e -> System.out.println("J " + e.time() + " " + e.source() + " " + e.name() + " "
                                    + e.attributes()));
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
            // Not asserted (liveness is not what this test claims): counted and reported with the seed.
            stats.notMounted.add(seed);
            if (Boolean.getBoolean("exha.replication.chaos.verbose")) {
                var cluster = lab.instance(io.github.exha.cluster.topology.Clusters.class).clusters().get(0);
                System.out.println("not mounted, seed " + seed + ": " + cluster.groups() + " nodes " + cluster.nodes()
                        + " resources " + cluster.resources());
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
}
