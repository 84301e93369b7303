package io.github.exha.cluster.topology;

import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.cluster.failover.ClusterNode;
import io.github.exha.cluster.failover.ClusterResource;
import io.github.exha.cluster.failover.ClusterVersion;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.failover.GenericServiceType;
import io.github.exha.cluster.failover.NodeState;
import io.github.exha.cluster.failover.ResourceType;
import io.github.exha.cluster.failover.ResourceTypeRegistry;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.Nic;
import io.github.exha.cluster.host.PowerTransition;
import io.github.exha.cluster.host.ServerFeature;
import io.github.exha.cluster.host.WindowsVersion;
import io.github.exha.cluster.membership.ClusterMembership;
import io.github.exha.cluster.membership.ClusterNetwork;
import io.github.exha.cluster.membership.DiskWitness;
import io.github.exha.cluster.membership.FileShareWitness;
import io.github.exha.cluster.membership.HeartbeatPolicy;
import io.github.exha.cluster.membership.NetworkRole;
import io.github.exha.cluster.membership.QuorumConfiguration;
import io.github.exha.cluster.membership.QuorumModel;
import io.github.exha.cluster.membership.Witness;
import io.github.exha.cluster.network.HostConnectivity;
import io.github.exha.cluster.resources.FileShareType;
import io.github.exha.cluster.resources.FileShareWitnessType;
import io.github.exha.cluster.resources.IpAddressType;
import io.github.exha.cluster.resources.MajorityNodeSetType;
import io.github.exha.cluster.resources.NetworkNameType;
import io.github.exha.cluster.resources.PhysicalDiskType;
import io.github.exha.cluster.resources.WitnessShare;
import io.github.exha.cluster.topology.ClustersSection.ClusterEntry;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;
import io.github.exha.core.error.NearestNames;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operation;
import io.github.exha.core.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The lab's failover clusters, built from the topology's {@code clusters:} section on the hosts of the
 * {@link Datacenter}: one {@link FailoverCluster} per entry, with the Physical Disk (on the datacenter's storage
 * fabric), Generic Service, IP Address, Network Name and File Share resource types, its nodes added, and a started {@link ClusterMembership} whose
 * heartbeats and witness travel over the datacenter's networks ({@link HostConnectivity}, shared by all clusters).
 *
 * <p>Each node's power transitions drive its membership: a host that leaves {@code ON} (crash, shutdown) stops
 * sending heartbeats and the other nodes notice after the detection time; a host that is {@code ON} again starts
 * its cluster service, which joins. An orderly shutdown stops the cluster service first: the node leaves at once and
 * its groups move without waiting for missed heartbeats.
 *
 * <p>Clusters are also built while the lab runs, as seed 004 does from bare hosts: {@link #create} (the Create
 * Cluster wizard, {@code cluster /create}), {@link #addNode}, {@link #evictNode}, {@link #configureQuorum}.
 *
 * <p>Building checks what the section could not: nodes and the witness's host are hosts of the {@code hosts:}
 * section, the cluster's name and IP address are not a host's, the nodes run the cluster's Windows version with
 * clustering available (Enterprise or Datacenter on 2003, the Failover-Clustering feature on 2008), and every node
 * has a NIC on every cluster network. Each mistake is a {@code core.topology.invalid-value} error naming the file
 * and the key path.
 */
public final class Clusters {
    /** The group every cluster has for its own name, address and quorum resource. */
    public static final String CLUSTER_GROUP = "Cluster Group";
    /** The cluster's IP Address resource. */
    public static final String CLUSTER_IP_ADDRESS = "Cluster IP Address";
    /** The cluster's Network Name resource. */
    public static final String CLUSTER_NAME = "Cluster Name";

    private final Kernel kernel;
    private final Datacenter datacenter;
    private final HostConnectivity connectivity;
    private ResourceTypeRegistry types;
    // Keyed by lower-case name: cluster names are case-insensitive. Creation order (the topology's first).
    private final Map<String, FailoverCluster> clusters = new LinkedHashMap<>();
    // name as asked -> the cluster cluster(name) found, cleared when a cluster is added: the replication service and
    // the Exchange cluster resources ask for the same names many times a second.
    private final Map<String, FailoverCluster> found = new java.util.HashMap<>();
    private final Map<String, ClusterMembership> memberships = new LinkedHashMap<>();
    // Declared clusters' addresses (topology "ip:"); their Cluster Group has no Cluster IP Address resource.
    private final Map<String, String> declaredAddresses = new LinkedHashMap<>();
    // Hosts whose power transitions already reach the membership of whatever cluster they are in.
    private final Set<String> watchedHosts = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    private Clusters(Kernel kernel, Datacenter datacenter, HostConnectivity connectivity) {
        this.kernel = kernel;
        this.datacenter = datacenter;
        this.connectivity = connectivity;
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
        HostConnectivity connectivity = new HostConnectivity(kernel, Objects.requireNonNull(datacenter, "datacenter").hosts());
        Clusters[] built = new Clusters[1];
        ResourceTypeRegistry types = ResourceTypeRegistry.of(standardTypes(datacenter, connectivity,
                name -> built[0] == null ? List.of() : built[0].networks(name)).toArray(ResourceType[]::new));
        built[0] = build(topology, kernel, datacenter, connectivity, types);
        return built[0];
    }

    /**
     * The resource types every lab has: Physical Disk (on the datacenter's storage fabric), Generic Service, IP
     * Address, Network Name, File Share, File Share Witness and Majority Node Set. One instance of each serves every
     * cluster: disk reservations live on the shared fabric, and addresses and names share the lab's networks.
     *
     * @param networksOf a cluster's current networks by name, for IP Address resources
     */
    public static List<ResourceType> standardTypes(Datacenter datacenter, HostConnectivity connectivity,
            Function<String, List<ClusterNetwork>> networksOf) {
        WitnessShare witness = new WitnessShare(datacenter.hosts(), connectivity);
        return List.of(new PhysicalDiskType(datacenter.fabric(), datacenter.hosts()), new GenericServiceType(),
                new IpAddressType(datacenter.hosts(), connectivity, networksOf), new NetworkNameType(datacenter.hosts()),
                new FileShareType(datacenter.hosts()), new FileShareWitnessType(witness), new MajorityNodeSetType());
    }

    /**
     * Builds and starts the clusters {@code topology} describes, with the given networks and resource types (the
     * cluster module injects both).
     *
     * @throws ExhaException as {@link #build(Topology, Kernel, Datacenter)}
     */
    public static Clusters build(Topology topology, Kernel kernel, Datacenter datacenter, HostConnectivity connectivity,
            ResourceTypeRegistry types) {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(datacenter, "datacenter");
        List<ClusterEntry> entries = topology.section(new ClustersSection())
                .map(ClustersSection.ClusterEntries::clusters).orElse(List.of());
        for (int c = 0; c < entries.size(); c++) {
            check(topology.file(), datacenter, entries.get(c), "clusters[" + c + "]");
        }
        Clusters result = new Clusters(kernel, datacenter, Objects.requireNonNull(connectivity, "connectivity"));
        result.types = Objects.requireNonNull(types, "types");
        for (ClusterEntry entry : entries) {
            FailoverCluster cluster = new FailoverCluster(entry.name(), kernel, types, entry.version());
            List<Host> nodes = entry.nodes().stream().map(datacenter::host).toList();
            nodes.forEach(host -> cluster.addNode(host.name()));
            ClusterMembership membership = new ClusterMembership(kernel, cluster, entry.clusterNetworks(), connectivity,
                    HeartbeatPolicy.defaults(entry.version()), entry.quorumConfiguration());
            result.clusters.put(key(entry.name()), cluster);
            result.found.clear();
            result.memberships.put(key(entry.name()), membership);
            result.declaredAddresses.put(key(entry.name()), entry.ip());
            nodes.forEach(result::watch);
            membership.start();
        }
        return result;
    }

    /** A cluster's current networks, by cluster name ignoring case; empty for an unknown cluster. */
    public List<ClusterNetwork> networks(String clusterName) {
        ClusterMembership membership = clusterName == null ? null : memberships.get(key(clusterName));
        return membership == null ? List.of() : membership.networks();
    }

    private void watch(Host host) {
        if (watchedHosts.add(host.name())) {
            host.onPowerTransition(this::powerChanged);
        }
    }

    private void powerChanged(PowerTransition transition) {
        Optional<FailoverCluster> cluster = clusterOf(transition.host());
        if (cluster.isEmpty()) {
            // Evicted since: the host's power no longer concerns any cluster.
            return;
        }
        ClusterMembership membership = membership(cluster.get().name());
        String node = transition.host();
        switch (transition.to()) {
            case ON -> {
                if (!membership.isHostUp(node)) {
                    membership.restart(node);
                }
            }
            // An orderly shutdown stops the cluster service first, which tells the others it leaves.
            case SHUTTING_DOWN -> membership.leave(node);
            // Crash() ignores a node already down, so a crash during a shutdown or boot is harmless.
            case OFF, CRASHED -> membership.crash(node);
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

    // ================================================================ building clusters while the lab runs

    /**
     * Creates a cluster on one node, as the Create Cluster wizard or {@code cluster /cluster:NAME /create} does: the
     * node's networks become cluster networks (all communications; named after the NIC connections on 2003, "Cluster
     * Network n" on 2008), the quorum is Majority Node Set (2003) or Node Majority (2008), and the cluster group holds
     * the Cluster IP Address, the Cluster Name and, on 2003, the Majority Node Set resource. The returned operation
     * brings the cluster group online. Everything is checked before anything changes.
     *
     * @param name the cluster's network name (its computer account is {@code NAME$})
     * @param address the cluster's IPv4 address, on one of the node's subnets
     * @param subnetMask the mask in dotted form, or empty for the NIC's
     * @param firstNode the host that forms the cluster
     * @throws ExhaException {@code cluster.duplicate-name} (52) for a name a computer or cluster has;
     *     {@code cluster.ipaddr-in-use} (5057); {@code core.invalid-argument} for a malformed name or address or an
     *     address on none of the node's subnets; {@code cluster.node-not-eligible} for a node that cannot be
     *     clustered or already is; {@code cluster.node-not-found} (1722) for a node that is not running
     */
    public Operation<Void> create(String name, String address, Optional<String> subnetMask, String firstNode) {
        String clusterName = requireClusterName(name);
        Host host = eligible(firstNode, null);
        if (datacenter.findHost(clusterName).isPresent() || clusters.containsKey(key(clusterName))) {
            throw new ExhaException(ClusterErrorCode.DUPLICATE_NAME, "You were not connected because a duplicate name"
                    + " exists on the network: '" + clusterName + "' is already the name of a "
                    + (clusters.containsKey(key(clusterName)) ? "cluster" : "computer") + ".", NativeCode.win32(52));
        }
        int bits = parseAddress(address);
        requireAddressFree(address, bits);
        Nic nic = host.nics().stream().filter(n -> sameSubnet(bits, n)).findFirst().orElseThrow(() -> new ExhaException(
                CoreErrorCode.INVALID_ARGUMENT, "The cluster IP address " + address + " is not on any network of "
                        + host.name() + " (its subnets: " + host.nics().stream().map(Nic::subnet).distinct().toList() + ")."));
        int prefix = subnetMask.map(Clusters::maskPrefix).orElse(nic.prefix());
        if (prefix != nic.prefix()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "The subnet mask " + subnetMask.get() + " does not"
                    + " match subnet " + nic.subnet() + " of NIC '" + nic.name() + "' on " + host.name() + ".");
        }
        ClusterVersion version = versionOf(host);
        List<ClusterNetwork> networks = new ArrayList<>();
        List<String> subnets = host.nics().stream().map(Nic::network).distinct().toList();
        for (int i = 0; i < subnets.size(); i++) {
            String subnet = subnets.get(i);
            String networkName = switch (version) {
                case WINDOWS_2003 -> host.nics().stream().filter(n -> n.network().equals(subnet)).findFirst()
                        .orElseThrow().name();
                case WINDOWS_2008 -> "Cluster Network " + (i + 1);
            };
            networks.add(new ClusterNetwork(networkName, NetworkRole.MIXED, true, subnet));
        }
        QuorumConfiguration quorum = QuorumConfiguration.of(switch (version) {
            case WINDOWS_2003 -> QuorumModel.MAJORITY_NODE_SET;
            case WINDOWS_2008 -> QuorumModel.NODE_MAJORITY;
        });

        FailoverCluster cluster = new FailoverCluster(clusterName, kernel, types, version);
        cluster.addNode(host.name());
        ClusterMembership membership = new ClusterMembership(kernel, cluster, networks, connectivity,
                HeartbeatPolicy.defaults(version), quorum);
        clusters.put(key(clusterName), cluster);
        found.clear();
        memberships.put(key(clusterName), membership);
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, clusterName, "cluster.created", Map.of("node", host.name(),
                "address", address, "version", version.name()));
        watch(host);
        membership.start();
        cluster.createGroup(CLUSTER_GROUP);
        cluster.createResource(CLUSTER_GROUP, CLUSTER_IP_ADDRESS, IpAddressType.NAME);
        cluster.setPrivateProperty(CLUSTER_IP_ADDRESS, IpAddressType.ADDRESS, address);
        cluster.setPrivateProperty(CLUSTER_IP_ADDRESS, IpAddressType.SUBNET_MASK, dottedMask(prefix));
        ClusterNetwork clientNetwork = networks.stream().filter(n -> n.subnet().equals(nic.network())).findFirst().orElseThrow();
        cluster.setPrivateProperty(CLUSTER_IP_ADDRESS, IpAddressType.NETWORK, clientNetwork.name());
        cluster.createResource(CLUSTER_GROUP, CLUSTER_NAME, NetworkNameType.NAME);
        cluster.setPrivateProperty(CLUSTER_NAME, NetworkNameType.NAME_PROPERTY, clusterName);
        cluster.addDependency(CLUSTER_NAME, CLUSTER_IP_ADDRESS);
        if (version == ClusterVersion.WINDOWS_2003) {
            cluster.createResource(CLUSTER_GROUP, MajorityNodeSetType.NAME, MajorityNodeSetType.NAME);
        }
        return cluster.onlineGroup(CLUSTER_GROUP);
    }

    /**
     * Adds a node to a running cluster ("Add Node", {@code cluster /cluster:NAME /add /nodes:NODE2}): it joins at
     * once (Joining, then Up at the next membership check) and its vote counts from now on.
     *
     * @throws ExhaException {@code cluster.node-not-eligible} for a node that cannot be clustered, runs another
     *     Windows version or domain, is in a cluster already, or would exceed the node limit (8 on 2003, 16 on
     *     2008); {@code cluster.quorum.node-unreachable} (5051) when it cannot exchange heartbeats with the members
     */
    public void addNode(String clusterName, String nodeName) {
        FailoverCluster cluster = cluster(clusterName);
        Host host = eligible(nodeName, cluster);
        int max = ClustersSection.ClusterEntry.maxNodes(cluster.version());
        if (cluster.nodes().size() >= max) {
            throw new ExhaException(ClusterErrorCode.NODE_NOT_ELIGIBLE, "The cluster " + cluster.name() + " already has "
                    + cluster.nodes().size() + " nodes, the most a " + ClustersSection.versionName(cluster.version())
                    + " cluster has.");
        }
        ClusterMembership membership = membership(cluster.name());
        membership.checkJoin(host.name());
        cluster.addNode(host.name(), NodeState.JOINING);
        membership.addMember(host.name());
        watch(host);
    }

    /**
     * Evicts a node ({@code cluster node NODE2 /evict}). On 2008 the cluster service on the node is stopped first, so
     * its groups move; on 2003 the node must already be down (5009).
     *
     * @throws ExhaException {@code cluster.cant-evict-active-node} (5009) for a running 2003 node;
     *     {@code cluster.invalid-state} (5023) for the last node
     */
    public void evictNode(String clusterName, String nodeName) {
        FailoverCluster cluster = cluster(clusterName);
        ClusterNode node = cluster.node(nodeName);
        ClusterMembership membership = membership(cluster.name());
        if (cluster.nodes().size() > 1 && cluster.version() == ClusterVersion.WINDOWS_2008) {
            membership.leave(node.name());
        }
        cluster.evictNode(node.name());
        membership.removeMember(node.name());
    }

    /**
     * Configures the quorum (2008 "Configure Cluster Quorum Settings", {@code cluster /quorum}; 2003
     * {@code cluster res "Majority Node Set" /priv MNSFileShare=...}). A file share witness is {@code \\SERVER\Share}:
     * the share must exist and give the cluster account Full Control through both share and folder permissions; its
     * resource (2008 "File Share Witness (\\SERVER\Share)", 2003 the Majority Node Set's MNSFileShare) is set up
     * in the cluster group and the returned operation brings it online. A disk witness names a Physical Disk
     * resource.
     *
     * @param witness the share's UNC path or the disk resource's name; empty for models without a witness
     * @throws ExhaException {@code cluster.bad-net-path} (53, 67) for a share that cannot be found;
     *     {@code cluster.quorum.witness-access-denied} (5); the errors of {@link ClusterMembership#configureQuorum}
     */
    public Operation<Void> configureQuorum(String clusterName, QuorumModel model, Optional<String> witness) {
        FailoverCluster cluster = cluster(clusterName);
        ClusterMembership membership = membership(cluster.name());
        Witness chosen = switch (model.witness()) {
            case NONE -> null;
            case DISK -> new DiskWitness(cluster.resource(witness.orElse("")).name());
            case FILE_SHARE -> fileShareWitness(cluster, witness.orElse(""));
        };
        membership.configureQuorum(QuorumConfiguration.of(model, chosen));
        for (ClusterResource resource : cluster.resources()) {
            if (resource.type().name().equalsIgnoreCase(FileShareWitnessType.NAME)) {
                cluster.deleteResource(resource.name());
            }
        }
        Optional<ClusterResource> mns = cluster.resources().stream()
                .filter(r -> r.type().name().equalsIgnoreCase(MajorityNodeSetType.NAME)).findFirst();
        mns.ifPresent(r -> cluster.setPrivateProperty(r.name(), MajorityNodeSetType.MNS_FILE_SHARE,
                chosen instanceof FileShareWitness share ? share.path() : ""));
        if (chosen instanceof FileShareWitness share && cluster.version() == ClusterVersion.WINDOWS_2008) {
            String resourceName = "File Share Witness (" + share.path() + ")";
            cluster.createResource(CLUSTER_GROUP, resourceName, FileShareWitnessType.NAME);
            cluster.setPrivateProperty(resourceName, FileShareWitnessType.SHARE_PATH, share.path());
            return cluster.onlineResource(resourceName);
        }
        Operation<Void> done = kernel.operations().create("quorum of " + cluster.name());
        done.complete(null);
        return done;
    }

    private FileShareWitness fileShareWitness(FailoverCluster cluster, String path) {
        WitnessShare.UncPath unc = WitnessShare.parse(path);
        Host server = datacenter.findHost(unc.server()).orElseThrow(() -> new ExhaException(ClusterErrorCode.BAD_NET_PATH,
                "The network path was not found. (" + unc + ": no computer is named " + unc.server() + ")",
                NativeCode.win32(53)));
        if (clusterOf(server.name()).filter(c -> c == cluster).isPresent()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "The file share witness " + unc + " is on "
                    + server.name() + ", a node of " + cluster.name() + "; the witness must be outside the cluster.");
        }
        if (server.sharing().find(unc.share()).isEmpty()) {
            throw new ExhaException(ClusterErrorCode.BAD_NET_PATH, "The network name cannot be found. (" + unc + ": "
                    + server.name() + " has no share '" + unc.share() + "')", NativeCode.win32(67));
        }
        return new FileShareWitness(server.name(), server.sharing().find(unc.share()).orElseThrow().name(),
                server.sharing().fullControlThrough(unc.share()));
    }

    /** A running host that can be a node of {@code joining} (or form a cluster when null). */
    private Host eligible(String nodeName, FailoverCluster joining) {
        Host host = datacenter.findHost(String.valueOf(nodeName)).orElseThrow(() -> new ExhaException(
                CoreErrorCode.INVALID_ARGUMENT, "No host is named '" + nodeName + "'."
                        + NearestNames.didYouMean(String.valueOf(nodeName), datacenter.hostNames(), "") + " Hosts: "
                        + String.join(", ", datacenter.hostNames())));
        if (!host.isRunning()) {
            throw new ExhaException(ClusterErrorCode.NODE_NOT_FOUND, "System error 1722 has occurred (0x000006ba). The"
                    + " RPC server is unavailable: " + host.name() + " is " + host.powerState() + ".", NativeCode.win32(1722));
        }
        Optional<FailoverCluster> current = clusterOf(host.name());
        if (current.isPresent()) {
            throw new ExhaException(ClusterErrorCode.NODE_NOT_ELIGIBLE, "The node is already a member of the cluster: "
                    + host.name() + " is a node of " + current.get().name() + ".", NativeCode.win32(5065));
        }
        if (host.domain().isEmpty()) {
            throw new ExhaException(ClusterErrorCode.NODE_NOT_ELIGIBLE, host.name() + " is in workgroup "
                    + host.workgroup().orElse("WORKGROUP") + "; cluster nodes must be members of a domain.");
        }
        ClusterVersion version = versionOf(host);
        switch (version) {
            case WINDOWS_2003 -> {
                if (!host.os().edition().supportsFailoverClustering()) {
                    throw new ExhaException(ClusterErrorCode.NODE_NOT_ELIGIBLE, host.name() + " runs "
                            + host.os().caption() + "; the cluster service needs Enterprise or Datacenter Edition.");
                }
            }
            case WINDOWS_2008 -> {
                if (!host.hasFeature(ServerFeature.FAILOVER_CLUSTERING)) {
                    throw new ExhaException(ClusterErrorCode.NODE_NOT_ELIGIBLE, host.name() + " does not have the"
                            + " Failover Clustering feature installed (ServerManagerCmd -i Failover-Clustering).");
                }
            }
        }
        if (joining != null) {
            if (joining.version() != version) {
                throw new ExhaException(ClusterErrorCode.NODE_NOT_ELIGIBLE, "The version of the cluster service on "
                        + host.name() + " (" + host.os().version().displayName() + ") is incompatible with cluster "
                        + joining.name() + " (" + ClustersSection.versionName(joining.version()) + ").",
                        NativeCode.win32(5075));
            }
            String domain = datacenter.host(joining.nodes().get(0).name()).domain().orElse("");
            if (!host.domain().orElseThrow().equalsIgnoreCase(domain)) {
                throw new ExhaException(ClusterErrorCode.NODE_NOT_ELIGIBLE, host.name() + " is in domain "
                        + host.domain().orElseThrow() + ", but the nodes of " + joining.name() + " are in " + domain
                        + "; all nodes are members of the same domain.");
            }
        }
        return host;
    }

    private static ClusterVersion versionOf(Host host) {
        return switch (host.os().version()) {
            case WINDOWS_SERVER_2003, WINDOWS_SERVER_2003_R2 -> ClusterVersion.WINDOWS_2003;
            case WINDOWS_SERVER_2008 -> ClusterVersion.WINDOWS_2008;
        };
    }

    private static String requireClusterName(String name) {
        String value = name == null ? "" : name.strip();
        if (value.isEmpty() || value.length() > 15 || !value.matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "The cluster name '" + value + "' is not a valid"
                    + " computer name: 1 to 15 letters, digits and hyphens (a NetBIOS name).");
        }
        return value;
    }

    private void requireAddressFree(String address, int bits) {
        for (Host host : datacenter.hosts()) {
            for (Nic nic : host.nics()) {
                if (nic.addressBits() == bits) {
                    throw new ExhaException(ClusterErrorCode.IPADDR_IN_USE, "The cluster IP address is already in use: "
                            + address + " is NIC '" + nic.name() + "' of " + host.name() + ".", NativeCode.win32(5057));
                }
            }
        }
        for (FailoverCluster cluster : clusters.values()) {
            for (ClusterResource resource : cluster.resources()) {
                if (resource.type().name().equalsIgnoreCase(IpAddressType.NAME)
                        && address.equals(resource.privateProperties().get(IpAddressType.ADDRESS))) {
                    throw new ExhaException(ClusterErrorCode.IPADDR_IN_USE, "The cluster IP address is already in use: "
                            + address + " is resource '" + resource.name() + "' of cluster " + cluster.name() + ".",
                            NativeCode.win32(5057));
                }
            }
        }
    }

    private static boolean sameSubnet(int bits, Nic nic) {
        int mask = nic.prefix() == 0 ? 0 : -1 << (32 - nic.prefix());
        return (bits & mask) == (nic.addressBits() & mask);
    }

    private static int parseAddress(String text) {
        String[] parts = String.valueOf(text).strip().split("\\.", -1);
        if (parts.length != 4) {
            throw badAddress(text);
        }
        int bits = 0;
        for (String part : parts) {
            if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
                throw badAddress(text);
            }
            bits = bits << 8 | Integer.parseInt(part);
        }
        return bits;
    }

    private static int maskPrefix(String mask) {
        int bits = parseAddress(mask);
        int prefix = Integer.bitCount(bits);
        if (bits != (prefix == 0 ? 0 : -1 << (32 - prefix))) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "The subnet mask " + mask + " is not contiguous.");
        }
        return prefix;
    }

    private static String dottedMask(int prefix) {
        int bits = prefix == 0 ? 0 : -1 << (32 - prefix);
        return (bits >>> 24) + "." + (bits >>> 16 & 255) + "." + (bits >>> 8 & 255) + "." + (bits & 255);
    }

    private static ExhaException badAddress(String text) {
        return new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "'" + text + "' is not an IPv4 address such as"
                + " 192.168.10.20.");
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
        FailoverCluster cluster = name == null ? null : found.get(name);
        if (cluster != null) {
            return cluster;
        }
        cluster = name == null ? null : clusters.get(key(name));
        if (cluster == null) {
            throw unknown(name);
        }
        found.put(name, cluster);
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

    /**
     * The cluster's own IP address, ignoring case in the name: the Address of its Cluster IP Address resource when
     * it has one (clusters created while the lab runs, or an address changed since), else the {@code ip:} the
     * topology declared it with; empty when neither is there (a run-time cluster whose resource was deleted).
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} naming the clusters there are
     */
    public String address(String clusterName) {
        FailoverCluster cluster = cluster(clusterName);
        return cluster.resources().stream().filter(r -> r.name().equalsIgnoreCase(CLUSTER_IP_ADDRESS))
                .map(r -> r.privateProperties().get(IpAddressType.ADDRESS)).filter(Objects::nonNull).findFirst()
                .orElseGet(() -> declaredAddresses.getOrDefault(key(cluster.name()), ""));
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
