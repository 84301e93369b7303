package io.github.exha.cluster.fault;

import io.github.exha.cluster.failover.ClusterGroup;
import io.github.exha.cluster.failover.ClusterVersion;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.failover.GenericServiceType;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.membership.ClusterMembership;
import io.github.exha.cluster.network.HostConnectivity;
import io.github.exha.cluster.resources.IpAddressType;
import io.github.exha.cluster.resources.NetworkNameType;
import io.github.exha.cluster.resources.PhysicalDiskType;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.cluster.topology.ClustersSection;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.cluster.topology.HostsSection;
import io.github.exha.cluster.topology.StorageSection;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.topology.Topology;
import io.github.exha.core.topology.TopologyLoader;
import io.github.exha.storage.spi.StorageArray;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The world of {@code topologies/four-node-stretched-fsw.yaml} (or its 2008 twin): cluster STRETCHCL (NODE1, NODE2 in
 * Production; NODE3, NODE4 in Recovery; file share witness on HUB1 in site Witness) built by {@link Datacenter} and
 * {@link Clusters}, with a {@link ClusterFaultInjector} and, on demand, groups of a Physical Disk, an IP Address, a
 * Network Name and a Generic Service depending on both.
 */
final class FaultLab {
    static final String CLUSTER = "STRETCHCL";
    static final String ARRAY = "SAN-MAIN";
    static final List<String> NODES = List.of("NODE1", "NODE2", "NODE3", "NODE4");

    final Kernel kernel;
    final Datacenter datacenter;
    final Clusters clusters;
    final ClusterFaultInjector faults;

    /** The world with no injector, to compare journals. */
    static FaultLab withoutInjector(long seed) {
        return new FaultLab(topology(), seed, null);
    }

    /** The parsed Windows 2003 topology; parse once to build many labs from it (building only reads it). */
    static Topology topology() {
        return topology(ClusterVersion.WINDOWS_2003);
    }

    /** The parsed topology of {@code version}: MNS + FSW on 2003, Node and File Share Majority on 2008. */
    static Topology topology(ClusterVersion version) {
        String file = switch (version) {
            case WINDOWS_2003 -> "four-node-stretched-fsw.yaml";
            case WINDOWS_2008 -> "four-node-stretched-fsw-2008.yaml";
        };
        return new TopologyLoader(Set.of(new StorageSection(), new HostsSection(), new ClustersSection()))
                .parse(file, read("/topologies/" + file));
    }

    FaultLab(long seed, FaultTimings timings) {
        this(topology(), seed, timings);
    }

    /** The world of {@code topology} seeded with {@code seed}, with an injector unless {@code timings} is null. */
    FaultLab(Topology topology, long seed, FaultTimings timings) {
        kernel = Kernel.create(topology.name(), seed, topology.start());
        datacenter = Datacenter.build(topology, kernel, FaultLab.class.getClassLoader());
        clusters = Clusters.build(topology, kernel, datacenter);
        faults = timings == null ? null : ClusterFaultInjector.install(kernel, datacenter.hosts(), clusters.connectivity(),
                datacenter.fabric(), clusters.clusters(), timings);
    }

    FailoverCluster cluster() {
        return clusters.cluster(CLUSTER);
    }

    ClusterMembership membership() {
        return clusters.membership(CLUSTER);
    }

    HostConnectivity network() {
        return clusters.connectivity();
    }

    StorageArray array() {
        return datacenter.array(ARRAY);
    }

    Host host(String name) {
        return datacenter.host(name);
    }

    ClusterGroup group(String name) {
        return cluster().group(name);
    }

    /**
     * Group {@code name} on LUN {@code lun}: "{name} Disk" (Physical Disk), "{name} IP" (on Public), "{name} Name"
     * (Network Name depending on the IP) and "{name} Svc" (Generic Service depending on the disk and the name).
     */
    void createGroup(String name, String lun, String address, String networkName, List<String> preferredOwners) {
        FailoverCluster cluster = cluster();
        cluster.createGroup(name);
        cluster.createResource(name, name + " Disk", PhysicalDiskType.NAME);
        cluster.setPrivateProperty(name + " Disk", PhysicalDiskType.ARRAY, ARRAY);
        cluster.setPrivateProperty(name + " Disk", PhysicalDiskType.LUN, lun);
        cluster.createResource(name, name + " IP", IpAddressType.NAME);
        cluster.setPrivateProperty(name + " IP", IpAddressType.ADDRESS, address);
        cluster.setPrivateProperty(name + " IP", IpAddressType.NETWORK, "Public");
        cluster.createResource(name, name + " Name", NetworkNameType.NAME);
        cluster.setPrivateProperty(name + " Name", NetworkNameType.NAME_PROPERTY, networkName);
        cluster.addDependency(name + " Name", name + " IP");
        cluster.createResource(name, name + " Svc", GenericServiceType.NAME);
        cluster.addDependency(name + " Svc", name + " Disk");
        cluster.addDependency(name + " Svc", name + " Name");
        cluster.setPreferredOwners(name, preferredOwners);
    }

    /** Groups G1 (DATA1, preferring NODE1) and G2 (DATA2, preferring NODE3), brought online. */
    FaultLab withTwoGroupsOnline() {
        createGroup("G1", "DATA1", "192.168.10.51", "EVS1", List.of("NODE1", "NODE2", "NODE3", "NODE4"));
        createGroup("G2", "DATA2", "192.168.10.52", "EVS2", List.of("NODE3", "NODE4", "NODE1", "NODE2"));
        kernel.operations().await(cluster().onlineGroup("G1"));
        kernel.operations().await(cluster().onlineGroup("G2"));
        // A new group starts on the first node; G2 runs in Recovery.
        kernel.operations().await(cluster().moveGroup("G2", "NODE3"));
        return this;
    }

    void run(Duration duration) {
        kernel.scheduler().runFor(duration);
    }

    /** Runs until {@code condition} holds, at most {@code limit}; whether it held. */
    boolean runUntil(BooleanSupplier condition, Duration limit) {
        return kernel.scheduler().runUntil(condition, now().plus(limit));
    }

    Instant now() {
        return kernel.clock().instant();
    }

    List<JournalEntry> journal() {
        return kernel.journal().entries();
    }

    private static String read(String resource) {
        try (InputStream in = Objects.requireNonNull(FaultLab.class.getResourceAsStream(resource), resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
