package io.github.exha.examples.cli;

import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.fs.Volume;
import io.github.exha.cluster.membership.ClusterMembership;
import io.github.exha.cluster.membership.DiskWitness;
import io.github.exha.cluster.resources.PhysicalDiskType;
import io.github.exha.core.kernel.Liveness;
import io.github.exha.core.kernel.Operation;
import io.github.exha.core.kernel.Timer;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.MailboxDatabase;
import io.github.exha.exchange.config.ServerKind;
import io.github.exha.exchange.server.ExchangeInformationStore;
import io.github.exha.exchange.server.InformationStore;
import io.github.exha.exchange.server.MailFlow;
import io.github.exha.exchange.server.Outages;
import io.github.exha.exchange.store.LogDirectory;
import io.github.exha.exchange.store.StorageGroupStore;
import java.util.TreeMap;
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
import io.github.exha.storage.spi.BlockDevice;
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
 * <p>Each run first runs the runbook without faults (the baseline), then with a plan of one to three faults. A fault
 * is injected either just before a statement drawn at random and healed just before a later one (or at the end of the
 * runbook), or, when the drawn statement took virtual time in the baseline, at a virtual-time offset inside it: the
 * injection is a kernel event scheduled when the statement starts, so it fires while the statement runs (a
 * {@code Start-Sleep}, a setup, a move, a seeding), and its heal is a kernel event a drawn time later. The baseline is
 * a pure function of the run seed, so the plan is too. Every statement runs, as with {@code --continue-on-error}. A
 * step the faults broke is one that failed in the run and succeeded in the baseline, so steps a runbook expects to fail
 * are not blamed on the faults. Every invariant is checked at the end of each run (and those that follow the journal,
 * such as {@code no-corrupt-database-mounted}, as it happens); mail the design allowed to lose (unplanned failovers)
 * is counted apart.
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
    /** The file "another process" fills a log volume with, at the volume's root. */
    static final String FILLER = "\\chaos-filler.tmp";
    /** A fault injected inside a step lasts between these (CHOICE: long enough for detection and failover). */
    static final Duration MIN_INSIDE_OUTAGE = Duration.ofSeconds(30);
    static final Duration MAX_INSIDE_OUTAGE = Duration.ofMinutes(15);
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
        /**
         * A cluster's quorum disk or disk witness fails: its LUN becomes not ready (when the topology names the
         * Physical Disk resource and its LUN) and no node can arbitrate the disk; both come back at the heal.
         */
        DISK_WITNESS_LOSS("disk-witness-loss"),
        /** A storage array loses power; it is powered on again at the heal. */
        ARRAY_POWER_LOSS("array-power-loss"),
        /** A replication link between two arrays drops; it is reconnected at the heal. */
        SAN_LINK_CUT("san-link-cut"),
        /** A LUN presented to a host becomes not ready (a failed RAID set); it is made read-write again at the heal. */
        LUN_LOST("lun-lost"),
        /** The WAN between two sites slows to {@link #SLOW_LINK_SPEED}; its own speed comes back at the heal. */
        SLOW_LINK("slow-link"),
        /**
         * Another process fills the volume holding a running storage group's logs ({@link #FILLER}, preallocated so
         * that less than one log file fits): at its next log roll the storage group goes offline (ESE 428, -529). The
         * heal deletes the file and mounts again the databases the fault took offline, as an administrator does.
         */
        LOG_DISK_FULL("log-disk-full");

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
     * @param target what it hit ({@code HOST}, {@code HOST/NIC}, {@code SiteA|SiteB}, {@code ARRAY}, {@code LINK},
     *     {@code ARRAY/LUN}, {@code CLUSTER (Disk Q:)}, {@code HOST E: (Storage Group)}), or null when the world had
     *     nothing it could hit then (the fault was a no-op)
     * @param line the runbook line it was injected before or during, or null when it never fired
     * @param during whether it fired while that line ran (else before it)
     * @param offset for a fault injected inside a step, its offset from the start of the step it was drawn for; null
     *     for one injected between statements
     * @param healedLine the line it was healed before or during, or null when healed after the last step
     * @param note why it did nothing, or what its heal found, or null
     */
    record Injection(Kind kind, String target, Integer line, boolean during, Duration offset, Integer healedLine,
            String note) {
        /** Whether it was injected inside a step. */
        boolean inside() {
            return offset != null;
        }

        /** Text for the output: {@code host-crash NODE1 before line 12 until line 15}. */
        String describe() {
            String when = line == null ? "never fired (the runbook ended first)"
                    : (during ? "during line " + line : "before line " + line)
                            + (inside() ? " (drawn at +" + seconds(offset) + "s into its step)" : "");
            return kind.label() + " " + (target == null ? "(no target)" : target) + " " + when
                    + (line == null || target == null ? "" : healedLine == null ? " until the end"
                            : " until line " + healedLine)
                    + (note == null ? "" : " (" + note + ")");
        }
    }

    static String seconds(Duration duration) {
        return java.math.BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
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
     * @param unrecovered what a heal could not bring back (a database that would not mount after its log disk was freed)
     * @param permittedLosses acknowledged messages lost where the design allows it (unplanned failovers: lossy CCR
     *     within AutoDatabaseMountDial, SCR activation, asynchronous SAN replicas), still missing at the end
     * @param journalDigest the run's journal digest
     */
    record RunResult(int number, long runSeed, List<Injection> faults, List<BrokenStep> brokenSteps,
            List<InvariantResult> brokenInvariants, List<String> unrecovered, long permittedLosses,
            String journalDigest) {
        /** Whether the faults broke anything. */
        boolean failed() {
            return !brokenSteps.isEmpty() || !brokenInvariants.isEmpty() || !unrecovered.isEmpty();
        }
    }

    /** The seed of run {@code number} (1-based) of master seed {@code master}. */
    static long runSeed(long master, int number) {
        // Non-negative, so the replay command line never reads like an option.
        return RandomStreams.deriveSeed(master, "chaos.run:" + number) & Long.MAX_VALUE;
    }

    /**
     * Runs the runbook once without faults, to know which failures the faults caused and how long each step takes,
     * then once with a fault plan drawn from {@code runSeed}.
     *
     * @throws ExhaException when the topology does not load or the runbook does not bind
     */
    static RunResult run(int number, long runSeed, TopologySource topology, Runbook runbook, ConfirmPolicy policy) {
        return run(number, runSeed, topology, runbook, policy, Watcher.NONE);
    }

    /**
     * Watches the faulted run of {@link #run} (not its baseline), for the HTML report: told its lab as soon as it is
     * built, before anything runs, and its outcome at the end.
     */
    interface Watcher {
        /** Watches nothing. */
        Watcher NONE = new Watcher() {
            @Override
            public void created(Lab lab) {
            }

            @Override
            public void finished(Outcome outcome) {
            }
        };

        /** The faulted run's lab, just built. */
        void created(Lab lab);

        /** The faulted run's outcome. */
        void finished(Outcome outcome);
    }

    /** {@link #run(int, long, TopologySource, Runbook, ConfirmPolicy)}, telling {@code watcher} of the faulted run. */
    static RunResult run(int number, long runSeed, TopologySource topology, Runbook runbook, ConfirmPolicy policy,
            Watcher watcher) {
        Set<Integer> failingWithoutFaults = new TreeSet<>();
        List<Duration> stepTimes = new ArrayList<>();
        for (StepResult step : execute(runSeed, topology, runbook, policy, null, Watcher.NONE).report.steps()) {
            if (step.status() == StepStatus.FAILED) {
                failingWithoutFaults.add(step.line());
            }
            stepTimes.add(step.start() == null || step.end() == null ? Duration.ZERO
                    : Duration.between(step.start(), step.end()));
        }
        Outcome faulted = execute(runSeed, topology, runbook, policy, stepTimes, watcher);
        watcher.finished(faulted);
        List<BrokenStep> broken = new ArrayList<>();
        List<StepResult> steps = faulted.report.steps();
        for (int i = 0; i < steps.size(); i++) {
            StepResult step = steps.get(i);
            if (step.status() == StepStatus.FAILED && !failingWithoutFaults.contains(step.line())) {
                broken.add(new BrokenStep(step.line(), step.text(), step.error() == null ? "" : step.error().code()
                        + (step.error().nativeCode() == null ? "" : " (" + step.error().nativeCode() + ")"),
                        blame(faulted.faults, i)));
            }
        }
        List<InvariantResult> invariants = faulted.report.invariants().stream().filter(r -> !r.held()).toList();
        return new RunResult(number, runSeed, faulted.faults.stream().map(Fault::injection).toList(), broken,
                invariants, faulted.unrecovered, faulted.permittedLosses, faulted.report.journalDigest());
    }

    /** The faults in effect at statement {@code index}, or if none, those injected before it. */
    private static List<Kind> blame(List<Fault> faults, int index) {
        List<Kind> inEffect = new ArrayList<>();
        List<Kind> before = new ArrayList<>();
        for (Fault f : faults) {
            if (f.injectedAt >= 0 && f.injectedAt <= index && f.target != null) {
                before.add(f.planned.kind);
                if (f.healedAt < 0 || f.healedAt > index || (f.healedAt == index && f.healedDuring)) {
                    inEffect.add(f.planned.kind);
                }
            }
        }
        return inEffect.isEmpty() ? before : inEffect;
    }

    /**
     * A drawn fault: injected before statement {@code at} and healed before statement {@code healAt} (or at the end),
     * or, with an {@code offset}, injected that long after statement {@code at} starts and healed {@code lasts} later.
     */
    private record Planned(Kind kind, int at, int healAt, Duration offset, Duration lasts) {
    }

    /** A planned fault as the run went: where it was injected and healed, on what, and how to heal it. */
    static final class Fault {
        final Planned planned;
        int injectedAt = -1;
        int healedAt = -1;
        boolean healedDuring;
        String target;
        String note;
        Runnable heal;
        Timer timer;
        Integer line;
        boolean during;
        Integer healedLine;

        Fault(Planned planned) {
            this.planned = planned;
        }

        Injection injection() {
            return new Injection(planned.kind, target, line, during, planned.offset, healedLine, note);
        }
    }

    /** A run as it went: its report, its faults, what the heals could not bring back, the permitted losses. */
    record Outcome(RunReport report, List<Fault> faults, List<String> unrecovered, long permittedLosses, Lab lab) {
    }

    /** Where the runbook is: the statement running or about to run, and whether one is running. */
    private static final class Position {
        int index;
        boolean running;
        List<BoundStatement> bound;

        int line() {
            return bound.get(Math.min(index, bound.size() - 1)).statement().position().line();
        }
    }

    /** Runs the runbook; {@code stepTimes} (the baseline's) null for the baseline itself, which has no faults. */
    static Outcome execute(long runSeed, TopologySource topology, Runbook runbook, ConfirmPolicy policy,
            List<Duration> stepTimes) {
        return execute(runSeed, topology, runbook, policy, stepTimes, Watcher.NONE);
    }

    private static Outcome execute(long runSeed, TopologySource topology, Runbook runbook, ConfirmPolicy policy,
            List<Duration> stepTimes, Watcher watcher) {
        Lab lab = ExamplesModule.createLab(new LabSpec(topology, OptionalLong.of(runSeed)));
        watcher.created(lab);
        RunbookRunner runner = lab.instance(RunbookRunner.class);
        List<BoundStatement> bound = runner.check(runbook);
        World world = new World(lab);
        List<Planned> plan = stepTimes != null ? draw(lab.streams().stream(PLAN_STREAM), stepTimes, world.kinds())
                : List.of();
        RandomGenerator targets = lab.streams().stream(PLAN_STREAM + ":targets");
        RunbookRunner.Execution execution = runner.start(new RunOptions(true, policy));
        List<StepResult> results = new ArrayList<>();
        List<Fault> faults = plan.stream().map(Fault::new).toList();
        Position position = new Position();
        position.bound = bound;
        for (int i = 0; i <= bound.size(); i++) {
            position.index = i;
            boolean changed = false;
            for (Fault f : faults) {
                if (f.planned.offset == null && f.planned.healAt == i && f.heal != null) {
                    heal(lab, f, position);
                    changed = true;
                }
            }
            if (i == bound.size()) {
                if (changed) {
                    settle(lab);
                }
                break;
            }
            for (Fault f : faults) {
                if (f.planned.at == i && f.planned.offset == null) {
                    changed |= inject(lab, world, targets, f, position);
                }
            }
            if (changed) {
                settle(lab);
            }
            for (Fault f : faults) {
                if (f.planned.at == i && f.planned.offset != null) {
                    // Scheduled after the settle, so it fires while the statement runs (or later, if the statement is
                    // quicker than in the baseline).
                    f.timer = lab.scheduler().schedule(f.planned.offset, () -> {
                        f.timer = null;
                        if (inject(lab, world, targets, f, position) && f.heal != null) {
                            f.timer = lab.scheduler().schedule(f.planned.lasts, () -> {
                                f.timer = null;
                                heal(lab, f, position);
                            }, Liveness.DAEMON);
                        }
                    }, Liveness.DAEMON);
                }
            }
            position.running = true;
            results.add(execution.run(bound.get(i)));
            position.running = false;
        }
        // The end: faults still waiting to fire never do; those still in effect heal now.
        boolean changed = false;
        for (Fault f : faults) {
            if (f.timer != null) {
                f.timer.cancel();
                f.timer = null;
            }
            if (f.heal != null) {
                heal(lab, f, position);
                changed = true;
            }
        }
        if (changed) {
            settle(lab);
        }
        RunReport report = execution.finish(results);
        List<String> unrecovered = new ArrayList<>();
        for (World.Remount remount : world.remounts) {
            if (remount.refused() != null) {
                unrecovered.add(remount.database() + " could not be mounted after its log disk was freed: "
                        + remount.refused());
            } else if (remount.mount().isFailed()) {
                unrecovered.add(remount.database() + " did not mount after its log disk was freed: "
                        + remount.mount().failure().map(ExhaException::getMessage).orElse(""));
            } else if (!remount.mount().isDone()) {
                unrecovered.add(remount.database() + " was still mounting at the end after its log disk was freed");
            }
        }
        return new Outcome(report, faults, unrecovered, stepTimes == null ? 0 : permittedLosses(lab), lab);
    }

    /** Injects a fault now; true when it changed the world. */
    private static boolean inject(Lab lab, World world, RandomGenerator targets, Fault f, Position position) {
        f.injectedAt = position.index;
        f.line = position.line();
        f.during = position.running;
        Injected done = world.inject(f.planned.kind, targets);
        f.target = done.target;
        f.note = done.note;
        if (done.heal == null) {
            return false;
        }
        f.heal = done.heal;
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("kind", f.planned.kind.label());
        attributes.put("target", done.target);
        attributes.put("line", Integer.toString(f.line));
        attributes.put("during", Boolean.toString(position.running));
        lab.journal().append(JournalEntry.Type.FAULT, SOURCE, "chaos.injected", attributes);
        return true;
    }

    private static void heal(Lab lab, Fault f, Position position) {
        Runnable heal = f.heal;
        f.heal = null;
        f.healedAt = position.index;
        f.healedDuring = position.running;
        f.healedLine = position.index < position.bound.size() ? position.line() : null;
        String found = null;
        try {
            heal.run();
        } catch (HealNote note) {
            found = note.getMessage();
        }
        if (found != null) {
            f.note = f.note == null ? found : f.note + "; " + found;
        }
        lab.journal().append(JournalEntry.Type.FAULT, SOURCE, "chaos.healed", Map.of("kind", f.planned.kind.label(),
                "target", f.target));
    }

    /** Thrown by a heal to say what it found (a file it could not delete): the heal is over, the note is kept. */
    static final class HealNote extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HealNote(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Acknowledged messages still missing at the end that an unplanned failover or an administrator's /RecoverCMS lost
     * ({@link Outages.Outage#lossPermitted()}): what the design allows to lose
     * (the outage report's {@code lost}, less what came back since).
     */
    private static long permittedLosses(Lab lab) {
        MailFlow mail = lab.instance(MailFlow.class);
        if (!mail.hasWorkload()) {
            return 0;
        }
        Set<Long> permitted = new TreeSet<>();
        for (Outages.Outage outage : lab.instance(Outages.class).ended()) {
            if (outage.lossPermitted()) {
                permitted.addAll(outage.lostIds());
            }
        }
        permitted.retainAll(mail.accounting().lost());
        return permitted.size();
    }

    private static void settle(Lab lab) {
        // A host powered on again boots for Host.BOOT_TIME: let it come back, and the cluster react, before the step.
        lab.scheduler().runFor(SETTLE.plus(Host.BOOT_TIME));
    }

    private static List<Planned> draw(RandomGenerator random, List<Duration> stepTimes, List<Kind> kinds) {
        int statements = stepTimes.size();
        if (statements == 0 || kinds.isEmpty()) {
            return List.of();
        }
        int count = 1 + random.nextInt(MAX_FAULTS);
        List<Planned> plan = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Kind kind = kinds.get(random.nextInt(kinds.size()));
            int at = random.nextInt(statements);
            boolean inside = random.nextBoolean();
            long took = stepTimes.get(at).toNanos();
            if (inside && took > 0) {
                Duration offset = Duration.ofNanos(random.nextLong(took));
                Duration lasts = MIN_INSIDE_OUTAGE.plusNanos(random.nextLong(
                        MAX_INSIDE_OUTAGE.minus(MIN_INSIDE_OUTAGE).toNanos()));
                plan.add(new Planned(kind, at, -1, offset, lasts));
            } else {
                int healAt = Math.min(statements, at + 1 + random.nextInt(MAX_STEPS_FAULTED));
                plan.add(new Planned(kind, at, healAt, null, null));
            }
        }
        return plan;
    }

    /** What an injection did: its target and how to undo it, or no target and a note. */
    record Injected(String target, Runnable heal, String note) {
        static Injected none(String why) {
            return new Injected(null, null, why);
        }
    }

    /** The parts of a lab the faults act on. */
    static final class World {
        private final Datacenter datacenter;
        private final Clusters clusters;
        private final HostConnectivity network;
        // Pairs slowed now: slowing one again would make its heal restore the slow speed.
        private final Set<String> slowed = new TreeSet<>();

        private final ExchangeDirectory directory;
        private final InformationStore store;
        // Clusters whose disk witness is failed now.
        private final Set<String> witnessDisksLost = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        /** The mounts the log-disk-full heals started, checked at the end of the run. */
        final List<Remount> remounts = new ArrayList<>();

        /** A database a heal mounted again, and how that went. */
        record Remount(String database, Operation<Void> mount, String refused) {
        }

        World(Lab lab) {
            this.datacenter = lab.instance(Datacenter.class);
            this.clusters = lab.instance(Clusters.class);
            this.network = clusters.connectivity();
            this.directory = lab.instance(ExchangeDirectory.class);
            this.store = lab.instance(InformationStore.class);
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
                    case DISK_WITNESS_LOSS -> !diskWitnessClusters().isEmpty();
                    case LOG_DISK_FULL -> !directory.storageGroups().isEmpty()
                            && store instanceof ExchangeInformationStore;
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
                case DISK_WITNESS_LOSS -> diskWitnessLoss(pick(random, diskWitnessClusters().stream()
                        .filter(c -> !witnessDisksLost.contains(c.name())).toList()));
                case LOG_DISK_FULL -> logDiskFull(random);
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

        /** The clusters whose quorum is a disk (2003 quorum disk, 2008 disk witness or disk only). */
        private List<FailoverCluster> diskWitnessClusters() {
            return clusters.clusters().stream().filter(c -> clusters.membership(c.name()).quorum().witness()
                    .orElse(null) instanceof DiskWitness).toList();
        }

        /**
         * The disk no node can arbitrate any more: its LUN becomes not ready, when the witness names a Physical Disk
         * resource on an array, and the membership loses the witness's vote. The membership then regroups as Windows
         * does: under a disk-only quorum no partition has quorum and every node stops its cluster service (1177),
         * under Node and Disk Majority the nodes' votes carry on.
         */
        private Injected diskWitnessLoss(FailoverCluster cluster) {
            if (cluster == null) {
                return Injected.none("no cluster with a disk witness that is not already lost");
            }
            ClusterMembership membership = clusters.membership(cluster.name());
            DiskWitness witness = (DiskWitness) membership.quorum().witness().orElseThrow();
            String[] lun = cluster.resources().stream()
                    .filter(r -> r.name().equalsIgnoreCase(witness.resource()))
                    .map(r -> new String[] {r.privateProperties().get(PhysicalDiskType.ARRAY),
                            r.privateProperties().get(PhysicalDiskType.LUN)})
                    .filter(ref -> ref[0] != null && ref[1] != null).findFirst().orElse(null);
            StorageArray array = lun == null ? null : datacenter.arrays().stream()
                    .filter(a -> a.name().equalsIgnoreCase(lun[0])).findFirst().orElse(null);
            boolean lunFailed = false;
            if (array != null && array.isPoweredOn()) {
                try {
                    if (array.lun(lun[1]).accessState() == AccessState.READ_WRITE) {
                        array.setAccessState(lun[1], AccessState.NOT_READY);
                        lunFailed = true;
                    }
                } catch (StorageException e) {
                    // The LUN is gone: the membership still loses the disk.
                }
            }
            membership.witnessUnavailable();
            witnessDisksLost.add(cluster.name());
            boolean restoreLun = lunFailed;
            return new Injected(cluster.name() + " (" + witness.resource() + ")", () -> {
                witnessDisksLost.remove(cluster.name());
                if (restoreLun) {
                    try {
                        if (array.lun(lun[1]).accessState() == AccessState.NOT_READY) {
                            array.setAccessState(lun[1], AccessState.READ_WRITE);
                        }
                    } catch (StorageException e) {
                        // The array is off (another fault): the disk stays unreachable to the nodes, as it would.
                    }
                }
                membership.witnessRestored();
            }, lun == null ? "no Physical Disk resource on an array is named " + witness.resource()
                    + ": only the arbitration fails" : null);
        }

        /**
         * Fills the log volume of a running storage group with {@link #FILLER}, preallocated so that less than one log
         * file fits (Windows' free space, {@link LogDirectory#logicalFreeBytes}): the store goes offline at its next
         * log roll. The heal deletes the file wherever the volume is mounted then, and mounts again each database of
         * the storage group that was mounted at the injection and is not mounted by then, as an administrator runs
         * Mount-Database once the space is back; {@link #remounts} keeps how that went.
         */
        private Injected logDiskFull(RandomGenerator random) {
            ExchangeInformationStore exchange = (ExchangeInformationStore) store;
            Map<String, StorageGroupStore> running = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            Map<String, List<String>> mounted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (MailboxDatabase database : directory.databases()) {
                if (!store.isMounted(database.identity())) {
                    continue;
                }
                StorageGroupStore group = exchange.storeOf(database.identity()).orElseThrow().storageGroup();
                String key = group.host().name() + " " + group.settings().logFolder().substring(0, 2) + " ("
                        + group.settings().name() + ")";
                running.putIfAbsent(key, group);
                mounted.computeIfAbsent(key, k -> new ArrayList<>()).add(database.identity());
            }
            List<String> keys = new ArrayList<>(running.keySet());
            keys.removeIf(k -> {
                try {
                    return running.get(k).logDirectory().volume().exists(FILLER);
                } catch (ExhaException e) {
                    return true;
                }
            });
            String key = pick(random, keys);
            if (key == null) {
                return Injected.none("no running storage group whose log volume is not already filled");
            }
            StorageGroupStore group = running.get(key);
            String drive = group.settings().logFolder().substring(0, 2);
            BlockDevice device;
            try {
                Volume volume = group.logDirectory().volume();
                device = volume.device();
                long fill = LogDirectory.logicalFreeBytes(volume) - group.settings().format().logSize() / 2;
                if (fill <= 0) {
                    return Injected.none("the log volume of " + key + " is already full");
                }
                volume.createFile(FILLER);
                volume.preallocate(FILLER, fill);
            } catch (ExhaException e) {
                return Injected.none("the log volume of " + key + " refused the file: " + e.getMessage());
            }
            List<String> databases = mounted.get(key);
            return new Injected(key, () -> {
                deleteFiller(drive, device);
                for (String database : databases) {
                    // A clustered server's databases come back through its cluster resources: the restart policy, or
                    // the runbook's own Start-ClusteredMailboxServer / Mount-Database.
                    MailboxDatabase object = directory.database(database);
                    if (directory.server(object.server()).kind() == ServerKind.STANDALONE
                            && store.runningOn(object.server()).isPresent() && !store.isMounted(database)) {
                        try {
                            remounts.add(new Remount(database, store.mount(database), null));
                        } catch (ExhaException e) {
                            remounts.add(new Remount(database, null, e.getMessage()));
                        }
                    }
                }
            }, null);
        }

        /**
         * Deletes the filler from the volume at {@code drive} of whichever running host has it mounted; when none has
         * (the storage group's disk went offline with it), from the volume on {@code device} directly, which no host
         * then writes.
         *
         * @throws HealNote when the volume cannot be reached (its LUN is not ready, its array is off)
         */
        private void deleteFiller(String drive, BlockDevice device) {
            for (Host host : datacenter.hosts()) {
                if (!host.isRunning()) {
                    continue;
                }
                try {
                    Volume volume = host.resolve(drive + "\\").volume();
                    if (volume.device().lun().equals(device.lun()) && volume.exists(FILLER)) {
                        volume.delete(FILLER);
                        return;
                    }
                } catch (ExhaException e) {
                    // No such drive on this host, or its disk is not ready: look further.
                }
            }
            try {
                Volume volume = Volume.mount(device);
                if (volume.exists(FILLER)) {
                    volume.delete(FILLER);
                }
                volume.dismount();
            } catch (ExhaException | StorageException e) {
                throw new HealNote("the log volume could not be reached to delete " + FILLER + ": " + e.getMessage());
            }
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
