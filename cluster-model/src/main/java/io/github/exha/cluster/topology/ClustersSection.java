package io.github.exha.cluster.topology;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.github.exha.cluster.failover.ClusterVersion;
import io.github.exha.cluster.host.Nic;
import io.github.exha.cluster.membership.ClusterNetwork;
import io.github.exha.cluster.membership.DiskWitness;
import io.github.exha.cluster.membership.FileShareWitness;
import io.github.exha.cluster.membership.NetworkRole;
import io.github.exha.cluster.membership.QuorumConfiguration;
import io.github.exha.cluster.membership.QuorumModel;
import io.github.exha.cluster.membership.Witness;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.topology.TopologySection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code clusters:} section: the lab's Windows failover clusters, their nodes (hosts of the {@code hosts:}
 * section), cluster networks and quorum.
 *
 * <pre>
 * clusters:
 *   - name: SCCCLUSTER
 *     ip: 192.168.10.20
 *     version: WINDOWS_2003          # or WINDOWS_2008; must match the nodes' Windows version
 *     nodes: [NODE1, NODE2]
 *     networks:
 *       - { name: Public, role: PUBLIC, allowClients: true }
 *       - { name: Private, role: PRIVATE, allowClients: false }
 *     quorum: { model: MNS_WITH_FILE_SHARE_WITNESS, witness: { host: HUB1, share: FSW_SCCCLUSTER, fullControl: [SCCCLUSTER$] } }
 * </pre>
 *
 * What one cluster can check alone (names, the address, node count, networks, the quorum model's version and
 * witness, the share's grant to {@code CLUSTERNAME$}) and what spans clusters (names, addresses, a node in two
 * clusters) is checked as the section is read, so errors carry file positions; references to hosts, the nodes'
 * Windows and NICs are checked when the clusters are built ({@link Clusters}).
 */
public final class ClustersSection implements TopologySection<ClustersSection.ClusterEntries> {
    /** The section's key. */
    public static final String KEY = "clusters";
    /** Longest cluster name: a NetBIOS computer name, since the cluster has a computer account. */
    public static final int MAX_NAME_LENGTH = 15;

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Class<ClusterEntries> type() {
        return ClusterEntries.class;
    }

    @Override
    public String description() {
        return "Windows failover clusters: nodes, cluster networks, quorum model and witness";
    }

    /**
     * The section's value: the list of clusters.
     *
     * @param clusters the clusters; names and IP addresses unique, each node in at most one cluster
     */
    public record ClusterEntries(List<ClusterEntry> clusters) {
        /** Validates names, addresses and nodes across clusters. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public ClusterEntries {
            clusters = clusters == null ? List.of() : List.copyOf(clusters);
            Map<String, String> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            Map<String, String> addresses = new TreeMap<>();
            Map<String, String> nodeOwners = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (ClusterEntry cluster : clusters) {
                if (names.putIfAbsent(cluster.name(), cluster.name()) != null) {
                    throw new IllegalArgumentException("two clusters are named '" + cluster.name() + "'");
                }
                String owner = addresses.putIfAbsent(cluster.ip(), cluster.name());
                if (owner != null) {
                    throw new IllegalArgumentException("clusters '" + owner + "' and '" + cluster.name()
                            + "' both have IP address " + cluster.ip());
                }
                for (String node : cluster.nodes()) {
                    String other = nodeOwners.putIfAbsent(node, cluster.name());
                    if (other != null) {
                        throw new IllegalArgumentException("host '" + node + "' is a node of both cluster '" + other
                                + "' and cluster '" + cluster.name() + "'; a node belongs to one cluster");
                    }
                }
            }
        }
    }

    /**
     * One cluster.
     *
     * @param name the cluster's network name (its computer account is {@code NAME$}), at most 15 characters
     * @param ip the cluster IP address
     * @param version WINDOWS_2003 (MSCS) or WINDOWS_2008 (WSFC)
     * @param nodes the hosts that are its nodes, 1 to {@link #maxNodes} of them
     * @param networks its cluster networks, names unique, at least one carrying heartbeats (private or mixed)
     * @param quorum its quorum model and witness
     */
    public record ClusterEntry(String name, String ip, ClusterVersion version, List<String> nodes,
            List<NetworkEntry> networks, QuorumEntry quorum) {
        /** Validates the cluster on its own. */
        public ClusterEntry {
            StorageSection.requireName(name, "a cluster needs a name, for example SCCCLUSTER");
            name = name.strip();
            if (name.length() > MAX_NAME_LENGTH) {
                throw new IllegalArgumentException("cluster name '" + name + "' is longer than " + MAX_NAME_LENGTH
                        + " characters; the cluster's computer account takes a NetBIOS name");
            }
            StorageSection.requireName(ip, "cluster '" + name + "' needs an ip: its cluster IP address, for example 192.168.10.20");
            ip = ip.strip();
            try {
                // Nic holds the IPv4 parser; a /32 stands for the bare address.
                new Nic(name, name, ip, 32);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cluster '" + name + "': " + e.getMessage());
            }
            if (version == null) {
                throw new IllegalArgumentException("cluster '" + name + "' needs a version: WINDOWS_2003 or WINDOWS_2008");
            }
            nodes = nodes == null ? List.of() : nodes.stream().map(n -> n == null ? null : n.strip()).toList();
            if (nodes.isEmpty()) {
                throw new IllegalArgumentException("cluster '" + name + "' needs nodes: the hosts it runs on, for example [NODE1, NODE2]");
            }
            Set<String> seen = new LinkedHashSet<>();
            for (String node : nodes) {
                StorageSection.requireName(node, "cluster '" + name + "' lists a blank node name");
                if (!seen.add(node.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("cluster '" + name + "' lists node '" + node + "' twice");
                }
            }
            if (nodes.size() > maxNodes(version)) {
                throw new IllegalArgumentException("cluster '" + name + "' has " + nodes.size() + " nodes; a "
                        + versionName(version) + " cluster has at most " + maxNodes(version));
            }
            networks = networks == null ? List.of() : List.copyOf(networks);
            Set<String> networkNames = new LinkedHashSet<>();
            for (NetworkEntry network : networks) {
                if (!networkNames.add(network.name().toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("cluster '" + name + "' has two networks named '" + network.name() + "'");
                }
            }
            if (networks.stream().noneMatch(n -> n.role().carriesHeartbeats())) {
                throw new IllegalArgumentException("cluster '" + name + "' needs a network for internal cluster"
                        + " communications (role PRIVATE or MIXED); its nodes could not exchange heartbeats");
            }
            if (quorum == null) {
                throw new IllegalArgumentException("cluster '" + name + "' needs a quorum, for example"
                        + " { model: " + (version == ClusterVersion.WINDOWS_2003 ? "MAJORITY_NODE_SET" : "NODE_MAJORITY") + " }");
            }
            QuorumModel model = quorum.model();
            if (model.version() != version) {
                throw new IllegalArgumentException("cluster '" + name + "': the quorum model " + model + " ("
                        + model.displayName() + ") is a " + versionName(model.version()) + " model, but the cluster is "
                        + versionName(version) + "; models of " + versionName(version) + ": " + modelsOf(version));
            }
            QuorumConfiguration configuration = quorum.configuration();
            if (configuration.witness().orElse(null) instanceof FileShareWitness share) {
                String account = name.toUpperCase(Locale.ROOT) + "$";
                if (!share.grantsFullControl(account)) {
                    throw new IllegalArgumentException("cluster '" + name + "': the file share witness " + share.path()
                            + " must grant the cluster's computer account " + account + " Full Control (fullControl: ["
                            + account + "])");
                }
                if (seen.contains(share.host().toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("cluster '" + name + "': the file share witness is on "
                            + share.host() + ", a node of the cluster; put it on a host outside the cluster, such as"
                            + " a Hub Transport server");
                }
            }
        }

        /** The cluster networks. */
        public List<ClusterNetwork> clusterNetworks() {
            return networks.stream().map(NetworkEntry::clusterNetwork).toList();
        }

        /** The quorum configuration. */
        public QuorumConfiguration quorumConfiguration() {
            return quorum.configuration();
        }

        /** The most nodes a cluster of {@code version} has: 8 on Windows 2003, 16 on Windows 2008 (Enterprise). */
        public static int maxNodes(ClusterVersion version) {
            return switch (version) {
                case WINDOWS_2003 -> 8;
                case WINDOWS_2008 -> 16;
            };
        }
    }

    /**
     * A cluster network as written: {@code { name: Private, role: PRIVATE, allowClients: false }}. The name is the
     * network the nodes' NICs are on ({@code network:} of the hosts' NICs).
     *
     * @param name the network's name
     * @param role PUBLIC, PRIVATE or MIXED
     * @param allowClients whether clients connect through it; defaults from the role (true for PUBLIC and MIXED)
     */
    public record NetworkEntry(String name, NetworkRole role, Boolean allowClients) {
        /** Validates the network (through {@link ClusterNetwork}). */
        public NetworkEntry {
            StorageSection.requireName(name, "a cluster network needs a name, for example Private");
            if (role == null) {
                throw new IllegalArgumentException("cluster network '" + name + "' needs a role: PUBLIC, PRIVATE or MIXED");
            }
            if (allowClients == null) {
                allowClients = switch (role) {
                    case PUBLIC, MIXED -> true;
                    case PRIVATE -> false;
                };
            }
            try {
                new ClusterNetwork(name, role, allowClients);
            } catch (ExhaException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }

        /** The cluster network. */
        public ClusterNetwork clusterNetwork() {
            return new ClusterNetwork(name, role, allowClients);
        }
    }

    /**
     * A quorum as written: {@code { model: NODE_AND_FILE_SHARE_MAJORITY, witness: { host: HUB1, share: FSW } }}.
     *
     * @param model the quorum model
     * @param witness its witness, given exactly when the model uses one
     */
    public record QuorumEntry(QuorumModel model, WitnessEntry witness) {
        /** Validates the model and that the witness fits it. */
        public QuorumEntry {
            if (model == null) {
                throw new IllegalArgumentException("a quorum needs a model, for example NODE_AND_FILE_SHARE_MAJORITY");
            }
            try {
                QuorumConfiguration.of(model, witness == null ? null : witness.witness());
            } catch (ExhaException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }

        /** The configuration. */
        public QuorumConfiguration configuration() {
            return QuorumConfiguration.of(model, witness == null ? null : witness.witness());
        }
    }

    /**
     * A witness as written: a file share {@code { host: HUB1, share: FSW_CLUS1, fullControl: [CLUS1$] }} or a disk
     * {@code { disk: "Disk Q:" }}.
     *
     * @param host the host holding the share
     * @param share the share's name
     * @param fullControl the accounts granted Full Control on the share
     * @param disk the Physical Disk resource's name, for a disk witness
     */
    public record WitnessEntry(String host, String share, List<String> fullControl, String disk) {
        /** Validates that the witness is either a share or a disk, and well-formed. */
        public WitnessEntry {
            if (fullControl != null && fullControl.stream().anyMatch(a -> a == null || a.isBlank())) {
                throw new IllegalArgumentException("a witness's fullControl lists a blank account");
            }
            fullControl = fullControl == null ? List.of() : List.copyOf(fullControl);
            boolean isShare = host != null || share != null || !fullControl.isEmpty();
            if (isShare == (disk != null)) {
                throw new IllegalArgumentException("a witness is a file share { host: HUB1, share: FSW_CLUSTER,"
                        + " fullControl: [CLUSTER$] } or a disk { disk: \"Disk Q:\" }, not "
                        + (isShare ? "both" : "neither"));
            }
            try {
                // The fields are assigned only after this body, so validate from the parameters.
                witness(host, share, fullControl, disk);
            } catch (ExhaException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }

        /** The witness. */
        public Witness witness() {
            return witness(host, share, fullControl, disk);
        }

        private static Witness witness(String host, String share, List<String> fullControl, String disk) {
            return disk != null ? new DiskWitness(disk) : new FileShareWitness(host, share, new java.util.TreeSet<>(fullControl));
        }

        /** The host of a file share witness. */
        public Optional<String> shareHost() {
            return disk != null ? Optional.empty() : Optional.of(host);
        }
    }

    static String versionName(ClusterVersion version) {
        return switch (version) {
            case WINDOWS_2003 -> "Windows Server 2003";
            case WINDOWS_2008 -> "Windows Server 2008";
        };
    }

    private static String modelsOf(ClusterVersion version) {
        return String.join(", ", java.util.Arrays.stream(QuorumModel.values()).filter(m -> m.version() == version)
                .map(QuorumModel::name).toList());
    }

    @Override
    public String toString() {
        return "ClustersSection[" + KEY + "]";
    }
}
