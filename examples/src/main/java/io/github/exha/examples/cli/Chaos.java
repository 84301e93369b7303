package io.github.exha.examples.cli;

import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.Nic;
import io.github.exha.cluster.host.PowerState;
import io.github.exha.cluster.membership.FileShareWitness;
import io.github.exha.cluster.membership.Witness;
import io.github.exha.cluster.network.HostConnectivity;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.command.BoundStatement;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.invariant.InvariantResult;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.RandomStreams;
import io.github.exha.core.run.ConfirmPolicy;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.RunbookRunner;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.run.StepStatus;
import io.github.exha.core.runbook.Runbook;
import io.github.exha.examples.ExamplesModule;
import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.LinkState;
import io.github.exha.storage.spi.LunInfo;
import io.github.exha.storage.spi.ReplicationLink;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * Randomized fault runs of one runbook, as {@code exha chaos} does them. Run {@code i} of master seed {@code S} has the
 * run seed {@code RandomStreams.deriveSeed(S, "chaos.run:" + i)}; the run seed is the lab's seed and the plan is drawn
 * from the lab's stream {@value #PLAN_STREAM}, so a run seed alone replays the run, journal digest included.
 *
 * <p>A plan is one to three faults, each injected just before a statement drawn at random and healed just before a
 * later one (or at the end of the runbook). Every statement runs, as with {@code --continue-on-error}. A step the
 * faults broke is one that failed in the run and succeeded in the same run seed's fault-free run (the baseline), so
 * steps a runbook expects to fail are not blamed on the faults. Every invariant is checked at the end of each run.
 */
final class Chaos {
    /** The lab stream the fault plan and its targets are drawn from. */
    static final String PLAN_STREAM = "chaos.plan";
    /** Journal source of the injections and heals. */
    static final String SOURCE = "chaos";
    /** Virtual time given to the world after a fault or a heal, so detection and failover happen before the next step. */
    static final Duration SETTLE = Duration.ofMinutes(1);
    /** A degraded WAN: 300 ms each way, 32 KB/s. CHOICE: slow enough that log shipping falls behind. */
    static final HostConnectivity.LinkSpeed SLOW_LINK_SPEED = new HostConnectivity.LinkSpeed(Duration.ofMillis(300),
            32 * 1024);
    private static final int MAX_FAULTS = 3;
    private static final int MAX_STEPS_FAULTED = 4;

    private Chaos() {
    }

    /** A fault the chaos command can inject, by what the model offers. */
    enum Kind {
        /** A host crashes (blue screen, power loss) and is powered on again at the heal. */
        HOST_CRASH("host-crash"),
        /** A NIC of a running host goes down (cable, switch port) and comes up at the heal. */
        NIC_DOWN("nic-down"),
        /** The WAN between two sites fails; it is joined again at the heal. */
        SITE_PARTITION("site-partition"),
        /** The host of a cluster's file share witness crashes; it is powered on again at the heal. */
        WITNESS_LOSS("witness-loss"),
        /** A storage array loses power; it is powered on again at the heal. */
        ARRAY_POWER_LOSS("array-power-loss"),
        /** A replication link between two arrays drops; it is reconnected at the heal. */
        SAN_LINK_CUT("san-link-cut"),
        /** A LUN presented to a host becomes not ready (a failed RAID set); it is made read-write again at the heal. */
        LUN_LOST("lun-lost"),
        /** The WAN between two sites slows to {@link #SLOW_LINK_SPEED}; its own speed comes back at the heal. */
        SLOW_LINK("slow-link");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The name the output uses. */
        String label() {
            return label;
        }
    }

    /**
     * One fault of a run.
     *
     * @param kind what failed
     * @param target what it hit ({@code HOST}, {@code HOST/NIC}, {@code SiteA|SiteB}, {@code ARRAY}, {@code LINK}), or
     *     null when the world had nothing it could hit then (the fault was a no-op)
     * @param beforeLine the runbook line it was injected before
     * @param healedBeforeLine the line it was healed before, or null when healed after the last step
     * @param note why it did nothing or did not heal cleanly, or null
     */
    record Injection(Kind kind, String target, int beforeLine, Integer healedBeforeLine, String note) {
        /** Text for the output: {@code host-crash NODE1 before line 12 until line 15}. */
        String describe() {
            return kind.label() + " " + (target == null ? "(no target)" : target) + " before line " + beforeLine
                    + (healedBeforeLine == null ? " until the end" : " until line " + healedBeforeLine)
                    + (note == null ? "" : " (" + note + ")");
        }
    }

    /**
     * A step that failed with the faults and not without them.
     *
     * @param line its line
     * @param text its text
     * @param error the error code (and native code)
     * @param faults the faults blamed: those in effect when it ran, or else those injected before it
     */
    record BrokenStep(int line, String text, String error, List<Kind> faults) {
    }

    /**
     * One chaos run.
     *
     * @param number 1-based
     * @param runSeed its seed
     * @param faults what was injected
     * @param brokenSteps steps the faults broke
     * @param brokenInvariants invariants that did not hold at the end
     * @param journalDigest the run's journal digest
     */
    record RunResult(int number, long runSeed, List<Injection> faults, List<BrokenStep> brokenSteps,
            List<InvariantResult> brokenInvariants, String journalDigest) {
        /** Whether the faults broke anything. */
        boolean failed() {
            return !brokenSteps.isEmpty() || !brokenInvariants.isEmpty();
        }
    }

    /** The seed of run {@code number} (1-based) of master seed {@code master}. */
    static long runSeed(long master, int number) {
        // Non-negative, so the replay command line never reads like an option.
        return RandomStreams.deriveSeed(master, "chaos.run:" + number) & Long.MAX_VALUE;
    }

    /**
     * Runs the runbook once with a fault plan drawn from {@code runSeed}, and once without faults to know which
     * failures the faults caused.
     *
     * @throws ExhaException when the topology does not load or the runbook does not bind
     */
    static RunResult run(int number, long runSeed, TopologySource topology, Runbook runbook, ConfirmPolicy policy) {
        Set<Integer> failingWithoutFaults = new TreeSet<>();
        for (StepResult step : execute(runSeed, topology, runbook, policy, false).report.steps()) {
            if (step.status() == StepStatus.FAILED) {
                failingWithoutFaults.add(step.line());
            }
        }
        Outcome faulted = execute(runSeed, topology, runbook, policy, true);
        List<BrokenStep> broken = new ArrayList<>();
        List<StepResult> steps = faulted.report.steps();
        for (int i = 0; i < steps.size(); i++) {
            StepResult step = steps.get(i);
            if (step.status() == StepStatus.FAILED && !failingWithoutFaults.contains(step.line())) {
                broken.add(new BrokenStep(step.line(), step.text(), step.error() == null ? "" : step.error().code()
                        + (step.error().nativeCode() == null ? "" : " (" + step.error().nativeCode() + ")"),
                        blame(faulted.plan, faulted.injections, i)));
            }
        }
        List<InvariantResult> invariants = faulted.report.invariants().stream().filter(r -> !r.held()).toList();
        return new RunResult(number, runSeed, faulted.injections, broken, invariants, faulted.report.journalDigest());
    }

    /** The faults in effect at statement {@code index}, or if none, those injected before it. */
    private static List<Kind> blame(List<Planned> plan, List<Injection> injections, int index) {
        List<Kind> inEffect = new ArrayList<>();
        List<Kind> before = new ArrayList<>();
        for (int f = 0; f < plan.size(); f++) {
            Planned p = plan.get(f);
            if (p.at <= index && injections.get(f).target() != null) {
                before.add(p.kind);
                if (p.healAt > index) {
                    inEffect.add(p.kind);
                }
            }
        }
        return inEffect.isEmpty() ? before : inEffect;
    }

    /** A drawn fault: injected before statement {@code at}, healed before statement {@code healAt} (or at the end). */
    private record Planned(Kind kind, int at, int healAt) {
    }

    /** A run as it went: its report, its plan and what each planned fault did. */
    private record Outcome(RunReport report, List<Planned> plan, List<Injection> injections) {
    }

    private static Outcome execute(long runSeed, TopologySource topology, Runbook runbook, ConfirmPolicy policy,
            boolean withFaults) {
        Lab lab = ExamplesModule.createLab(new LabSpec(topology, OptionalLong.of(runSeed)));
        RunbookRunner runner = lab.instance(RunbookRunner.class);
        List<BoundStatement> bound = runner.check(runbook);
        World world = new World(lab);
        List<Planned> plan = withFaults ? draw(lab.streams().stream(PLAN_STREAM), bound.size(), world.kinds())
                : List.of();
        RandomGenerator targets = lab.streams().stream(PLAN_STREAM + ":targets");
        RunbookRunner.Execution execution = runner.start(new RunOptions(true, policy));
        List<StepResult> results = new ArrayList<>();
        Map<Integer, Injection> injected = new LinkedHashMap<>();
        Map<Integer, Runnable> heals = new LinkedHashMap<>();
        for (int i = 0; i <= bound.size(); i++) {
            boolean changed = false;
            for (int f = 0; f < plan.size(); f++) {
                Planned p = plan.get(f);
                if (p.healAt == i && heals.containsKey(f)) {
                    heals.remove(f).run();
                    lab.journal().append(JournalEntry.Type.FAULT, SOURCE, "chaos.healed",
                            Map.of("kind", p.kind.label(), "target", injected.get(f).target()));
                    changed = true;
                }
            }
            if (i == bound.size()) {
                if (changed) {
                    settle(lab);
                }
                break;
            }
            int line = bound.get(i).statement().position().line();
            for (int f = 0; f < plan.size(); f++) {
                Planned p = plan.get(f);
                if (p.at == i) {
                    Integer healLine = p.healAt < bound.size()
                            ? bound.get(p.healAt).statement().position().line() : null;
                    Injected done = world.inject(p.kind, targets);
                    injected.put(f, new Injection(p.kind, done.target, line, healLine, done.note));
                    if (done.heal != null) {
                        heals.put(f, done.heal);
                        lab.journal().append(JournalEntry.Type.FAULT, SOURCE, "chaos.injected",
                                Map.of("kind", p.kind.label(), "target", done.target, "line", Integer.toString(line)));
                        changed = true;
                    }
                }
            }
            if (changed) {
                settle(lab);
            }
            results.add(execution.run(bound.get(i)));
        }
        List<Injection> injections = new ArrayList<>();
        for (int f = 0; f < plan.size(); f++) {
            injections.add(injected.get(f));
        }
        return new Outcome(execution.finish(results), plan, injections);
    }

    private static void settle(Lab lab) {
        // A host powered on again boots for Host.BOOT_TIME: let it come back, and the cluster react, before the step.
        lab.scheduler().runFor(SETTLE.plus(Host.BOOT_TIME));
    }

    private static List<Planned> draw(RandomGenerator random, int statements, List<Kind> kinds) {
        if (statements == 0 || kinds.isEmpty()) {
            return List.of();
        }
        int count = 1 + random.nextInt(MAX_FAULTS);
        List<Planned> plan = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Kind kind = kinds.get(random.nextInt(kinds.size()));
            int at = random.nextInt(statements);
            int healAt = Math.min(statements, at + 1 + random.nextInt(MAX_STEPS_FAULTED));
            plan.add(new Planned(kind, at, healAt));
        }
        return plan;
    }

    /** What an injection did: its target and how to undo it, or no target and a note. */
    private record Injected(String target, Runnable heal, String note) {
        static Injected none(String why) {
            return new Injected(null, null, why);
        }
    }

    /** The parts of a lab the faults act on. */
    private static final class World {
        private final Datacenter datacenter;
        private final Clusters clusters;
        private final HostConnectivity network;
        // Pairs slowed now: slowing one again would make its heal restore the slow speed.
        private final Set<String> slowed = new TreeSet<>();

        World(Lab lab) {
            this.datacenter = lab.instance(Datacenter.class);
            this.clusters = lab.instance(Clusters.class);
            this.network = clusters.connectivity();
        }

        /** The kinds the topology can express: no site partition with one site, no array loss without arrays. */
        List<Kind> kinds() {
            List<Kind> kinds = new ArrayList<>();
            for (Kind kind : Kind.values()) {
                boolean possible = switch (kind) {
                    case HOST_CRASH, NIC_DOWN, WITNESS_LOSS -> !datacenter.hosts().isEmpty();
                    case SITE_PARTITION, SLOW_LINK -> network.sites().size() > 1;
                    case ARRAY_POWER_LOSS, LUN_LOST -> !datacenter.arrays().isEmpty();
                    case SAN_LINK_CUT -> !datacenter.links().isEmpty();
                };
                if (possible) {
                    kinds.add(kind);
                }
            }
            return kinds;
        }

        Injected inject(Kind kind, RandomGenerator random) {
            return switch (kind) {
                case HOST_CRASH -> crash(pick(random, datacenter.hosts().stream().filter(Host::isRunning).toList()),
                        "no running host");
                case NIC_DOWN -> nicDown(random);
                case SITE_PARTITION -> partition(random);
                case SLOW_LINK -> slowLink(random);
                case LUN_LOST -> lunLost(random);
                case WITNESS_LOSS -> crash(pick(random, witnessHosts()), "no file share witness on a running host");
                case ARRAY_POWER_LOSS -> arrayPowerLoss(pick(random,
                        datacenter.arrays().stream().filter(StorageArray::isPoweredOn).toList()));
                case SAN_LINK_CUT -> linkCut(pick(random,
                        datacenter.links().stream().filter(l -> l.state() == LinkState.UP).toList()));
            };
        }

        private static <T> T pick(RandomGenerator random, List<T> choices) {
            return choices.isEmpty() ? null : choices.get(random.nextInt(choices.size()));
        }

        private Injected crash(Host host, String none) {
            if (host == null) {
                return Injected.none(none);
            }
            host.crash();
            return new Injected(host.name(), () -> {
                if (host.powerState() == PowerState.CRASHED || host.powerState() == PowerState.OFF) {
                    host.powerOn();
                }
            }, null);
        }

        private List<Host> witnessHosts() {
            Set<String> names = new TreeSet<>();
            for (FailoverCluster cluster : clusters.clusters()) {
                Witness witness = clusters.membership(cluster.name()).quorum().witness().orElse(null);
                if (witness instanceof FileShareWitness share) {
                    names.add(share.host());
                }
            }
            List<Host> hosts = new ArrayList<>();
            for (String name : names) {
                datacenter.findHost(name).filter(Host::isRunning).ifPresent(hosts::add);
            }
            return hosts;
        }

        private Injected nicDown(RandomGenerator random) {
            List<String[]> nics = new ArrayList<>();
            for (Host host : datacenter.hosts()) {
                if (host.isRunning()) {
                    for (Nic nic : host.nics()) {
                        if (network.isNicUp(host.name(), nic.name())) {
                            nics.add(new String[] {host.name(), nic.name()});
                        }
                    }
                }
            }
            String[] nic = pick(random, nics);
            if (nic == null) {
                return Injected.none("no NIC up on a running host");
            }
            network.nicDown(nic[0], nic[1]);
            return new Injected(nic[0] + "/" + nic[1], () -> network.nicUp(nic[0], nic[1]), null);
        }

        private Injected partition(RandomGenerator random) {
            String[] pair = pick(random, sitePairs(true));
            if (pair == null) {
                return Injected.none("every pair of sites already partitioned");
            }
            network.cutBetweenSites(pair[0], pair[1]);
            return new Injected(pair[0] + "|" + pair[1], () -> network.healBetweenSites(pair[0], pair[1]), null);
        }

        private Injected slowLink(RandomGenerator random) {
            String[] pair = pick(random, sitePairs(false).stream()
                    .filter(p -> !slowed.contains(p[0] + "|" + p[1])).toList());
            if (pair == null) {
                return Injected.none("every link between sites already slow");
            }
            String target = pair[0] + "|" + pair[1];
            HostConnectivity.LinkSpeed before = network.slowSiteLink(pair[0], pair[1], SLOW_LINK_SPEED);
            slowed.add(target);
            return new Injected(target, () -> {
                network.restoreSiteLink(pair[0], pair[1], before);
                slowed.remove(target);
            }, null);
        }

        private Injected lunLost(RandomGenerator random) {
            List<String[]> luns = new ArrayList<>();
            for (StorageArray array : datacenter.arrays()) {
                if (array.isPoweredOn()) {
                    for (LunInfo lun : array.luns()) {
                        if (lun.accessState() == AccessState.READ_WRITE && !lun.presentedTo().isEmpty()) {
                            luns.add(new String[] {array.name(), lun.ref().lun()});
                        }
                    }
                }
            }
            String[] lun = pick(random, luns);
            if (lun == null) {
                return Injected.none("no read-write LUN presented to a host");
            }
            StorageArray array = datacenter.array(lun[0]);
            try {
                array.setAccessState(lun[1], AccessState.NOT_READY);
            } catch (StorageException e) {
                return Injected.none("the array refused: " + e.getMessage());
            }
            return new Injected(lun[0] + "/" + lun[1], () -> {
                try {
                    // Only undo our own change: a runbook step may have set the LUN's state since.
                    if (array.lun(lun[1]).accessState() == AccessState.NOT_READY) {
                        array.setAccessState(lun[1], AccessState.READ_WRITE);
                    }
                } catch (StorageException e) {
                    // The array is off (another fault) or the LUN is gone: the LUN stays as it is.
                }
            }, null);
        }

        /** Pairs of sites, in name order; with {@code unpartitioned} only those not partitioned now. */
        private List<String[]> sitePairs(boolean unpartitioned) {
            List<String[]> pairs = new ArrayList<>();
            List<String> sites = network.sites();
            for (int a = 0; a < sites.size(); a++) {
                for (int b = a + 1; b < sites.size(); b++) {
                    if (!unpartitioned || !network.isPartitioned(sites.get(a), sites.get(b))) {
                        pairs.add(new String[] {sites.get(a), sites.get(b)});
                    }
                }
            }
            return pairs;
        }

        private static Injected arrayPowerLoss(StorageArray array) {
            if (array == null) {
                return Injected.none("no powered array");
            }
            array.powerOff();
            return new Injected(array.name(), array::powerOn, null);
        }

        private static Injected linkCut(ReplicationLink link) {
            if (link == null) {
                return Injected.none("no replication link up");
            }
            try {
                link.disconnect();
            } catch (StorageException e) {
                return Injected.none("the array refused: " + e.getMessage());
            }
            return new Injected(link.spec().name(), () -> {
                try {
                    link.reconnect();
                } catch (StorageException e) {
                    // An array of the link is still off (another fault): the link stays down, as it would.
                }
            }, null);
        }
    }
}
