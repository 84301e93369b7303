package io.github.exha.cluster.validation;

import io.github.exha.cluster.failover.ClusterNode;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.membership.ClusterNetwork;
import io.github.exha.cluster.network.HostConnectivity;
import io.github.exha.cluster.storage.StorageFabric;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NearestNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a validation looks at: the servers to validate, the SAN they would share, the networks between them, and when
 * an existing cluster is validated, its name and its networks.
 *
 * @param nodes the servers, each once, in the order given
 * @param fabric the storage arrays the servers may see LUNs on
 * @param connectivity reachability between the lab's hosts, with the network faults in effect
 * @param cluster the existing cluster validated, or empty when validating servers before creating a cluster
 * @param clusterNetworks the existing cluster's networks; empty without a cluster
 */
public record ValidationTarget(List<Host> nodes, StorageFabric fabric, HostConnectivity connectivity,
        Optional<String> cluster, List<ClusterNetwork> clusterNetworks) {
    /** Validates the values and copies the lists. */
    public ValidationTarget {
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(fabric, "fabric");
        Objects.requireNonNull(connectivity, "connectivity");
        Objects.requireNonNull(cluster, "cluster");
        clusterNetworks = List.copyOf(clusterNetworks);
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Host node : nodes) {
            if (!seen.add(node.name())) {
                throw new IllegalArgumentException("node " + node.name() + " is listed twice");
            }
        }
    }

    /**
     * The lab's servers to validate, as {@code Test-Cluster -Node} and {@code -Cluster} name them: the existing
     * cluster's nodes first, then the other named servers (a server named twice, or by its FQDN too, counts once).
     *
     * @param datacenter the lab's hosts and storage
     * @param clusters the lab's clusters and networks
     * @param nodeNames computer names or FQDNs, ignoring case; may be empty when {@code clusterName} is given
     * @param clusterName the existing cluster to validate, or null
     * @throws ExhaException {@code NO_NODES} when neither is given; {@code UNKNOWN_NODE} or {@code UNKNOWN_CLUSTER}
     *     with the nearest names
     */
    public static ValidationTarget of(Datacenter datacenter, Clusters clusters, List<String> nodeNames,
            String clusterName) {
        Objects.requireNonNull(datacenter, "datacenter");
        Objects.requireNonNull(clusters, "clusters");
        List<String> names = nodeNames == null ? List.of() : nodeNames;
        if (names.isEmpty() && clusterName == null) {
            throw new ExhaException(ValidationErrorCode.NO_NODES, "Name the servers to validate with -Node"
                    + " (for example -Node NODE1,NODE2) or an existing cluster with -Cluster.");
        }
        List<Host> nodes = new ArrayList<>();
        List<ClusterNetwork> networks = List.of();
        Optional<String> cluster = Optional.empty();
        if (clusterName != null) {
            FailoverCluster existing = clusters.clusters().stream()
                    .filter(c -> c.name().equalsIgnoreCase(clusterName.strip())).findFirst()
                    .orElseThrow(() -> new ExhaException(ValidationErrorCode.UNKNOWN_CLUSTER, "The cluster '"
                            + clusterName + "' could not be found." + NearestNames.didYouMean(clusterName,
                                    clusters.names(), "") + " Clusters: " + (clusters.names().isEmpty() ? "none"
                                            : String.join(", ", clusters.names()))));
            cluster = Optional.of(existing.name());
            networks = clusters.membership(existing.name()).networks();
            for (ClusterNode node : existing.nodes()) {
                add(nodes, datacenter.host(node.name()));
            }
        }
        for (String name : names) {
            Host host = datacenter.findHost(name).orElseThrow(() -> new ExhaException(ValidationErrorCode.UNKNOWN_NODE,
                    "The computer '" + name + "' could not be reached: no host of the lab has that name."
                            + NearestNames.didYouMean(String.valueOf(name).strip(), datacenter.hostNames(), "")
                            + " Hosts: " + (datacenter.hostNames().isEmpty() ? "none"
                                    : String.join(", ", datacenter.hostNames()))));
            add(nodes, host);
        }
        return new ValidationTarget(nodes, datacenter.fabric(), clusters.connectivity(), cluster, networks);
    }

    private static void add(List<Host> nodes, Host host) {
        if (nodes.stream().noneMatch(node -> node.name().equalsIgnoreCase(host.name()))) {
            nodes.add(host);
        }
    }

    /** The nodes' computer names, in order. */
    public List<String> nodeNames() {
        return nodes.stream().map(Host::name).toList();
    }

    /** Whether {@code name} is one of the nodes, ignoring case. */
    public boolean isNode(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return nodes.stream().anyMatch(node -> node.name().toLowerCase(Locale.ROOT).equals(key));
    }
}
