package io.github.exha.cluster.topology;

import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.failover.GenericServiceType;
import io.github.exha.cluster.failover.ResourceTypeRegistry;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.Nic;
import io.github.exha.cluster.host.PowerTransition;
import io.github.exha.cluster.host.ServerFeature;
import io.github.exha.cluster.host.WindowsVersion;
import io.github.exha.cluster.membership.ClusterMembership;
import io.github.exha.cluster.membership.ClusterNetwork;
import io.github.exha.cluster.membership.HeartbeatPolicy;
import io.github.exha.cluster.network.HostConnectivity;
import io.github.exha.cluster.resources.FileShareType;
import io.github.exha.cluster.resources.IpAddressType;
import io.github.exha.cluster.resources.NetworkNameType;
import io.github.exha.cluster.resources.PhysicalDiskType;
import io.github.exha.cluster.topology.ClustersSection.ClusterEntry;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NearestNames;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.topology.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The lab's failover clusters, built from the topology's {@code clusters:} section on the hosts of the
 * {@link Datacenter}: one {@link FailoverCluster} per entry, with the Physical Disk (on the datacenter's storage
 * fabric), Generic Service, IP Address, Network Name and File Share resource types, its nodes added, and a started {@link ClusterMembership} whose
 * heartbeats and witness travel over the datacenter's networks ({@link HostConnectivity}, shared by all clusters).
 *
 * <p>Each node's power transitions drive its membership: a host that leaves {@code ON} (crash, shutdown) stops
 * sending heartbeats and the other nodes notice after the detection time; a host that is {@code ON} again starts
 * its cluster service, which joins. CHOICE: an orderly shutdown is treated like a crash (the node is removed after
 * the detection time), since the membership has no graceful leave yet.
 *
 * <p>Building checks what the section could not: nodes and the witness's host are hosts of the {@code hosts:}
 * section, the cluster's name and IP address are not a host's, the nodes run the cluster's Windows version with
 * clustering available (Enterprise or Datacenter on 2003, the Failover-Clustering feature on 2008), and every node
 * has a NIC on every cluster network. Each mistake is a {@code core.topology.invalid-value} error naming the file
 * and the key path.
 */
public final class Clusters {
    private final HostConnectivity connectivity;
    // Keyed by lower-case name: cluster names are case-insensitive. Topology order.
    private final Map<String, FailoverCluster> clusters;
    private final Map<String, ClusterMembership> memberships;

    private Clusters(HostConnectivity connectivity, Map<String, FailoverCluster> clusters,
            Map<String, ClusterMembership> memberships) {
        this.connectivity = connectivity;
        this.clusters = clusters;
        this.memberships = memberships;
    }

    /**
     * Builds and starts the clusters {@code topology} describes on {@code datacenter}'s hosts and fabric. A topology
     * without a {@code clusters:} section gives no clusters (the connectivity still covers every host).
     *
     * @throws ExhaException {@code core.topology.invalid-value} naming the file and key path for an unknown host,
     *     a cluster name or IP address a host uses, a node of another Windows version or without clustering, or a
     *     node without a NIC on a cluster network
     */
    public static Clusters build(Topology topology, Kernel kernel, Datacenter datacenter) {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(datacenter, "datacenter");
        List<ClusterEntry> entries = topology.section(new ClustersSection())
                .map(ClustersSection.ClusterEntries::clusters).orElse(List.of());
        for (int c = 0; c < entries.size(); c++) {
            check(topology.file(), datacenter, entries.get(c), "clusters[" + c + "]");
        }
        HostConnectivity connectivity = new HostConnectivity(kernel, datacenter.hosts());
        Map<String, List<ClusterNetwork>> clusterNetworks = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        entries.forEach(entry -> clusterNetworks.put(entry.name(), entry.clusterNetworks()));
        // One registry for every cluster: disk reservations live on the shared fabric, and IP addresses and network
        // names share the lab's networks, so one instance of each type sees every cluster's resources.
        ResourceTypeRegistry types = ResourceTypeRegistry.of(new PhysicalDiskType(datacenter.fabric()),
                new GenericServiceType(), new IpAddressType(datacenter.hosts(), connectivity, clusterNetworks),
                new NetworkNameType(datacenter.hosts()), new FileShareType(datacenter.hosts()));
        Map<String, FailoverCluster> clusters = new LinkedHashMap<>();
        Map<String, ClusterMembership> memberships = new LinkedHashMap<>();
        for (ClusterEntry entry : entries) {
            FailoverCluster cluster = new FailoverCluster(entry.name(), kernel, types, entry.version());
            List<Host> nodes = entry.nodes().stream().map(datacenter::host).toList();
            nodes.forEach(host -> cluster.addNode(host.name()));
            ClusterMembership membership = new ClusterMembership(kernel, cluster, entry.clusterNetworks(), connectivity,
                    HeartbeatPolicy.defaults(entry.version()), entry.quorumConfiguration());
            for (Host host : nodes) {
                host.onPowerTransition(transition -> powerChanged(membership, transition));
            }
            membership.start();
            clusters.put(key(entry.name()), cluster);
            memberships.put(key(entry.name()), membership);
        }
        return new Clusters(connectivity, clusters, memberships);
    }

    private static void powerChanged(ClusterMembership membership, PowerTransition transition) {
        String node = transition.host();
        switch (transition.to()) {
            case ON -> {
                if (!membership.isHostUp(node)) {
                    membership.restart(node);
                }
            }
            // Crash() ignores a node already down, so a crash during a shutdown or boot is harmless.
            case SHUTTING_DOWN, OFF, CRASHED -> membership.crash(node);
            case BOOTING -> {
                // Not running yet: the cluster service starts when the boot completes (ON).
            }
        }
    }

    private static void check(String file, Datacenter datacenter, ClusterEntry entry, String path) {
        List<String> hostNames = datacenter.hostNames();
        Optional<Host> sameName = datacenter.findHost(entry.name());
        if (sameName.isPresent()) {
            throw invalid(file, path + ".name", "cluster '" + entry.name() + "' has the name of host '"
                    + sameName.get().name() + "'; the cluster's network name must differ from every computer name");
        }
        for (Host host : datacenter.hosts()) {
            for (Nic nic : host.nics()) {
                if (nic.address().equals(entry.ip())) {
                    throw invalid(file, path + ".ip", "cluster '" + entry.name() + "' has IP address " + entry.ip()
                            + ", which is NIC '" + nic.name() + "' of host '" + host.name() + "'");
                }
            }
        }
        for (int n = 0; n < entry.nodes().size(); n++) {
            String name = entry.nodes().get(n);
            String at = path + ".nodes[" + n + "]";
            Host host = datacenter.findHost(name).orElseThrow(() -> invalid(file, at, "cluster '" + entry.name()
                    + "' names node '" + name + "', which is not in hosts." + NearestNames.didYouMean(name, hostNames, "")
                    + " Hosts: " + (hostNames.isEmpty() ? "none" : String.join(", ", hostNames))));
            checkNode(file, entry, host, at);
        }
        Optional<String> shareHost = entry.quorum().witness() == null ? Optional.empty()
                : entry.quorum().witness().shareHost();
        shareHost.ifPresent(witnessHost -> {
                    if (datacenter.findHost(witnessHost).isEmpty()) {
                        throw invalid(file, path + ".quorum.witness.host", "the file share witness of cluster '"
                                + entry.name() + "' is on host '" + witnessHost + "', which is not in hosts."
                                + NearestNames.didYouMean(witnessHost, hostNames, "") + " Hosts: "
                                + (hostNames.isEmpty() ? "none" : String.join(", ", hostNames)));
                    }
                });
    }

    private static void checkNode(String file, ClusterEntry entry, Host host, String at) {
        WindowsVersion os = host.os().version();
        boolean matches = switch (entry.version()) {
            case WINDOWS_2003 -> switch (os) {
                case WINDOWS_SERVER_2003, WINDOWS_SERVER_2003_R2 -> true;
                case WINDOWS_SERVER_2008 -> false;
            };
            case WINDOWS_2008 -> switch (os) {
                case WINDOWS_SERVER_2003, WINDOWS_SERVER_2003_R2 -> false;
                case WINDOWS_SERVER_2008 -> true;
            };
        };
        if (!matches) {
            throw invalid(file, at, "cluster '" + entry.name() + "' is a " + ClustersSection.versionName(entry.version())
                    + " cluster, but node '" + host.name() + "' runs " + os.displayName()
                    + "; every node runs the cluster's Windows version");
        }
        switch (entry.version()) {
            case WINDOWS_2003 -> {
                if (!host.os().edition().supportsFailoverClustering()) {
                    throw invalid(file, at, "node '" + host.name() + "' of cluster '" + entry.name() + "' runs "
                            + host.os().caption() + "; the cluster service needs Enterprise or Datacenter Edition");
                }
            }
            case WINDOWS_2008 -> {
                if (!host.hasFeature(ServerFeature.FAILOVER_CLUSTERING)) {
                    throw invalid(file, at, "node '" + host.name() + "' of cluster '" + entry.name() + "' does not have"
                            + " the Failover-Clustering feature installed (features: [Failover-Clustering])");
                }
            }
        }
        for (ClusterNetwork network : entry.clusterNetworks()) {
            if (host.nics().stream().noneMatch(nic -> nic.network().equalsIgnoreCase(network.name()))) {
                throw invalid(file, at, "node '" + host.name() + "' of cluster '" + entry.name()
                        + "' has no NIC on cluster network '" + network.name() + "'; its NICs are on "
                        + host.nics().stream().map(Nic::network).toList());
            }
        }
    }

    // ================================================================ queries

    /** The clusters, in topology order. */
    public List<FailoverCluster> clusters() {
        return List.copyOf(clusters.values());
    }

    /** The cluster names, in topology order. */
    public List<String> names() {
        return clusters.values().stream().map(FailoverCluster::name).toList();
    }

    /**
     * The cluster named {@code name}, ignoring case.
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} naming the clusters there are
     */
    public FailoverCluster cluster(String name) {
        FailoverCluster cluster = name == null ? null : clusters.get(key(name));
        if (cluster == null) {
            throw unknown(name);
        }
        return cluster;
    }

    /**
     * The membership of the cluster named {@code name}, ignoring case.
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} naming the clusters there are
     */
    public ClusterMembership membership(String name) {
        ClusterMembership membership = name == null ? null : memberships.get(key(name));
        if (membership == null) {
            throw unknown(name);
        }
        return membership;
    }

    /** The cluster {@code host} is a node of, if any (ignoring case). */
    public Optional<FailoverCluster> clusterOf(String host) {
        return clusters.values().stream()
                .filter(c -> c.nodes().stream().anyMatch(node -> node.name().equalsIgnoreCase(host))).findFirst();
    }

    /** The networks of the lab, where network faults are injected. */
    public HostConnectivity connectivity() {
        return connectivity;
    }

    private ExhaException unknown(String name) {
        return new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "No cluster is named '" + name + "'."
                + NearestNames.didYouMean(String.valueOf(name), names(), "") + " Clusters: "
                + (clusters.isEmpty() ? "none" : String.join(", ", names())));
    }

    private static ExhaException invalid(String file, String path, String message) {
        return new ExhaException(CoreErrorCode.TOPOLOGY_INVALID_VALUE, "Invalid value at '" + path + "' in " + file + ": " + message);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "Clusters" + names();
    }
}
