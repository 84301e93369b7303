package io.github.exha.availability;

import io.github.exha.cluster.topology.TimeInterval;
import io.github.exha.core.topology.TopologySection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code reliability:} section: how often the components of a design fail and how long they take to come back,
 * and how long recoveries take, for {@code exha estimate}. Every key is optional; what a topology leaves out takes the
 * documented defaults of {@link ReliabilityDefaults}, so a topology without the section still estimates.
 *
 * <pre>
 * reliability:
 *   node:  { failure: { distribution: exponential, mean: P180D }, repair: { distribution: lognormal, median: PT30M, p95: PT8H } }
 *   disk:  { failure: { distribution: weibull, shape: 0.9, scale: P73000D } }   # a LUN or a node's local RAID set
 *   array: { repair: { distribution: lognormal, median: PT2H, p95: PT12H } }
 *   link:  { failure: { distribution: exponential, mean: P90D } }                 # SAN replication link, WAN
 *   site:  { failure: { distribution: exponential, mean: P3652D } }
 *   components:                                                                   # one component, by name
 *     - { name: MAINNODE1, failure: { distribution: exponential, mean: P90D } }
 *   recovery:
 *     failover: { distribution: lognormal, median: PT2M, p95: PT5M }    # automatic failover to another node
 *     activation: { distribution: lognormal, median: PT2H, p95: PT8H }  # an administrator activates the standby site
 *     replay: { distribution: lognormal, median: PT5M, p95: PT20M }     # SCR: replaying held logs at activation
 *     copyLag: { distribution: exponential, mean: PT40S }               # CCR / SCR: age of the newest uncopied data
 *     sanAsyncLag: { distribution: exponential, mean: PT30S }           # asynchronous SAN replication's lag
 *     backupInterval: P1D                                               # a lost LUN is restored from the last backup
 * </pre>
 *
 * <p>Component names are those of the topology: hosts ({@code node}), {@code ARRAY/LUN} and, for a node's own
 * disks, {@code HOST/LOCAL} ({@code disk}), arrays, SAN links by name and WAN links as {@code SITE-SITE} ({@code
 * link}), sites. A name that is not a component of the estimated design is refused when the estimate starts.
 */
public final class ReliabilitySection implements TopologySection<ReliabilitySection.Reliability> {
    /** The section's key. */
    public static final String KEY = "reliability";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Class<Reliability> type() {
        return Reliability.class;
    }

    @Override
    public String description() {
        return "failure and repair distributions of nodes, disks, arrays, links and sites, and recovery times, for "
                + "exha estimate";
    }

    /**
     * The section's value.
     *
     * @param node hosts
     * @param disk LUNs and nodes' local disks (lost with their data: restored from backup or reseeded)
     * @param array storage arrays (unavailable, data intact)
     * @param link SAN replication links and WAN links between sites
     * @param site whole sites (power, cooling, network, disaster)
     * @param components overrides for single components, by name
     * @param recovery recovery times and replication lags
     */
    public record Reliability(ComponentReliability node, ComponentReliability disk, ComponentReliability array,
            ComponentReliability link, ComponentReliability site, List<ComponentEntry> components,
            RecoveryEntry recovery) {
        /** Copies the lists and refuses a component named twice. */
        public Reliability {
            components = components == null ? List.of() : List.copyOf(components);
            Set<String> names = new HashSet<>();
            for (ComponentEntry component : components) {
                if (!names.add(component.name().toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("component '" + component.name() + "' is listed twice");
                }
            }
        }

        /** A section with nothing declared: every default. */
        public static Reliability none() {
            return new Reliability(null, null, null, null, null, List.of(), null);
        }

        /** The declared class defaults of {@code componentClass}, or null. */
        ComponentReliability of(ComponentClass componentClass) {
            return switch (componentClass) {
                case NODE -> node;
                case DISK -> disk;
                case ARRAY -> array;
                case LINK -> link;
                case SITE -> site;
            };
        }
    }

    /**
     * Failure and repair of a class of components; either may be left out.
     *
     * @param failure time to failure, from the end of the last repair
     * @param repair time to repair
     */
    public record ComponentReliability(DurationDistribution failure, DurationDistribution repair) {
    }

    /**
     * Failure and repair of one named component; either may be left out (its class's then apply).
     *
     * @param name the component's name
     * @param failure time to failure
     * @param repair time to repair
     */
    public record ComponentEntry(String name, DurationDistribution failure, DurationDistribution repair) {
        /** Requires a name and something to override. */
        public ComponentEntry {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a component entry names its component, for example name: NODE1");
            }
            name = name.strip();
            if (failure == null && repair == null) {
                throw new IllegalArgumentException("component '" + name + "' declares neither failure nor repair");
            }
        }
    }

    /**
     * Recovery times and replication lags; each may be left out.
     *
     * @param failover an automatic failover of the clustered mailbox server to another node, until databases mount
     *     (default: measured by running the simulator, see {@code FailoverCalibration})
     * @param activation from losing the active site or storage to an administrator having activated the standby copy
     * @param replay SCR: replaying the held-back logs when the standby copy is activated
     * @param copyLag CCR and SCR: age of the newest data not yet on the passive copy when the active one is lost
     * @param sanAsyncLag asynchronous SAN replication: age of the newest write not yet on the replica
     * @param backupInterval how often backups run: a lost LUN of shared storage is restored from the last one
     */
    public record RecoveryEntry(DurationDistribution failover, DurationDistribution activation,
            DurationDistribution replay, DurationDistribution copyLag, DurationDistribution sanAsyncLag,
            TimeInterval backupInterval) {
        /** Validates the backup interval. */
        public RecoveryEntry {
            if (backupInterval != null && (backupInterval.duration().isNegative() || backupInterval.duration().isZero())) {
                throw new IllegalArgumentException("backupInterval must be positive, for example P1D; found "
                        + backupInterval);
            }
        }
    }
}
