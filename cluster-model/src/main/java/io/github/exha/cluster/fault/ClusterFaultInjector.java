package io.github.exha.cluster.fault;

import io.github.exha.cluster.failover.ClusterNode;
import io.github.exha.cluster.failover.ClusterResource;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.Nic;
import io.github.exha.cluster.network.HostConnectivity;
import io.github.exha.cluster.resources.PhysicalDiskType;
import io.github.exha.cluster.storage.StorageFabric;
import io.github.exha.core.kernel.FaultPoint;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Liveness;
import io.github.exha.core.kernel.Timer;
import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.LunInfo;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageErrorCode;
import io.github.exha.storage.spi.StorageException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The cluster world's fault points for networks and storage, consulted every {@link FaultTimings#checkInterval()}
 * (10 s by default) on a {@link Liveness#DAEMON} timer, so an unarmed injector draws nothing and never keeps a world
 * running:
 * <ul>
 *   <li>{@value #NIC_FAILURE}: a NIC of a running cluster node fails (cable, switch port, driver); consulted once per
 *       NIC that is up, detail {@code HOST/NIC}. The node's heartbeats and client traffic leave that network.</li>
 *   <li>{@value #SITE_PARTITION}: the WAN between two sites of the lab fails; consulted once per pair of sites not
 *       already partitioned, in name order, detail {@code SiteA|SiteB}. Traffic inside each site goes on.</li>
 *   <li>{@value #LUN_LOST}: the LUN behind a Physical Disk resource of a cluster becomes not ready for every host (the
 *       array reports {@link AccessState#NOT_READY}: a failed RAID set, a lost path to the controller); consulted
 *       once per distinct LUN that is {@link AccessState#READ_WRITE} on a powered array, detail {@code ARRAY/LUN}.
 *       The disk's LooksAlive fails, its dependents go offline and the restart and failover policies apply.</li>
 * </ul>
 * Targets are consulted in the clusters' order, then node or resource order, so a {@code FaultRule} that fires once
 * fires on the first eligible target. A target already faulted by this injector is not consulted again until it
 * heals.
 *
 * <p>Each fault lasts a virtual time drawn uniformly in [{@link FaultTimings#minOutage()},
 * {@link FaultTimings#maxOutage()}] from the stream {@code "cluster.fault.outage:" + point}, then heals by undoing
 * exactly what it did: the NIC comes up, the sites are joined, the LUN is made READ_WRITE again if it is still
 * NOT_READY. A heal the storage refuses because the array is unreachable is retried every check interval. Heal timers
 * are daemons too: a world idle but for faults waiting to heal is idle.
 *
 * <p>Journal: the point's {@value FaultPoint#FIRED} entry, the effect's own entries ({@code nic.down},
 * {@code network.cut}, the array's access-state change), then a {@link JournalEntry.Type#FAULT} entry
 * {@value #INJECTED} (attributes target, outage, healsAt) with the point as source; at the end {@value #HEALED}
 * (target, lasted). A LUN the array will not take offline gives {@value #REFUSED} (target, reason) instead.
 *
 * <p>Node crashes and witness outages are the membership's points
 * ({@link io.github.exha.cluster.membership.ClusterMembership#NODE_CRASH_FAULT},
 * {@link io.github.exha.cluster.membership.ClusterMembership#WITNESS_OUTAGE_FAULT}).
 */
public final class ClusterFaultInjector {
    /** Fault point: a cluster node's NIC fails (detail {@code HOST/NIC}). */
    public static final String NIC_FAILURE = "cluster.network.nic-failure";
    /** Fault point: the network between two sites fails (detail {@code SiteA|SiteB}). */
    public static final String SITE_PARTITION = "cluster.network.site-partition";
    /** Fault point: the LUN behind a Physical Disk resource becomes not ready (detail {@code ARRAY/LUN}). */
    public static final String LUN_LOST = "cluster.storage.lun-lost";
    /** Journal name: a fault took effect. */
    public static final String INJECTED = "fault.injected";
    /** Journal name: a fault healed. */
    public static final String HEALED = "fault.healed";
    /** Journal name: a point fired but its target refused the fault. */
    public static final String REFUSED = "fault.refused";

    private final Kernel kernel;
    private final Map<String, Host> hosts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final HostConnectivity network;
    private final StorageFabric fabric;
    // Asked at each consultation, so clusters a runbook creates later are targets too.
    private final Supplier<List<FailoverCluster>> clusters;
    private final FaultTimings timings;
    private final FaultPoint nicFailure;
    private final FaultPoint sitePartition;
    private final FaultPoint lunLost;
    // Keyed by point and target; sorted so healAll() and activeFaults() never depend on hashing.
    private final Map<String, Injected> active = new TreeMap<>();
    private final Timer checkTimer;

    private ClusterFaultInjector(Kernel kernel, List<Host> hosts, HostConnectivity network, StorageFabric fabric,
            Supplier<List<FailoverCluster>> clusters, FaultTimings timings) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(hosts, "hosts").forEach(host -> this.hosts.put(host.name(), host));
        this.network = Objects.requireNonNull(network, "network");
        this.fabric = Objects.requireNonNull(fabric, "fabric");
        this.clusters = Objects.requireNonNull(clusters, "clusters");
        this.timings = Objects.requireNonNull(timings, "timings");
        this.nicFailure = kernel.faultPoints().register(NIC_FAILURE,
                "a NIC of a cluster node fails; its heartbeats and client traffic leave that network until it heals");
        this.sitePartition = kernel.faultPoints().register(SITE_PARTITION,
                "the network between two sites fails; hosts of one no longer reach hosts of the other until it heals");
        this.lunLost = kernel.faultPoints().register(LUN_LOST,
                "the LUN behind a Physical Disk resource becomes not ready on its array until it heals");
        this.checkTimer = kernel.scheduler().scheduleEvery(timings.checkInterval(), timings.checkInterval(), this::check,
                Liveness.DAEMON);
    }

    /**
     * Registers the cluster fault points on {@code kernel} and starts consulting them with {@link FaultTimings#DEFAULT}.
     * With a lab built from a topology: {@code install(kernel, datacenter.hosts(), clusters.connectivity(),
     * datacenter.fabric(), clusters.clusters())}. It takes the parts rather than the topology types so that
     * {@code Clusters.build} can install it without a package cycle.
     *
     * @param hosts the lab's hosts (the nodes' NICs are found here)
     * @param network the lab's networks, where NIC failures and site partitions are injected
     * @param fabric the lab's arrays, where lost LUNs are injected
     * @param clusters the clusters whose nodes and Physical Disk resources are targets (their current nodes and
     *     resources at each consultation)
     */
    public static ClusterFaultInjector install(Kernel kernel, List<Host> hosts, HostConnectivity network,
            StorageFabric fabric, List<FailoverCluster> clusters) {
        return install(kernel, hosts, network, fabric, clusters, FaultTimings.DEFAULT);
    }

    /** Like {@link #install(Kernel, List, HostConnectivity, StorageFabric, List)} with the given timings. */
    public static ClusterFaultInjector install(Kernel kernel, List<Host> hosts, HostConnectivity network,
            StorageFabric fabric, List<FailoverCluster> clusters, FaultTimings timings) {
        List<FailoverCluster> fixed = List.copyOf(Objects.requireNonNull(clusters, "clusters"));
        return new ClusterFaultInjector(kernel, hosts, network, fabric, () -> fixed, timings);
    }

    /**
     * Like {@link #install(Kernel, List, HostConnectivity, StorageFabric, List, FaultTimings)} over the clusters
     * {@code clusters} gives at each consultation (the cluster module passes the lab's current clusters).
     */
    public static ClusterFaultInjector install(Kernel kernel, List<Host> hosts, HostConnectivity network,
            StorageFabric fabric, Supplier<List<FailoverCluster>> clusters, FaultTimings timings) {
        return new ClusterFaultInjector(kernel, hosts, network, fabric, clusters, timings);
    }

    /** The timings in use. */
    public FaultTimings timings() {
        return timings;
    }

    /** The faults in effect now, sorted by point then target. */
    public List<ActiveFault> activeFaults() {
        return active.values().stream()
                .map(f -> new ActiveFault(f.point, f.target, f.since, f.healsAt)).toList();
    }

    /** Heals every fault in effect now, at once (a scenario's "repair everything"). */
    public void healAll() {
        for (Injected fault : List.copyOf(active.values())) {
            fault.timer.cancel();
            heal(fault);
        }
    }

    /** Stops consulting the fault points; faults in effect still heal when due. */
    public void stop() {
        checkTimer.cancel();
    }

    // ================================================================ consultation

    private void check() {
        // An unarmed point never fires and draws nothing, and the rest only reads: with none armed (the usual run)
        // there is nothing to do, and walking every cluster's nodes, NICs and disks each interval is skipped.
        if (!nicFailure.isArmed() && !sitePartition.isArmed() && !lunLost.isArmed()) {
            return;
        }
        for (Host host : nodeHosts()) {
            if (!host.isRunning()) {
                continue;
            }
            for (Nic nic : host.nics()) {
                String target = host.name() + "/" + nic.name();
                if (!isActive(NIC_FAILURE, target) && network.isNicUp(host.name(), nic.name())
                        && nicFailure.fires(target)) {
                    network.nicDown(host.name(), nic.name());
                    injected(nicFailure, target, () -> {
                        network.nicUp(host.name(), nic.name());
                        return Heal.DONE;
                    });
                }
            }
        }
        List<String> sites = network.sites();
        for (int a = 0; a < sites.size(); a++) {
            for (int b = a + 1; b < sites.size(); b++) {
                String siteA = sites.get(a);
                String siteB = sites.get(b);
                String target = siteA + "|" + siteB;
                if (!isActive(SITE_PARTITION, target) && !network.isPartitioned(siteA, siteB)
                        && sitePartition.fires(target)) {
                    network.cutBetweenSites(siteA, siteB);
                    injected(sitePartition, target, () -> {
                        network.healBetweenSites(siteA, siteB);
                        return Heal.DONE;
                    });
                }
            }
        }
        for (ClusterDisk disk : clusterDisks()) {
            loseLunIfFiring(disk.array(), disk.lun());
        }
    }

    private void loseLunIfFiring(StorageArray array, String lun) {
        String target = array.name() + "/" + lun;
        if (isActive(LUN_LOST, target) || !array.isPoweredOn()
                || accessState(array, lun).orElse(null) != AccessState.READ_WRITE || !lunLost.fires(target)) {
            return;
        }
        try {
            array.setAccessState(lun, AccessState.NOT_READY);
        } catch (StorageException e) {
            // A replication target being written, for example: the array keeps the LUN as it is.
            journal(lunLost, REFUSED, Map.of("target", target, "reason", String.valueOf(e.getMessage())));
            return;
        }
        injected(lunLost, target, () -> restoreLun(array, lun));
    }

    private static Heal restoreLun(StorageArray array, String lun) {
        if (!array.isPoweredOn()) {
            return Heal.RETRY;
        }
        try {
            // Only undo our own change: someone may have set the LUN's state since.
            if (array.lun(lun).accessState() == AccessState.NOT_READY) {
                array.setAccessState(lun, AccessState.READ_WRITE);
            }
            return Heal.DONE;
        } catch (StorageException e) {
            // Unreachable: try again later. Otherwise the LUN is gone or held by replication: nothing left to undo.
            return e.code() == StorageErrorCode.UNREACHABLE ? Heal.RETRY : Heal.DONE;
        }
    }

    private static Optional<AccessState> accessState(StorageArray array, String lun) {
        try {
            LunInfo info = array.lun(lun);
            return Optional.of(info.accessState());
        } catch (StorageException e) {
            return Optional.empty();
        }
    }

    /** The running hosts of every cluster's nodes, each once, in cluster then node order. */
    private List<Host> nodeHosts() {
        Set<Host> result = new LinkedHashSet<>();
        for (FailoverCluster cluster : clusters.get()) {
            for (ClusterNode node : cluster.nodes()) {
                Host host = hosts.get(node.name());
                if (host != null) {
                    result.add(host);
                }
            }
        }
        return new ArrayList<>(result);
    }

    /** A LUN behind a Physical Disk resource. */
    private record ClusterDisk(StorageArray array, String lun) {
    }

    /** Every LUN a Physical Disk resource names on an array of the fabric, each once, in cluster then resource order. */
    private List<ClusterDisk> clusterDisks() {
        Map<String, ClusterDisk> result = new LinkedHashMap<>();
        for (FailoverCluster cluster : clusters.get()) {
            for (ClusterResource resource : cluster.resources()) {
                if (!resource.type().name().equals(PhysicalDiskType.NAME)) {
                    continue;
                }
                String arrayName = resource.privateProperties().getOrDefault(PhysicalDiskType.ARRAY, "");
                String lun = resource.privateProperties().getOrDefault(PhysicalDiskType.LUN, "");
                if (!lun.isBlank()) {
                    fabric.array(arrayName).ifPresent(array -> result.putIfAbsent(array.name() + "/" + lun,
                            new ClusterDisk(array, lun)));
                }
            }
        }
        return List.copyOf(result.values());
    }

    // ================================================================ lifetime of a fault

    /** Whether a heal could undo the fault now. */
    private enum Heal {
        DONE,
        RETRY
    }

    private static final class Injected {
        final String point;
        final String target;
        final Instant since;
        final Supplier<Heal> heal;
        Instant healsAt;
        Timer timer;

        Injected(String point, String target, Instant since, Supplier<Heal> heal) {
            this.point = point;
            this.target = target;
            this.since = since;
            this.heal = heal;
        }
    }

    private void injected(FaultPoint point, String target, Supplier<Heal> heal) {
        Duration outage = drawOutage(point.name());
        Instant now = kernel.clock().instant();
        Injected fault = new Injected(point.name(), target, now, heal);
        active.put(key(point.name(), target), fault);
        scheduleHeal(fault, outage);
        journal(point, INJECTED, Map.of("target", target, "outage", outage.toString(),
                "healsAt", fault.healsAt.toString()));
    }

    private void scheduleHeal(Injected fault, Duration after) {
        fault.healsAt = kernel.clock().instant().plus(after);
        fault.timer = kernel.scheduler().schedule(after, () -> heal(fault), Liveness.DAEMON);
    }

    private void heal(Injected fault) {
        switch (fault.heal.get()) {
            case DONE -> {
                active.remove(key(fault.point, fault.target));
                journal(fault.point, HEALED, Map.of("target", fault.target,
                        "lasted", Duration.between(fault.since, kernel.clock().instant()).toString()));
            }
            case RETRY -> scheduleHeal(fault, timings.checkInterval());
        }
    }

    private Duration drawOutage(String point) {
        RandomGenerator random = kernel.streams().stream("cluster.fault.outage:" + point);
        long min = timings.minOutage().toNanos();
        long spread = timings.maxOutage().toNanos() - min;
        return Duration.ofNanos(min + (spread == 0 ? 0 : random.nextLong(spread + 1)));
    }

    private boolean isActive(String point, String target) {
        return active.containsKey(key(point, target));
    }

    private static String key(String point, String target) {
        return point + " " + target;
    }

    private void journal(FaultPoint point, String name, Map<String, String> attributes) {
        journal(point.name(), name, attributes);
    }

    private void journal(String point, String name, Map<String, String> attributes) {
        kernel.journal().append(JournalEntry.Type.FAULT, point, name, attributes);
    }

    @Override
    public String toString() {
        return "ClusterFaultInjector[clusters=" + clusters.get().stream().map(FailoverCluster::name).toList() + ", active="
                + active.keySet() + "]";
    }
}
