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
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.exchange.clustering.ExchangeResourceKind;
import io.github.exha.exchange.config.ExchangeBuild;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeInstallation;
import io.github.exha.exchange.config.ExchangeServer;
import io.github.exha.exchange.config.ExchangeVersion;
import io.github.exha.exchange.config.ServerKind;
import io.github.exha.exchange.setup.SetupCommand;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code update.exe} of the Exchange Server 2003 SP1 media (in the {@code setup\i386} folder of the extracted service
 * pack; a runbook may give its path), run on the session's host. Exchange 2003 service pack setup is a wizard; a run
 * is never interactive, so it takes the wizard's defaults and has no switches. It checks, in order: an Exchange 2003
 * installation on the host, older than the media; no restart pending from an earlier installation; hotfix 831464 on
 * Windows Server 2003; and, on a cluster node, no Exchange Virtual Server's Exchange resources running on the node
 * (setup stops the node's Exchange and cluster services; move them away first). Then it puts the new binaries in place: the node runs them after its restart
 * ({@link PendingRestarts}). Setup's log ({@code Exchange Server Setup.log}) goes to the journal under source
 * {@value SetupCommand#SOURCE}, as 2007 setup's does.
 *
 * <p>CHOICE: the media is SP1 (the seed's), setup takes 10 minutes, and the messages of the checks are exha's wording
 * of the conditions (the seed and KB328839 give the conditions, not the text). The hotfix requirement applies on every
 * Windows Server 2003 node, as the seed installs it on every node.
 */
public final class ExchangeServicePackSetup implements Command {
    /** The build the media installs. */
    public static final ExchangeBuild MEDIA_BUILD = ExchangeBuild.EXCHANGE_2003_SP1;
    /** The hotfix Exchange 2003 SP1 needs on Windows Server 2003. */
    public static final HotfixPackage REQUIRED_HOTFIX = HotfixPackage.KB831464;
    /** How long setup runs. */
    public static final Duration SETUP_TIME = Duration.ofMinutes(10);

    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("update", List.of(),
            CommandSyntax.NATIVE, "Exchange Server 2003 SP1 setup (update.exe): upgrade this node's Exchange binaries.",
            List.of(), false, ConfirmImpact.NONE, true);

    private final Datacenter datacenter;
    private final Clusters clusters;
    private final ExchangeDirectory directory;
    private final PendingRestarts restarts;

    /** Service pack setup over the lab. */
    @Inject
    public ExchangeServicePackSetup(Datacenter datacenter, Clusters clusters, ExchangeDirectory directory,
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
        Host host = SessionHost.running(context, datacenter);
        String product = "Microsoft Exchange Server 2003 Service Pack " + MEDIA_BUILD.servicePack();
        log(context, host, product + " setup started on " + host.name());
        ExchangeInstallation installation = directory.installation(host.name())
                .filter(i -> i.build().version() == ExchangeVersion.EXCHANGE_2003)
                .orElseThrow(() -> refused(context, host, UpdateErrorCode.NOT_APPLICABLE, "Setup did not find "
                        + "Microsoft Exchange Server 2003 on " + host.name() + "; " + product
                        + " updates an existing installation."));
        if (restarts.isRestartPending(host.name())) {
            throw refused(context, host, UpdateErrorCode.PREREQUISITE_FAILED, "A restart of " + host.name()
                    + " is pending after the installation of " + String.join(", ", restarts.pending(host.name()))
                    + ". Restart the computer, then run setup again.");
        }
        if (installation.build() == MEDIA_BUILD) {
            context.write(product + " is already installed on " + host.name() + " ("
                    + MEDIA_BUILD.displayVersion() + "). Nothing to do.");
            log(context, host, "The installed version is the version of the media; nothing to do");
            return;
        }
        if (installation.build().isNewerThan(MEDIA_BUILD)) {
            throw refused(context, host, UpdateErrorCode.NOT_APPLICABLE, host.name() + " runs "
                    + installation.build().displayVersion() + ", which is newer than " + product + ".");
        }
        boolean windows2003 = switch (host.os().version()) {
            case WINDOWS_SERVER_2003, WINDOWS_SERVER_2003_R2 -> true;
            case WINDOWS_SERVER_2008 -> false;
        };
        if (windows2003 && !host.hasHotfix(REQUIRED_HOTFIX.hotfix())) {
            throw refused(context, host, UpdateErrorCode.PREREQUISITE_FAILED, product + " requires hotfix "
                    + REQUIRED_HOTFIX.hotfix().substring(2) + " on " + host.os().version().displayName() + ". Install "
                    + REQUIRED_HOTFIX.fileName() + ".exe on " + host.name() + ", restart it, then run setup again.");
        }
        Optional<String> busy = exchangeResourcesRunningOn(host.name());
        if (busy.isPresent()) {
            throw refused(context, host, UpdateErrorCode.PREREQUISITE_FAILED, busy.get());
        }
        context.sleep(SETUP_TIME);
        restarts.stage(host.name(), MEDIA_BUILD);
        log(context, host, "Microsoft Exchange binaries updated to " + MEDIA_BUILD.displayVersion()
                + "; a restart is required");
        log(context, host, product + " setup completed successfully");
        context.write(product + " ...... COMPLETED");
        context.write("You must restart " + host.name() + " to complete the installation of " + product + ".");
    }

    // On a cluster node: the first Exchange Virtual Server whose Exchange resources run on the node, said as a refusal.
    private Optional<String> exchangeResourcesRunningOn(String node) {
        Optional<FailoverCluster> cluster = clusters.clusterOf(node);
        if (cluster.isEmpty()) {
            return Optional.empty();
        }
        for (ExchangeServer server : directory.clusteredServers(cluster.get().name())) {
            if (server.kind() != ServerKind.EXCHANGE_VIRTUAL_SERVER
                    || cluster.get().groups().stream().noneMatch(g -> g.name().equalsIgnoreCase(server.name()))) {
                continue;
            }
            List<String> running = cluster.get().group(server.name()).resources().stream()
                    .map(cluster.get()::resource)
                    .filter(r -> ExchangeResourceKind.ofType(r.type().name()).isPresent())
                    .filter(r -> r.state() != ResourceState.OFFLINE && r.state() != ResourceState.FAILED)
                    .filter(r -> r.hostNode().filter(node::equalsIgnoreCase).isPresent())
                    .map(ClusterResource::name).toList();
            if (!running.isEmpty()) {
                return Optional.of("Exchange Virtual Server '" + server.name() + "' runs on " + node
                        + " (" + String.join(", ", running) + "). Setup stops the Exchange and cluster services of "
                        + "the node it upgrades: move " + server.name() + " to another node, or take its Exchange "
                        + "resources offline, then run setup again.");
            }
        }
        return Optional.empty();
    }

    private static ExhaException refused(CommandContext context, Host host, UpdateErrorCode code, String message) {
        log(context, host, "Setup failed: " + message);
        return new ExhaException(code, message);
    }

    private static void log(CommandContext context, Host host, String line) {
        context.journal().append(JournalEntry.Type.NOTE, SetupCommand.SOURCE, "setup.log", Map.of("host",
                host.name(), "file", "Exchange Server Setup.log", "line", "[" + context.clock().instant() + "] "
                        + line));
    }
}
