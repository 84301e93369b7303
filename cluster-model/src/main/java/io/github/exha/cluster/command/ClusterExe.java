package io.github.exha.cluster.command;

import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.cluster.failover.ClusterGroup;
import io.github.exha.cluster.failover.ClusterNode;
import io.github.exha.cluster.failover.ClusterResource;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.command.PsObject;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NearestNames;
import io.github.exha.core.kernel.Operation;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code cluster.exe}: {@code cluster [clustername] group|resource|node <name> /option}, the verbs of DOMAIN.md §8 —
 * groups {@code /moveto:<node>}, {@code /move}, {@code /online}, {@code /offline}, {@code /status},
 * {@code /listowners}; resources {@code /online}, {@code /offline}, {@code /fail}, {@code /status},
 * {@code /listdep}; nodes {@code /pause}, {@code /resume}, {@code /status}. Without a cluster name it acts on the
 * cluster the session's host belongs to. Like the real tool, it skips every Exchange check (seed 002 warns against
 * using it for a clustered mailbox server), and actions wait in virtual time until the cluster has done them.
 */
public final class ClusterExe implements Command {
    private static final List<String> ACTIONS = List.of("moveto", "move", "online", "offline", "status", "listowners",
            "listdep", "fail", "pause", "resume", "evict", "rename", "prop", "priv", "create", "add", "quorum");
    // Actions on the cluster itself, written without an object: cluster /cluster:NAME /create ...
    private static final List<String> CLUSTER_ACTIONS = List.of("create", "add", "quorum");
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("cluster", List.of(), CommandSyntax.NATIVE,
            "cluster.exe: group, resource and node actions on a failover cluster.", List.of(
                    ParameterDescriptor.named("moveto", ParameterType.string(), "Move the group to this node."),
                    ParameterDescriptor.named("move", ParameterType.switchParameter(),
                            "Move the group to the next node of its failover order."),
                    ParameterDescriptor.named("online", ParameterType.switchParameter(), "Bring it online.")
                            .alias("on"),
                    ParameterDescriptor.named("offline", ParameterType.switchParameter(), "Take it offline.")
                            .alias("off"),
                    ParameterDescriptor.named("status", ParameterType.switchParameter(), "Show its state.")
                            .alias("stat"),
                    ParameterDescriptor.named("listowners", ParameterType.switchParameter(),
                            "List the group's preferred owners."),
                    ParameterDescriptor.named("listdep", ParameterType.switchParameter(),
                            "List the resource's dependencies."),
                    ParameterDescriptor.named("fail", ParameterType.switchParameter(), "Make the resource fail."),
                    ParameterDescriptor.named("pause", ParameterType.switchParameter(), "Pause the node."),
                    ParameterDescriptor.named("resume", ParameterType.switchParameter(), "Resume the node."),
                    ParameterDescriptor.named("cluster", ParameterType.string(), "The cluster to act on."),
                    ParameterDescriptor.named("evict", ParameterType.switchParameter(), "Evict the node."),
                    ParameterDescriptor.named("rename", ParameterType.string(), "Rename the network."),
                    ParameterDescriptor.named("prop", ParameterType.switchParameter(),
                            "Set common properties: Role=0..3 on a network (1 internal, 2 clients, 3 both)."),
                    ParameterDescriptor.named("priv", ParameterType.switchParameter(),
                            "Set private properties of a resource: Name=value ..."),
                    ParameterDescriptor.named("create", ParameterType.switchParameter(),
                            "Create the cluster (with /nodes and /ipaddress) or a resource (with /group and /type)."),
                    ParameterDescriptor.named("add", ParameterType.switchParameter(), "Add the /nodes to the cluster."),
                    ParameterDescriptor.named("nodes", ParameterType.string(), "Node names, separated by spaces."),
                    ParameterDescriptor.named("ipaddress", ParameterType.string(),
                            "The cluster address: 192.168.10.20/255.255.255.0 (2003: /ipaddr:address,mask).")
                            .alias("ipaddr"),
                    ParameterDescriptor.named("group", ParameterType.string(), "The group of a new resource."),
                    ParameterDescriptor.named("type", ParameterType.string(), "The type of a new resource."),
                    ParameterDescriptor.named("quorum", ParameterType.string(), "The quorum: a witness share"
                            + " \\\\SERVER\\Share, a Physical Disk resource, or Majority Node Set / Node Majority.")),
            false, ConfirmImpact.NONE, false);

    private enum ObjectKind {
        GROUP, RESOURCE, NODE, NETWORK
    }

    private final Clusters clusters;

    /** cluster.exe over the lab's clusters. */
    @Inject
    public ClusterExe(Clusters clusters) {
        this.clusters = clusters;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(Arguments arguments) {
        List<String> given = ACTIONS.stream().filter(arguments::has).toList();
        if (given.size() != 1) {
            throw new IllegalArgumentException("cluster needs exactly one action (" + String.join(", ", given.isEmpty()
                    ? ACTIONS.stream().map(a -> "/" + a).toList() : given.stream().map(a -> "/" + a).toList())
                    + (given.isEmpty() ? " are the options" : " were given") + "), for example: cluster group \"EVS2\""
                    + " /moveto:Node2");
        }
        if (CLUSTER_ACTIONS.contains(given.get(0)) && !isObjectCommand(arguments.positionals())) {
            ClusterAdministration.validate(given.get(0), arguments);
            return;
        }
        Target target = parse(arguments.positionals());
        List<String> allowed = switch (target.kind()) {
            case GROUP -> List.of("moveto", "move", "online", "offline", "status", "listowners");
            case RESOURCE -> List.of("online", "offline", "fail", "status", "listdep", "priv", "create");
            case NODE -> List.of("pause", "resume", "status", "evict");
            case NETWORK -> List.of("rename", "prop", "status");
        };
        if (!allowed.contains(given.get(0))) {
            throw new IllegalArgumentException("The option '/" + given.get(0) + "' is not valid for a "
                    + target.kind().name().toLowerCase(Locale.ROOT) + ". Valid options: /"
                    + String.join(", /", allowed) + ".");
        }
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        String first = ACTIONS.stream().filter(arguments::has).findFirst().orElseThrow();
        if (CLUSTER_ACTIONS.contains(first) && !isObjectCommand(arguments.positionals())) {
            new ClusterAdministration(clusters).invoke(context, first, arguments);
            return;
        }
        Target target = parse(arguments.positionals());
        String clusterName = arguments.string("cluster").orElse(target.cluster());
        FailoverCluster cluster = clusterName != null ? clusters.cluster(clusterName)
                : clusters.clusterOf(context.requireHost()).orElseThrow(() -> new ExhaException(
                        ClusterErrorCode.NODE_NOT_FOUND, "System error 1722 has occurred (0x000006ba). The RPC server is"
                        + " unavailable: " + context.requireHost() + " is not a node of any cluster; name the cluster:"
                        + " cluster <name> " + target.kind().name().toLowerCase(Locale.ROOT) + " ..."));
        String action = ACTIONS.stream().filter(arguments::has).findFirst().orElseThrow();
        switch (target.kind()) {
            case GROUP -> group(context, cluster, target.name(), action, arguments);
            case RESOURCE -> resource(context, cluster, target.name(), action, arguments);
            case NODE -> node(context, cluster, target.name(), action);
            case NETWORK -> new ClusterAdministration(clusters).network(context, cluster, target.name(), action,
                    arguments);
        }
    }

    private static boolean isObjectCommand(List<String> words) {
        return words.stream().anyMatch(w -> kind(w) != null);
    }

    private void group(CommandContext context, FailoverCluster cluster, String name, String action, Arguments arguments) {
        ClusterGroup group = cluster.group(name);
        switch (action) {
            case "moveto" -> {
                context.write("Moving resource group '" + group.name() + "'...");
                awaitMove(context, cluster.moveGroup(group.name(), arguments.string("moveto").orElseThrow()));
            }
            case "move" -> {
                context.write("Moving resource group '" + group.name() + "'...");
                awaitMove(context, cluster.moveGroup(group.name()));
            }
            case "online" -> {
                context.write("Bringing resource group '" + group.name() + "' online...");
                context.await(cluster.onlineGroup(group.name()));
            }
            case "offline" -> {
                context.write("Bringing resource group '" + group.name() + "' offline...");
                context.await(cluster.offlineGroup(group.name()));
            }
            case "status" -> context.write("Listing status for resource group '" + group.name() + "':");
            case "listowners" -> {
                context.write("Listing preferred owners for resource group '" + group.name() + "':");
                for (String owner : group.preferredOwners()) {
                    context.write(PsObject.builder("ClusterGroupOwner").add("Preferred Owner Nodes", owner).build());
                }
                return;
            }
            default -> throw wrongAction(action, "group", "/moveto:<node>, /move, /online, /offline, /status,"
                    + " /listowners");
        }
        ClusterGroup now = cluster.group(group.name());
        context.write(PsObject.builder("ClusterGroupStatus").add("Group", now.name())
                .add("Node", now.ownerNode().orElse("")).add("Status", now.state().displayName()).build());
    }

    private void resource(CommandContext context, FailoverCluster cluster, String name, String action,
            Arguments arguments) {
        if (action.equals("create") || action.equals("priv")) {
            new ClusterAdministration(clusters).resource(context, cluster, name, action, arguments);
            return;
        }
        ClusterResource resource = cluster.resource(name);
        switch (action) {
            case "online" -> {
                context.write("Bringing resource '" + resource.name() + "' online...");
                context.await(cluster.onlineResource(resource.name()));
            }
            case "offline" -> {
                context.write("Bringing resource '" + resource.name() + "' offline...");
                context.await(cluster.offlineResource(resource.name()));
            }
            case "fail" -> {
                context.write("Failing resource '" + resource.name() + "'...");
                context.await(cluster.failResource(resource.name()));
            }
            case "status" -> context.write("Listing status for resource '" + resource.name() + "':");
            case "listdep" -> {
                context.write("Listing resource dependencies for '" + resource.name() + "':");
                for (String dependency : resource.dependencies()) {
                    ClusterResource provider = cluster.resource(dependency);
                    context.write(resourceRow(provider));
                }
                return;
            }
            default -> throw wrongAction(action, "resource", "/online, /offline, /fail, /status, /listdep");
        }
        context.write(resourceRow(cluster.resource(resource.name())));
    }

    private void node(CommandContext context, FailoverCluster cluster, String name, String action) {
        ClusterNode node = cluster.node(name);
        switch (action) {
            case "evict" -> {
                clusters.evictNode(cluster.name(), node.name());
                context.write("Evicting node '" + node.name() + "'...");
                context.write("Node '" + node.name() + "' was evicted from cluster '" + cluster.name() + "'.");
                return;
            }
            case "pause" -> cluster.pause(node.name());
            case "resume" -> cluster.resume(node.name());
            case "status" -> context.write("Listing status for node '" + node.name() + "':");
            default -> throw wrongAction(action, "node", "/pause, /resume, /status, /evict");
        }
        ClusterNode now = cluster.node(node.name());
        context.write(PsObject.builder("ClusterNodeStatus").add("Node", now.name())
                .add("Status", now.state().displayName()).build());
    }

    // A group that fails to come online on the target makes cluster.exe report the Win32 error, as it does for 5018.
    private static void awaitMove(CommandContext context, Operation<Void> move) {
        try {
            context.await(move);
        } catch (ExhaException e) {
            if (e.nativeCode().isEmpty()) {
                throw e;
            }
            long number = e.nativeCode().get().number();
            throw new ExhaException(e.code(), String.format(Locale.ROOT, "System error %d has occurred (0x%08x). %s",
                    number, number, e.getMessage()), e.nativeCode().get());
        }
    }

    private static PsObject resourceRow(ClusterResource resource) {
        return PsObject.builder("ClusterResourceStatus").add("Resource", resource.name())
                .add("Group", resource.groupName()).add("Node", resource.hostNode().orElse(""))
                .add("Status", resource.state().displayName()).build();
    }

    private static ExhaException wrongAction(String action, String object, String valid) {
        return new ExhaException(ClusterErrorCode.INVALID_STATE, "The option '/" + action + "' is not valid for a "
                + object + ". Valid options: " + valid + ".");
    }

    /** {@code [cluster] group|resource|node <name>}, as cluster.exe reads its words. */
    private static Target parse(List<String> words) {
        List<String> rest = new ArrayList<>(words);
        // Name=value words after /prop or /priv are settings, not part of the target.
        rest.removeIf(w -> w.contains("="));
        String clusterName = null;
        if (!rest.isEmpty() && kind(rest.get(0)) == null) {
            clusterName = rest.remove(0);
        }
        if (rest.size() != 2 || kind(rest.get(0)) == null) {
            String typed = rest.isEmpty() ? "" : rest.get(0);
            throw new IllegalArgumentException("cluster expects: cluster [clustername] group|resource|node|network <name>"
                    + " /option" + (typed.isEmpty() ? "" : " (got '" + String.join(" ", words) + "')")
                    + NearestNames.didYouMean(typed, List.of("group", "resource", "node", "network"), ""));
        }
        return new Target(clusterName, kind(rest.get(0)), rest.get(1));
    }

    private static ObjectKind kind(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "group" -> ObjectKind.GROUP;
            case "resource", "res" -> ObjectKind.RESOURCE;
            case "node" -> ObjectKind.NODE;
            case "network", "net" -> ObjectKind.NETWORK;
            default -> null;
        };
    }

    private record Target(String cluster, ObjectKind kind, String name) {
    }
}
