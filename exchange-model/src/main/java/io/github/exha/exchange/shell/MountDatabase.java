package io.github.exha.exchange.shell;

import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.Operation;
import io.github.exha.exchange.clustering.ClusteredServerGroups;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeServer;
import io.github.exha.exchange.config.ExchangeVersion;
import io.github.exha.exchange.config.MailboxDatabase;
import io.github.exha.exchange.config.ServerKind;
import io.github.exha.exchange.server.InformationStore;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * {@code Mount-Database [-Identity] <DatabaseIdParameter>} and {@code Dismount-Database [-Identity]
 * <DatabaseIdParameter>}, for mailbox and public folder databases, also from the pipeline. The store does the work
 * (recovery on mount, clean shutdown on dismount) and its refusals (a store that does not run, files of another
 * database without AllowFileRestore, ...) pass through as they are. Dismount-Database asks for confirmation by
 * default, as EMS does, with EMS's sentence ("Dismounting database ... reduced availability ..."); both honour
 * {@code -WhatIf}. Nothing is written.
 *
 * <p>On an Exchange 2007 clustered mailbox server the cluster owns the mount state: the cmdlets bring the database's
 * Database Instance resource online or take it offline and wait for it. Dismounting behind the cluster's back would
 * not last: the resource's IsAlive would find the database dismounted, fail the resource, and the cluster would
 * restart it and mount the database again. A resource that fails to come online or go offline is reported as
 * CLUSTER_RESOURCE_FAILED with the cluster's reason.
 */
public final class MountDatabase implements Command {
    private final boolean mount;
    private final CommandDescriptor descriptor;
    private final ExchangeDirectory directory;
    private final StoreLocator locator;
    private final ClusteredServerGroups groups;

    /** {@code Mount-Database}, driving the store, or a CMS's Database Instance resources through its cluster. */
    @Inject
    public MountDatabase(ExchangeDirectory directory, Optional<InformationStore> store, Datacenter datacenter,
            ClusteredServerGroups groups) {
        this(true, directory, new StoreLocator(store, directory, datacenter), groups);
    }

    MountDatabase(boolean mount, ExchangeDirectory directory, StoreLocator locator, ClusteredServerGroups groups) {
        this.mount = mount;
        this.directory = directory;
        this.locator = locator;
        this.groups = groups;
        this.descriptor = new CommandDescriptor(mount ? "Mount-Database" : "Dismount-Database", List.of(),
                CommandSyntax.CMDLET, mount ? "Mount a database (the store replays its logs)."
                        : "Dismount a database with a clean shutdown.", List.of(
                        ParameterDescriptor.named("Identity", ParameterType.identity("DatabaseIdParameter"),
                                "Server\\Storage Group\\Database.").at(0).required().fromPipeline()),
                true, mount ? ConfirmImpact.LOW : ConfirmImpact.HIGH, false);
    }

    @Override
    public CommandDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        MailboxDatabase database = directory.database(arguments.identity("Identity").orElseThrow().text());
        StoreLocator.requireManageable(directory, database.server());
        ExchangeServer server = directory.server(database.server());
        boolean throughCluster = isClusterManaged(server);
        InformationStore store = throughCluster ? null : locator.store(database.server());
        // Mount-Database's own sentence is not known, so it keeps PowerShell's generic one.
        boolean yes = mount ? context.shouldProcess(database.identity(), descriptor.name())
                : context.shouldProcess(database.identity(), descriptor.name(),
                        ConfirmationMessages.dismountDatabase(database.identity()));
        if (!yes) {
            return;
        }
        if (throughCluster) {
            changeResource(context, server, database);
        } else if (mount) {
            context.await(store.mount(database.identity()));
        } else {
            context.await(store.dismount(database.identity()));
        }
    }

    /** Whether a server's databases are mounted by Database Instance resources: a 2007 CMS whose group exists. */
    static boolean isClusterManaged(ExchangeServer server, ClusteredServerGroups groups) {
        return server.kind() == ServerKind.CLUSTERED_MAILBOX_SERVER && server.version() == ExchangeVersion.EXCHANGE_2007
                && groups.exists(server);
    }

    private boolean isClusterManaged(ExchangeServer server) {
        return isClusterManaged(server, groups);
    }

    private void changeResource(CommandContext context, ExchangeServer server, MailboxDatabase database) {
        FailoverCluster cluster = groups.clusterOf(server);
        String resource = ClusteredServerGroups.databaseInstanceResource(server.name(), database);
        String action = mount ? "bring the cluster resource '" + resource + "' online"
                : "take the cluster resource '" + resource + "' offline";
        try {
            Operation<Void> change = mount ? cluster.onlineResource(resource) : cluster.offlineResource(resource);
            context.await(change);
        } catch (ExhaException failed) {
            String what = mount ? "mount" : "dismount";
            throw new ExhaException(ShellErrorCode.CLUSTER_RESOURCE_FAILED, "Exchange is unable to " + what
                    + " the database that you specified. Specified database: " + database.identity() + "; Error: "
                    + "could not " + action + " on cluster " + cluster.name() + ". " + failed.getMessage(),
                    failed.nativeCode().orElse(null), null, failed);
        }
    }
}
