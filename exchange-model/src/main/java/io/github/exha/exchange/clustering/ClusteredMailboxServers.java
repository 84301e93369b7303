package io.github.exha.exchange.clustering;

import io.github.exha.cluster.failover.ClusterGroup;
import io.github.exha.cluster.failover.ClusterNode;
import io.github.exha.cluster.failover.ClusterResource;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.failover.ResourceState;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operation;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeServer;
import io.github.exha.exchange.config.ServerKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jakarta.inject.Inject;

/**
 * The lab's clustered mailbox servers as the EMS cluster cmdlets see them: their state from the group's resources,
 * the nodes, and the start / stop / move actions with Exchange's checks. The cmdlets are thin layers over it.
 */
public final class ClusteredMailboxServers {
    /** Event source of the clustered mailbox server's events. */
    public static final String EVENT_SOURCE = "MSExchangeCluster";
    /** Event ID of the stop reason written by Stop-ClusteredMailboxServer (seed 003). */
    public static final int EVENT_STOPPED = 105;
    /** Event ID of the move comment written by Move-ClusteredMailboxServer. CHOICE: 104. */
    public static final int EVENT_MOVE_COMMENT = 104;

    private final ExchangeDirectory directory;
    private final Clusters clusters;
    private final Kernel kernel;

    /** Over the lab's directory and clusters. */
    @Inject
    public ClusteredMailboxServers(ExchangeDirectory directory, Clusters clusters, Kernel kernel) {
        this.directory = directory;
        this.clusters = clusters;
        this.kernel = kernel;
    }

    /**
     * The CMS named.
     *
     * @throws ExhaException OBJECT_NOT_FOUND, NOT_CLUSTERED
     */
    public ExchangeServer cms(String identity) {
        ExchangeServer server = directory.server(identity);
        if (server.kind() != ServerKind.CLUSTERED_MAILBOX_SERVER) {
            throw new ExhaException(ClusteringErrorCode.NOT_CLUSTERED, "Server '" + server.name()
                    + "' is not a clustered mailbox server.");
        }
        return server;
    }

    /** Every CMS of the organization. */
    public List<ExchangeServer> all() {
        return directory.servers().stream().filter(s -> s.kind() == ServerKind.CLUSTERED_MAILBOX_SERVER).toList();
    }

    /** The CMS's cluster. */
    public FailoverCluster cluster(ExchangeServer server) {
        return clusters.cluster(server.cluster().orElseThrow().clusterName());
    }

    /** The CMS's state from its group's resources (Offline when the group does not exist). */
    public ClusteredMailboxServerState state(ExchangeServer server) {
        List<ClusterResource> resources = resources(server);
        if (resources.isEmpty()) {
            return ClusteredMailboxServerState.OFFLINE;
        }
        boolean failed = false;
        boolean onlinePending = false;
        boolean offlinePending = false;
        int online = 0;
        for (ClusterResource resource : resources) {
            switch (resource.state()) {
                case FAILED -> failed = true;
                case ONLINE_PENDING, INITIALIZING -> onlinePending = true;
                case OFFLINE_PENDING -> offlinePending = true;
                case ONLINE -> online++;
                case OFFLINE, UNKNOWN -> {
                    // counted as not online
                }
            }
        }
        if (failed) {
            return ClusteredMailboxServerState.FAILED;
        }
        if (onlinePending) {
            return ClusteredMailboxServerState.ONLINE_PENDING;
        }
        if (offlinePending) {
            return ClusteredMailboxServerState.OFFLINE_PENDING;
        }
        if (online == resources.size()) {
            return ClusteredMailboxServerState.ONLINE;
        }
        return online == 0 ? ClusteredMailboxServerState.OFFLINE : ClusteredMailboxServerState.PARTIALLY_ONLINE;
    }

    /** The group's resources, empty when it has no group. */
    public List<ClusterResource> resources(ExchangeServer server) {
        FailoverCluster cluster = cluster(server);
        return cluster.groups().stream().filter(g -> g.name().equalsIgnoreCase(server.name())).findFirst()
                .map(g -> g.resources().stream().map(cluster::resource).toList()).orElse(List.of());
    }

    /** The node the CMS's group is on, if it has a group with an owner. */
    public java.util.Optional<String> activeNode(ExchangeServer server) {
        return cluster(server).findGroup(server.name()).flatMap(ClusterGroup::ownerNode);
    }

    /** {@code {EXCHMAILBOX1 <Active, Quorum Owner>, EXCHMAILBOX2}}: the redundant machines, tagged. */
    public List<String> operationalMachines(ExchangeServer server) {
        FailoverCluster cluster = cluster(server);
        String active = activeNode(server).orElse("");
        String quorumOwner = cluster.groups().stream().filter(g -> g.name().equalsIgnoreCase(
                io.github.exha.cluster.topology.Clusters.CLUSTER_GROUP)).findFirst()
                .flatMap(ClusterGroup::ownerNode).orElse("");
        List<String> machines = new ArrayList<>();
        for (String machine : server.cluster().orElseThrow().redundantMachines()) {
            boolean up = cluster.nodes().stream().anyMatch(n -> n.name().equalsIgnoreCase(machine)
                    && n.state() != io.github.exha.cluster.failover.NodeState.DOWN);
            if (!up) {
                continue;
            }
            List<String> tags = new ArrayList<>();
            if (machine.equalsIgnoreCase(active) && state(server) != ClusteredMailboxServerState.OFFLINE) {
                tags.add("Active");
            }
            if (machine.equalsIgnoreCase(quorumOwner)) {
                tags.add("Quorum Owner");
            }
            String name = machine.toUpperCase(Locale.ROOT);
            machines.add(tags.isEmpty() ? name : name + " <" + String.join(", ", tags) + ">");
        }
        return machines;
    }

    /** The names of the group's failed resources. */
    public List<String> failedResources(ExchangeServer server) {
        return resources(server).stream().filter(r -> r.state() == ResourceState.FAILED).map(ClusterResource::name)
                .toList();
    }

    /** Whether another CMS of the node's cluster is online or pending on {@code node}. */
    public java.util.Optional<ExchangeServer> otherCmsOn(ExchangeServer server, String node) {
        for (ExchangeServer other : all()) {
            if (other.name().equalsIgnoreCase(server.name())) {
                continue;
            }
            if (other.cluster().orElseThrow().clusterName().equalsIgnoreCase(server.cluster().orElseThrow()
                    .clusterName()) && activeNode(other).filter(node::equalsIgnoreCase).isPresent()
                    && state(other) != ClusteredMailboxServerState.OFFLINE) {
                return java.util.Optional.of(other);
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether {@code node} is a member of the CMS's cluster; the member's name as the cluster spells it. */
    public java.util.Optional<String> member(ExchangeServer server, String node) {
        return cluster(server).nodes().stream().map(ClusterNode::name).filter(node::equalsIgnoreCase).findFirst();
    }

    /** Moves the CMS's group to a node. */
    public Operation<Void> move(ExchangeServer server, String node) {
        return cluster(server).moveGroup(server.name(), node);
    }

    /** Brings the CMS's group online. */
    public Operation<Void> start(ExchangeServer server) {
        return cluster(server).onlineGroup(server.name());
    }

    /** Takes the CMS's group offline; the cluster then leaves it offline (also across node reboots). */
    public Operation<Void> stop(ExchangeServer server) {
        return cluster(server).offlineGroup(server.name());
    }

    /**
     * Writes an MSExchangeCluster event for the CMS, into the Application log of the node it is active on (the CMS's
     * name when it runs nowhere).
     */
    public void event(ExchangeServer server, int eventId, String message) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(JournalEntry.EVENT_ID, Integer.toString(eventId));
        attributes.put("server", server.name());
        attributes.put("message", message);
        attributes.put("loggedOn", activeNode(server).orElse(server.name()));
        kernel.journal().append(JournalEntry.Type.EVENT_LOG, server.name(), EVENT_SOURCE, attributes);
    }
}
