package io.github.exha.exchange.update;

import io.github.exha.cluster.failover.ClusterResource;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.failover.ResourceState;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.Identity;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.exchange.clustering.ExchangeResourceKind;
import io.github.exha.exchange.config.ExchangeBuild;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeInstallation;
import io.github.exha.exchange.config.ExchangeServer;
import io.github.exha.exchange.config.ServerKind;
import io.github.exha.exchange.setup.SetupCommand;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code Update-ExchangeVirtualServer [-Identity] <EVS or its System Attendant resource>}: the Exchange 2003 Cluster
 * Administrator action "Upgrade Exchange Virtual Server" (right-click the Exchange System Attendant resource), run in
 * Cluster Administrator on the session's host. It raises the virtual server's object in Active Directory to the build
 * of the node it is on, which is what ESM then shows.
 *
 * <p>The action is unavailable ({@code ACTION_UNAVAILABLE}) when Cluster Administrator runs on a computer that is not a
 * node of the virtual server's cluster, or on a node whose Exchange binaries are not newer than the virtual server,
 * or when the virtual server is on a node that has not been upgraded. It fails with c1037b44 ({@code UPGRADE_FAILED})
 * when the virtual server is on a node that does not run the most recent service pack of the cluster's nodes, or when
 * any of its Exchange resources is not offline or its IP Address, Network Name or Physical Disk resources are not
 * online (seed 001, DOMAIN.md §6). Nothing changes on a refusal.
 *
 * <p>CHOICE: the cmdlet form (Cluster Administrator is a GUI; the alias {@code Upgrade-ExchangeVirtualServer} keeps
 * the menu's wording), the messages (exha's wording of the seed's conditions) and the time the upgrade takes, 30 s.
 */
public final class UpdateExchangeVirtualServer implements Command {
    /** The error Cluster Administrator reports when the upgrade's preconditions do not hold. */
    public static final NativeCode UPGRADE_FAILED = NativeCode.exchangeHex(0xc1037b44L);
    /** What Cluster Administrator says when the upgrade is done. */
    public static final String SUCCESS_MESSAGE = "The Exchange Virtual Server has been upgraded successfully.";
    /** How long the upgrade takes. */
    public static final Duration UPGRADE_TIME = Duration.ofSeconds(30);
    /** The action's name in Cluster Administrator's menu. */
    public static final String ACTION = "Upgrade Exchange Virtual Server";

    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Update-ExchangeVirtualServer",
            List.of("Upgrade-ExchangeVirtualServer"), CommandSyntax.CMDLET, "Cluster Administrator's \"" + ACTION
                    + "\" (2003): raise the EVS's Active Directory object to the build of the node it is on.",
            List.of(ParameterDescriptor.named("Identity", ParameterType.identity("ExchangeVirtualServer"),
                    "The Exchange Virtual Server, or its Exchange System Attendant resource.").at(0).required()),
            true, ConfirmImpact.NONE, true);

    private final Datacenter datacenter;
    private final Clusters clusters;
    private final ExchangeDirectory directory;
    private final PendingRestarts restarts;

    /** The action over the lab. */
    @Inject
    public UpdateExchangeVirtualServer(Datacenter datacenter, Clusters clusters, ExchangeDirectory directory,
            PendingRestarts restarts) {
        this.datacenter = datacenter;
        this.clusters = clusters;
        this.directory = directory;
        this.restarts = restarts;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        Host console = SessionHost.running(context, datacenter);
        ExchangeServer server = virtualServer(arguments.identity("Identity").map(Identity::text).orElseThrow());
        FailoverCluster cluster = clusters.cluster(server.cluster().orElseThrow().clusterName());
        String owner = cluster.group(server.name()).ownerNode().orElseThrow(() -> unavailable(server.name()
                + "'s group has no owner node."));
        ExchangeBuild newest = newestBuild(cluster);
        checkAvailable(console, server, cluster, owner, newest);
        ExchangeBuild ownerBuild = build(owner).orElseThrow();
        if (ownerBuild.compareTo(newest) < 0) {
            throw failed(server.name() + " is on " + owner + ", which runs " + ownerBuild.displayVersion()
                    + "; the most recent service pack in cluster " + cluster.name() + " is "
                    + newest.displayVersion() + ". Move " + server.name() + " to a node that runs it.");
        }
        List<String> notOffline = new ArrayList<>();
        List<String> notOnline = new ArrayList<>();
        for (String name : cluster.group(server.name()).resources()) {
            ClusterResource resource = cluster.resource(name);
            if (ExchangeResourceKind.ofType(resource.type().name()).isPresent()) {
                if (resource.state() != ResourceState.OFFLINE) {
                    notOffline.add(name + " (" + resource.state().displayName() + ")");
                }
            } else if (resource.state() != ResourceState.ONLINE) {
                notOnline.add(name + " (" + resource.state().displayName() + ")");
            }
        }
        if (!notOffline.isEmpty()) {
            throw failed("these Exchange resources of " + server.name() + " must be offline: "
                    + String.join(", ", notOffline) + ". Take the Exchange System Attendant resource offline.");
        }
        if (!notOnline.isEmpty()) {
            throw failed("the IP Address, Network Name and Physical Disk resources of " + server.name()
                    + " must be online: " + String.join(", ", notOnline) + ".");
        }
        if (!context.shouldProcess(server.name(), ACTION, "Upgrading Exchange Virtual Server \"" + server.name()
                + "\" from " + server.build().displayVersion() + " to " + ownerBuild.displayVersion() + ".")) {
            return;
        }
        log(context, console, ACTION + " " + server.name() + " on " + owner + ": " + server.build().buildNumber()
                + " -> " + ownerBuild.buildNumber());
        context.sleep(UPGRADE_TIME);
        directory.updateServer(server.withBuild(ownerBuild));
        log(context, console, ACTION + " " + server.name() + " completed successfully");
        context.write(SUCCESS_MESSAGE);
    }

    // The conditions under which Cluster Administrator does not offer the action at all.
    private void checkAvailable(Host console, ExchangeServer server, FailoverCluster cluster, String owner,
            ExchangeBuild newest) {
        boolean member = cluster.nodes().stream().anyMatch(n -> n.name().equalsIgnoreCase(console.name()));
        if (!member) {
            throw unavailable("Cluster Administrator runs on " + console.name() + ", which is not a node of cluster "
                    + cluster.name() + ". Run it on an upgraded node of the cluster.");
        }
        Optional<ExchangeBuild> consoleBuild = build(console.name());
        if (consoleBuild.filter(b -> b.isNewerThan(server.build())).isEmpty()) {
            Optional<ExchangeBuild> staged = restarts.stagedBuild(console.name());
            if (staged.filter(b -> b.isNewerThan(server.build())).isPresent()) {
                throw unavailable("Cluster Administrator runs on " + console.name() + ", which has not been restarted "
                        + "since setup installed " + staged.get().displayVersion() + "; it still runs "
                        + consoleBuild.orElseThrow().displayVersion() + ". Restart it first.");
            }
            if (server.build().compareTo(newest) >= 0) {
                throw unavailable(server.name() + " already runs " + server.build().displayVersion() + "; no node of "
                        + "cluster " + cluster.name() + " runs a newer version of Exchange.");
            }
            throw unavailable("Cluster Administrator runs on " + console.name() + ", which has not been upgraded ("
                    + consoleBuild.map(ExchangeBuild::displayVersion).orElse("no Exchange binaries") + "). Run it on "
                    + "an upgraded node of the cluster.");
        }
        Optional<ExchangeBuild> ownerBuild = build(owner);
        if (ownerBuild.filter(b -> b.isNewerThan(server.build())).isEmpty()) {
            throw unavailable(server.name() + " is on " + owner + ", which has not been upgraded ("
                    + ownerBuild.map(ExchangeBuild::displayVersion).orElse("no Exchange binaries") + "). Move "
                    + server.name() + " to an upgraded node.");
        }
    }

    private ExchangeServer virtualServer(String identity) {
        Optional<ExchangeServer> named = directory.findServer(identity);
        if (named.isEmpty()) {
            // The System Attendant resource the administrator right-clicked: its ServerName property names the EVS.
            named = clusters.clusters().stream().flatMap(c -> c.resources().stream())
                    .filter(r -> r.name().equalsIgnoreCase(identity))
                    .filter(r -> ExchangeResourceKind.ofType(r.type().name())
                            .filter(k -> k == ExchangeResourceKind.SYSTEM_ATTENDANT).isPresent())
                    .map(r -> r.privateProperties().getOrDefault(ExchangeResourceKind.SERVER_NAME, r.groupName()))
                    .findFirst().flatMap(directory::findServer);
        }
        ExchangeServer server = named.orElseThrow(() -> directory.notFound(identity));
        if (server.kind() != ServerKind.EXCHANGE_VIRTUAL_SERVER) {
            throw new ExhaException(UpdateErrorCode.INVALID_TARGET, "'" + server.name() + "' is not an Exchange "
                    + "Virtual Server; " + ACTION + " applies to Exchange 2003 virtual servers only.");
        }
        return server;
    }

    // The most recent build installed on the cluster's nodes (restarts pending do not count: not running yet).
    private ExchangeBuild newestBuild(FailoverCluster cluster) {
        ExchangeBuild newest = null;
        for (var node : cluster.nodes()) {
            Optional<ExchangeBuild> build = build(node.name());
            if (build.isPresent() && (newest == null || build.get().compareTo(newest) > 0)) {
                newest = build.get();
            }
        }
        return newest == null ? ExchangeBuild.EXCHANGE_2003_RTM : newest;
    }

    private Optional<ExchangeBuild> build(String host) {
        return directory.installation(host).map(ExchangeInstallation::build);
    }

    private static ExhaException unavailable(String why) {
        return new ExhaException(UpdateErrorCode.ACTION_UNAVAILABLE, "The '" + ACTION + "' action is unavailable: "
                + why);
    }

    private static ExhaException failed(String why) {
        return new ExhaException(UpdateErrorCode.UPGRADE_FAILED, "The Exchange Virtual Server upgrade failed. Error ID: "
                + UPGRADE_FAILED + ": " + why, UPGRADE_FAILED);
    }

    private static void log(CommandContext context, Host host, String line) {
        context.journal().append(JournalEntry.Type.NOTE, SetupCommand.SOURCE, "setup.log", Map.of("host",
                host.name(), "file", "Exchange Server Setup.log", "line", "[" + context.clock().instant() + "] "
                        + line));
    }
}
