package io.github.exha.cluster.command;

import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.cluster.failover.ClusterResource;
import io.github.exha.cluster.failover.ClusterVersion;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.membership.ClusterMembership;
import io.github.exha.cluster.membership.ClusterNetwork;
import io.github.exha.cluster.membership.NetworkRole;
import io.github.exha.cluster.membership.QuorumModel;
import io.github.exha.cluster.resources.MajorityNodeSetType;
import io.github.exha.cluster.resources.PhysicalDiskType;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.PsObject;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The verbs of {@code cluster.exe} that build and configure a cluster, as seed 004 does with the wizards:
 * {@code /create}, {@code /add}, {@code /quorum}, {@code node /evict}, {@code network /rename} and {@code /prop Role},
 * {@code resource /create} and {@code /priv}.
 */
final class ClusterAdministration {
    private final Clusters clusters;

    ClusterAdministration(Clusters clusters) {
        this.clusters = clusters;
    }

    /** Checks a cluster-level command line before the runbook runs. */
    static void validate(String action, Arguments arguments) {
        if (arguments.string("cluster").isEmpty() && arguments.positionals().isEmpty()) {
            throw new IllegalArgumentException("cluster /" + action + " needs the cluster's name: cluster /cluster:NAME /"
                    + action + " ...");
        }
        switch (action) {
            case "create" -> {
                if (arguments.string("nodes").isEmpty() || arguments.string("ipaddress").isEmpty()) {
                    throw new IllegalArgumentException("cluster /create needs /nodes:\"NODE1 [NODE2 ...]\" and"
                            + " /ipaddress:address/mask, for example: cluster /cluster:CCRCLUSTER /create"
                            + " /nodes:\"NODE1\" /ipaddress:192.168.10.20/255.255.255.0");
                }
            }
            case "add" -> {
                if (arguments.string("nodes").isEmpty()) {
                    throw new IllegalArgumentException("cluster /add needs /nodes:\"NODE2 [NODE3 ...]\".");
                }
            }
            case "quorum" -> {
                // The value is checked against the cluster when it runs.
            }
            default -> throw new IllegalArgumentException("'/" + action + "' is not a cluster-level action.");
        }
    }

    void invoke(CommandContext context, String action, Arguments arguments) {
        String name = arguments.string("cluster").orElseGet(() -> arguments.positionals().get(0));
        switch (action) {
            case "create" -> {
                List<String> nodes = nodes(arguments);
                String[] address = arguments.string("ipaddress").orElseThrow().split("[/,]", -1);
                Optional<String> mask = address.length > 1 && !address[1].isBlank() ? Optional.of(address[1].strip())
                        : Optional.empty();
                context.write("Creating cluster '" + name + "'...");
                context.await(clusters.create(name, address[0].strip(), mask, nodes.get(0)));
                for (String node : nodes.subList(1, nodes.size())) {
                    clusters.addNode(name, node);
                    context.write("Adding node '" + node + "' to cluster '" + name + "'...");
                }
                status(context, clusters.cluster(name));
            }
            case "add" -> {
                for (String node : nodes(arguments)) {
                    context.write("Adding node '" + node + "' to cluster '" + name + "'...");
                    clusters.addNode(name, node);
                }
                status(context, clusters.cluster(name));
            }
            case "quorum" -> quorum(context, clusters.cluster(name), arguments.string("quorum").orElseThrow());
            default -> throw new IllegalStateException("validated: " + action);
        }
    }

    void network(CommandContext context, FailoverCluster cluster, String network, String action, Arguments arguments) {
        ClusterMembership membership = clusters.membership(cluster.name());
        switch (action) {
            case "rename" -> membership.renameNetwork(network, arguments.string("rename").orElseThrow());
            case "prop" -> {
                for (String[] setting : settings(arguments)) {
                    if (!setting[0].equalsIgnoreCase("Role")) {
                        throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "exha sets only the Role of a cluster"
                                + " network (Role=1 internal, 2 client access, 3 both), not '" + setting[0] + "'.");
                    }
                    membership.setNetworkRole(network, role(setting[1]));
                }
            }
            case "status" -> context.write("Listing status for network '" + membership.network(network).name() + "':");
            default -> throw new IllegalStateException("validated: " + action);
        }
        ClusterNetwork now = membership.networks().stream()
                .filter(n -> n.name().equalsIgnoreCase(arguments.string("rename").orElse(network))).findFirst()
                .orElseThrow();
        context.write(PsObject.builder("ClusterNetworkStatus").add("Network", now.name())
                .add("Role", roleName(now.role())).add("Subnet", now.subnet()).build());
    }

    void resource(CommandContext context, FailoverCluster cluster, String resource, String action, Arguments arguments) {
        switch (action) {
            case "create" -> {
                String group = arguments.string("group").orElseThrow(() -> new ExhaException(
                        CoreErrorCode.INVALID_ARGUMENT, "cluster resource /create needs /group:\"<group>\"."));
                String type = arguments.string("type").orElseThrow(() -> new ExhaException(
                        CoreErrorCode.INVALID_ARGUMENT, "cluster resource /create needs /type:\"<resource type>\"."));
                context.write("Creating resource '" + resource + "'...");
                cluster.createResource(group, resource, type);
            }
            case "priv" -> {
                ClusterResource target = cluster.resource(resource);
                for (String[] setting : settings(arguments)) {
                    if (target.type().name().equalsIgnoreCase(MajorityNodeSetType.NAME)
                            && setting[0].equalsIgnoreCase(MajorityNodeSetType.MNS_FILE_SHARE)) {
                        // KB921181: the MNS resource's MNSFileShare is how 2003 configures a file share witness.
                        context.await(clusters.configureQuorum(cluster.name(), setting[1].isBlank()
                                ? QuorumModel.MAJORITY_NODE_SET : QuorumModel.MNS_WITH_FILE_SHARE_WITNESS,
                                Optional.of(setting[1])));
                    } else {
                        cluster.setPrivateProperty(target.name(), setting[0], setting[1]);
                    }
                }
            }
            default -> throw new IllegalStateException("validated: " + action);
        }
        ClusterResource now = cluster.resource(resource);
        context.write(PsObject.builder("ClusterResourceStatus").add("Resource", now.name()).add("Group", now.groupName())
                .add("Node", now.hostNode().orElse("")).add("Status", now.state().displayName()).build());
    }

    private void quorum(CommandContext context, FailoverCluster cluster, String value) {
        String text = value.strip();
        QuorumModel model;
        Optional<String> witness = Optional.empty();
        if (text.startsWith("\\\\")) {
            model = switch (cluster.version()) {
                case WINDOWS_2003 -> QuorumModel.MNS_WITH_FILE_SHARE_WITNESS;
                case WINDOWS_2008 -> QuorumModel.NODE_AND_FILE_SHARE_MAJORITY;
            };
            witness = Optional.of(text);
        } else if (text.equalsIgnoreCase(QuorumModel.MAJORITY_NODE_SET.displayName())
                || text.equalsIgnoreCase(QuorumModel.NODE_MAJORITY.displayName())) {
            model = cluster.version() == ClusterVersion.WINDOWS_2003 ? QuorumModel.MAJORITY_NODE_SET : QuorumModel.NODE_MAJORITY;
        } else {
            ClusterResource disk = cluster.resource(text);
            if (!disk.type().name().equalsIgnoreCase(PhysicalDiskType.NAME)) {
                throw new ExhaException(ClusterErrorCode.INVALID_STATE, "The cluster resource '" + disk.name() + "' is a "
                        + disk.type().name() + " and cannot be the quorum resource (ERROR_NOT_QUORUM_CAPABLE): name a"
                        + " witness share \\\\SERVER\\Share, a Physical Disk, or " + QuorumModel.MAJORITY_NODE_SET.displayName()
                        + " / " + QuorumModel.NODE_MAJORITY.displayName() + ".",
                        NativeCode.win32(5021));
            }
            model = cluster.version() == ClusterVersion.WINDOWS_2003 ? QuorumModel.SHARED_DISK : QuorumModel.NODE_AND_DISK_MAJORITY;
            witness = Optional.of(disk.name());
        }
        context.write("Configuring the quorum of cluster '" + cluster.name() + "'...");
        context.await(clusters.configureQuorum(cluster.name(), model, witness));
        ClusterMembership membership = clusters.membership(cluster.name());
        context.write(PsObject.builder("ClusterQuorum").add("Cluster", cluster.name())
                .add("QuorumType", membership.quorum().model().displayName())
                .add("Witness", membership.quorum().witness().map(w -> w.displayName()).orElse(""))
                .add("Votes", Integer.toString(membership.totalVotes())).build());
    }

    private static void status(CommandContext context, FailoverCluster cluster) {
        cluster.nodes().forEach(node -> context.write(PsObject.builder("ClusterNodeStatus").add("Node", node.name())
                .add("Status", node.state().displayName()).build()));
    }

    private static List<String> nodes(Arguments arguments) {
        return Arrays.stream(arguments.string("nodes").orElseThrow().strip().split("[\\s,]+")).filter(s -> !s.isEmpty())
                .toList();
    }

    /** The Name=value words after /prop or /priv. */
    private static List<String[]> settings(Arguments arguments) {
        List<String[]> settings = arguments.positionals().stream().filter(w -> w.contains("="))
                .map(w -> new String[] {w.substring(0, w.indexOf('=')).strip(), w.substring(w.indexOf('=') + 1).strip()})
                .toList();
        if (settings.isEmpty()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "Give the properties to set as Name=value, for"
                    + " example: /prop Role=1 or /priv MNSFileShare=\\\\HUB1\\FSW_CCR_MAIL");
        }
        return settings;
    }

    private static NetworkRole role(String value) {
        return switch (value.strip()) {
            case "1" -> NetworkRole.PRIVATE;
            case "2" -> NetworkRole.PUBLIC;
            case "3" -> NetworkRole.MIXED;
            case "0" -> throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "Role=0 (not used by the cluster) is not"
                    + " simulated: exha's cluster networks carry heartbeats, client access or both (Role=1, 2, 3).");
            default -> throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "Role=" + value + " is not a network role:"
                    + " 1 internal cluster communications only, 2 client access only, 3 all communications.");
        };
    }

    private static String roleName(NetworkRole role) {
        return switch (role) {
            case PRIVATE -> "1 (internal cluster communications only)";
            case PUBLIC -> "2 (client access only)";
            case MIXED -> "3 (all communications)";
        };
    }
}
