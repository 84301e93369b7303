package io.github.exha.availability;

import io.github.exha.availability.AvailabilityDesign.Component;
import io.github.exha.availability.AvailabilityDesign.Location;
import io.github.exha.availability.AvailabilityDesign.Replication;
import io.github.exha.availability.ReliabilitySection.ComponentEntry;
import io.github.exha.availability.ReliabilitySection.ComponentReliability;
import io.github.exha.availability.ReliabilitySection.Reliability;
import io.github.exha.availability.ReliabilitySection.RecoveryEntry;
import io.github.exha.core.error.ExhaException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;

/**
 * Years of service of one design, drawn at random: every component alternates between up (a failure time drawn) and
 * down (a repair time drawn), and the service follows the design's outage semantics.
 *
 * <ul>
 *   <li>A cluster runs only while it has quorum: a majority of its votes (nodes, and a file share witness's host or
 *       a quorum disk), or for a disk-only model its quorum disk. A two-node Majority Node Set without a witness stops
 *       when either node fails, as Windows does, so such a cluster never fails over automatically.</li>
 *   <li>The service runs on a node of the active location. When that node, its site or the storage its copy needs
 *       fails, the cluster fails over automatically to another node whose copy is available (a recovery time drawn
 *       from {@code recovery.failover}). On shared storage (SCC) nothing acknowledged is lost. In CCR the passive copy
 *       lacks the newest logs ({@code recovery.copyLag}); the transport dumpster (18 MB) resubmits the newest mail, so
 *       only what exceeds it is lost (the lossy failover AutoDatabaseMountDial permits).</li>
 *   <li>When no node of the active location can serve (shared storage or the whole site lost, every node down), the
 *       service is down until the location can serve again — then databases mount again after a recovery time; a lost
 *       LUN of shared storage is restored from the last backup, losing up to {@code recovery.backupInterval} of mail —
 *       or until an administrator activates the standby copy, whichever comes first. Activation is manual for SCR and
 *       SAN replication: it starts {@code recovery.activation} after the loss, needs the standby copy's node (SCR) or
 *       any standby node (SAN) with its storage and site, and takes the SCR replay or a mount. It loses what the
 *       standby copy lacked when the primary was lost: the continuous replication lag (SCR), nothing (SYNC SAN) or the
 *       asynchronous lag, plus everything since the replication link went down if it was down; no dumpster helps
 *       when the whole site went.</li>
 *   <li>After an activation the standby location is the active one and the former active one the standby, once
 *       repaired (reseeding is not modelled as an outage).</li>
 * </ul>
 *
 * <p>Immutable and thread-safe: each trial creates its own samplers from its own generator.
 */
final class OutageSimulation {
    private static final double YEAR_SECONDS = 365.25 * 24 * 3600;

    private final AvailabilityDesign design;
    private final double horizon;
    private final String[] names;
    private final ContinuousDistribution[] failure;
    private final ContinuousDistribution[] repair;
    private final boolean[] isLink;
    private final Loc[] locations;
    private final Replication replication;
    private final int linkIndex;
    private final ContinuousDistribution failover;
    private final ContinuousDistribution activation;
    private final ContinuousDistribution replay;
    private final ContinuousDistribution copyLag;
    private final ContinuousDistribution sanAsyncLag;
    private final double backupSeconds;
    private final double messagesPerSecond;
    private final long dumpsterMessages;
    private final String failoverSource;

    /** One location compiled to indices. */
    private record Loc(int[] nodes, int[] sites, int[][] storage, int target, boolean perNodeCopy, int[] voters,
            int[] voterSites, int votesNeeded) {
    }

    /**
     * Compiles a design with its reliability figures.
     *
     * @param calibratedFailover the failover time measured in the simulator, if any; used when the topology declares
     *     no {@code recovery.failover}
     * @throws ExhaException {@code availability.unknown-component} for an override naming no component of the design
     */
    OutageSimulation(AvailabilityDesign design, Reliability reliability, Optional<Duration> calibratedFailover,
            double years, String file) {
        this.design = design;
        this.horizon = years * YEAR_SECONDS;
        List<Component> components = design.components();
        int n = components.size();
        names = new String[n];
        failure = new ContinuousDistribution[n];
        repair = new ContinuousDistribution[n];
        isLink = new boolean[n];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Component c = components.get(i);
            names[i] = c.name();
            index.put(c.name().toLowerCase(Locale.ROOT), i);
            ComponentReliability declared = reliability.of(c.componentClass());
            failure[i] = (declared != null && declared.failure() != null ? declared.failure()
                    : ReliabilityDefaults.failure(c.componentClass())).seconds();
            repair[i] = (declared != null && declared.repair() != null ? declared.repair()
                    : ReliabilityDefaults.repair(c.componentClass())).seconds();
            isLink[i] = c.componentClass() == ComponentClass.LINK;
        }
        for (int e = 0; e < reliability.components().size(); e++) {
            ComponentEntry entry = reliability.components().get(e);
            Integer i = index.get(entry.name().toLowerCase(Locale.ROOT));
            if (i == null) {
                throw new ExhaException(AvailabilityErrorCode.UNKNOWN_COMPONENT, "Invalid value at 'reliability.components["
                        + e + "].name' in " + file + ": no component named '" + entry.name() + "' in the design of "
                        + design.server() + "; its components are " + String.join(", ", names));
            }
            if (entry.failure() != null) {
                failure[i] = entry.failure().seconds();
            }
            if (entry.repair() != null) {
                repair[i] = entry.repair().seconds();
            }
        }
        Loc primary = compile(design.primary(), index, null);
        if (design.standby().isPresent()) {
            AvailabilityDesign.Standby standby = design.standby().get();
            locations = new Loc[] {primary, compile(standby.location(), index, standby.target())};
            replication = standby.replication();
            linkIndex = index.get(standby.link().toLowerCase(Locale.ROOT));
        } else {
            locations = new Loc[] {primary};
            replication = null;
            linkIndex = -1;
        }
        RecoveryEntry recovery = reliability.recovery() != null ? reliability.recovery()
                : new RecoveryEntry(null, null, null, null, null, null);
        if (recovery.failover() != null) {
            failover = recovery.failover().seconds();
            failoverSource = "declared " + recovery.failover().describe();
        } else if (calibratedFailover.isPresent()) {
            DurationDistribution measured = DurationDistribution.lognormal(calibratedFailover.get(),
                    ReliabilityDefaults.CALIBRATED_FAILOVER_SIGMA);
            failover = measured.seconds();
            failoverSource = "measured in the simulator: " + measured.describe();
        } else {
            failover = ReliabilityDefaults.FAILOVER.seconds();
            failoverSource = "default " + ReliabilityDefaults.FAILOVER.describe();
        }
        activation = (recovery.activation() != null ? recovery.activation() : ReliabilityDefaults.ACTIVATION).seconds();
        replay = (recovery.replay() != null ? recovery.replay() : ReliabilityDefaults.REPLAY).seconds();
        // The open log never ships: on average the passive copy lacks the time the workload takes to fill one log.
        double logFillSeconds = ReliabilityDefaults.LOG_BYTES / (design.messagesPerHour() * design.messageBytes() / 3600);
        copyLag = (recovery.copyLag() != null ? recovery.copyLag()
                : DurationDistribution.exponential(Duration.ofMillis(Math.max(1, Math.round(logFillSeconds * 1000))))).seconds();
        sanAsyncLag = (recovery.sanAsyncLag() != null ? recovery.sanAsyncLag() : ReliabilityDefaults.SAN_ASYNC_LAG).seconds();
        Duration backup = recovery.backupInterval() != null ? recovery.backupInterval().duration()
                : ReliabilityDefaults.BACKUP_INTERVAL;
        backupSeconds = backup.getSeconds() + backup.getNano() / 1e9;
        messagesPerSecond = design.messagesPerHour() / 3600;
        dumpsterMessages = (long) Math.floor(ReliabilityDefaults.DUMPSTER_BYTES / design.messageBytes());
    }

    private static Loc compile(Location location, Map<String, Integer> index, String target) {
        int size = location.nodes().size();
        int[] nodes = new int[size];
        int[] sites = new int[size];
        int[][] storage = new int[size][];
        int targetIndex = -1;
        for (int i = 0; i < size; i++) {
            nodes[i] = index.get(location.nodes().get(i).toLowerCase(Locale.ROOT));
            sites[i] = index.get(location.nodeSites().get(i).toLowerCase(Locale.ROOT));
            storage[i] = location.nodeStorage().get(i).stream().mapToInt(s -> index.get(s.toLowerCase(Locale.ROOT))).toArray();
            if (target != null && location.nodes().get(i).equalsIgnoreCase(target)) {
                targetIndex = i;
            }
        }
        AvailabilityDesign.Quorum quorum = location.quorum();
        int[] voters = quorum.voters().stream().mapToInt(v -> index.get(v.toLowerCase(Locale.ROOT))).toArray();
        int[] voterSites = quorum.voterSites().stream()
                .mapToInt(site -> site.isEmpty() ? -1 : index.get(site.toLowerCase(Locale.ROOT))).toArray();
        return new Loc(nodes, sites, storage, targetIndex, !location.shared(), voters, voterSites, quorum.needed());
    }

    /** Where the failover figures came from, for the output. */
    String failoverSource() {
        return failoverSource;
    }

    /** The design. */
    AvailabilityDesign design() {
        return design;
    }

    /**
     * One trial's outcome.
     *
     * @param downtimeSeconds seconds without service
     * @param messagesLost acknowledged messages lost (after resubmission)
     * @param rtoSeconds the length of each outage that ended within the horizon, in order
     * @param rpoSeconds the recovery point (data-loss window) of each outage, in order
     */
    record TrialResult(double downtimeSeconds, long messagesLost, double[] rtoSeconds, double[] rpoSeconds) {
    }

    /** Runs one trial drawing from {@code random} only. */
    TrialResult run(RandomGenerator random) {
        UniformRandomProvider rng = random::nextLong;
        return new Trial(rng).run();
    }

    /** The state of one trial. */
    private final class Trial {
        private enum Mode { UP, RECOVERING, DOWN }

        private final UniformRandomProvider rng;
        private final ContinuousDistribution.Sampler failoverTime;
        private final ContinuousDistribution.Sampler activationTime;
        private final ContinuousDistribution.Sampler replayTime;
        private final ContinuousDistribution.Sampler copyLagTime;
        private final ContinuousDistribution.Sampler sanLagTime;
        private final boolean[] up = new boolean[names.length];
        private final double[] downSince = new double[names.length];
        private int active;
        private int serving;
        private Mode mode = Mode.UP;
        private double until;
        private double activationDue = Double.POSITIVE_INFINITY;
        private double outageStart;
        private double outageRpo;
        private long outageLost;
        private double standbyWindow;
        private boolean primaryDataLost;
        private double downtime;
        private long lost;
        private final List<Double> rto = new ArrayList<>();
        private final List<Double> rpo = new ArrayList<>();

        Trial(UniformRandomProvider rng) {
            this.rng = rng;
            failoverTime = failover.createSampler(rng);
            activationTime = activation.createSampler(rng);
            replayTime = replay.createSampler(rng);
            copyLagTime = copyLag.createSampler(rng);
            sanLagTime = sanAsyncLag.createSampler(rng);
            Arrays.fill(up, true);
        }

        TrialResult run() {
            double[][] events = timeline();
            int k = 0;
            while (true) {
                double scheduled = switch (mode) {
                    case UP -> Double.POSITIVE_INFINITY;
                    case RECOVERING -> until;
                    case DOWN -> activationDue;
                };
                double next = k < events.length ? events[k][0] : Double.POSITIVE_INFINITY;
                if (Math.min(scheduled, next) >= horizon) {
                    break;
                }
                if (scheduled <= next) {
                    evaluate(scheduled);
                } else {
                    int c = (int) events[k][1];
                    up[c] = events[k][2] > 0;
                    if (!up[c]) {
                        downSince[c] = next;
                    }
                    k++;
                    evaluate(next);
                }
            }
            if (mode != Mode.UP) {
                // Still out at the horizon: the downtime counts, the length is censored and kept out of the RTOs.
                downtime += horizon - outageStart;
                rpo.add(outageRpo);
                lost += outageLost;
            }
            return new TrialResult(downtime, lost, rto.stream().mapToDouble(Double::doubleValue).toArray(),
                    rpo.stream().mapToDouble(Double::doubleValue).toArray());
        }

        /** Every component's alternating failures and repairs over the horizon, in time order. */
        private double[][] timeline() {
            List<double[]> events = new ArrayList<>();
            for (int c = 0; c < names.length; c++) {
                ContinuousDistribution.Sampler fails = failure[c].createSampler(rng);
                ContinuousDistribution.Sampler repairs = repair[c].createSampler(rng);
                double t = 0;
                while (true) {
                    t += fails.sample();
                    if (t >= horizon) {
                        break;
                    }
                    events.add(new double[] {t, c, 0});
                    t += repairs.sample();
                    if (t >= horizon) {
                        break;
                    }
                    events.add(new double[] {t, c, 1});
                }
            }
            events.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
            return events.toArray(double[][]::new);
        }

        private boolean canServe(Loc loc, int node) {
            if (!up[loc.nodes()[node]] || !up[loc.sites()[node]] || !hasQuorum(loc)) {
                return false;
            }
            for (int s : loc.storage()[node]) {
                if (!up[s]) {
                    return false;
                }
            }
            return true;
        }

        /** Whether the location's cluster keeps quorum: enough of its voters up (a node only while its site is). */
        private boolean hasQuorum(Loc loc) {
            int votes = 0;
            for (int v = 0; v < loc.voters().length; v++) {
                if (up[loc.voters()[v]] && (loc.voterSites()[v] < 0 || up[loc.voterSites()[v]])) {
                    votes++;
                }
            }
            return votes >= loc.votesNeeded();
        }

        private int candidate(Loc loc, int except) {
            for (int i = 0; i < loc.nodes().length; i++) {
                if (i != except && canServe(loc, i)) {
                    return i;
                }
            }
            return -1;
        }

        /** The node a standby location is activated on, or -1 when it cannot be now. */
        private int activationNode(Loc loc) {
            if (loc.target() >= 0) {
                return canServe(loc, loc.target()) ? loc.target() : -1;
            }
            return candidate(loc, -1);
        }

        private void evaluate(double t) {
            Loc loc = locations[active];
            switch (mode) {
                case UP -> {
                    if (canServe(loc, serving)) {
                        return;
                    }
                    outageStart = t;
                    outageRpo = 0;
                    outageLost = 0;
                    int other = candidate(loc, serving);
                    if (other >= 0) {
                        failOver(t, loc, other);
                    } else {
                        goDown(t, loc);
                    }
                }
                case RECOVERING -> {
                    if (!canServe(loc, serving)) {
                        int other = candidate(loc, serving);
                        if (other >= 0) {
                            serving = other;
                            until = t + failoverTime.sample();
                        } else {
                            goDown(t, loc);
                        }
                    } else if (t >= until) {
                        endOutage(t);
                    }
                }
                case DOWN -> {
                    int back = candidate(loc, -1);
                    if (back >= 0) {
                        // The active location can serve again: its databases mount there (restored from the last
                        // backup when a LUN of its shared storage was lost).
                        if (primaryDataLost) {
                            double window = rng.nextDouble() * backupSeconds;
                            outageRpo = Math.max(outageRpo, window);
                            outageLost += messages(window);
                        }
                        serving = back;
                        mode = Mode.RECOVERING;
                        until = t + failoverTime.sample();
                        activationDue = Double.POSITIVE_INFINITY;
                        return;
                    }
                    if (locations.length < 2) {
                        return;
                    }
                    int standby = 1 - active;
                    int node = activationNode(locations[standby]);
                    if (activationDue <= t) {
                        activationDue = Double.POSITIVE_INFINITY;
                        if (node >= 0) {
                            activate(t, standby, node);
                            return;
                        }
                    }
                    if (activationDue == Double.POSITIVE_INFINITY && node >= 0) {
                        activationDue = t + activationTime.sample();
                    }
                }
            }
        }

        private void failOver(double t, Loc loc, int other) {
            if (loc.perNodeCopy()) {
                // CCR: the passive copy lacks the newest logs; the dumpster of the site's hubs resubmits the newest mail.
                double window = copyLagTime.sample();
                outageRpo = window;
                outageLost = Math.max(0, messages(window) - dumpsterMessages);
            }
            serving = other;
            mode = Mode.RECOVERING;
            until = t + failoverTime.sample();
        }

        private void goDown(double t, Loc loc) {
            mode = Mode.DOWN;
            // A lost LUN of shared storage takes its data with it: coming back there means a restore from backup.
            primaryDataLost = !loc.perNodeCopy() && Arrays.stream(loc.storage()[serving]).anyMatch(s -> !up[s]
                    && design.components().get(s).componentClass() == ComponentClass.DISK);
            if (locations.length > 1) {
                double lag = switch (replication) {
                    case SCR -> copyLagTime.sample();
                    case SAN_SYNC -> 0;
                    case SAN_ASYNC -> sanLagTime.sample();
                };
                standbyWindow = lag + (up[linkIndex] ? 0 : t - downSince[linkIndex]);
            }
            activationDue = Double.POSITIVE_INFINITY;
            evaluate(t);
        }

        private void activate(double t, int standby, int node) {
            outageRpo = Math.max(outageRpo, standbyWindow);
            outageLost += messages(standbyWindow);
            active = standby;
            serving = node;
            mode = Mode.RECOVERING;
            primaryDataLost = false;
            until = t + (replication == Replication.SCR ? replayTime.sample() : failoverTime.sample());
        }

        private void endOutage(double t) {
            downtime += t - outageStart;
            rto.add(t - outageStart);
            rpo.add(outageRpo);
            lost += outageLost;
            mode = Mode.UP;
        }

        private long messages(double seconds) {
            double mean = seconds * messagesPerSecond;
            return mean > 0 ? PoissonDistribution.of(mean).createSampler(rng).sample() : 0;
        }
    }
}
