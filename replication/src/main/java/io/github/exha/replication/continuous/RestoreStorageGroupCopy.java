package io.github.exha.replication.continuous;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.network.HostConnectivity;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.MailboxDatabase;
import io.github.exha.exchange.config.ReplicationKind;
import io.github.exha.exchange.config.StorageGroup;
import io.github.exha.exchange.server.InformationStore;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code Restore-StorageGroupCopy [-Identity] <SG> [-StandbyMachine <host>] [-Force] [-ReplaceLocations]}: the
 * activation step of a passive copy, run before {@code Mount-Database} (DOMAIN.md §2).
 *
 * <ul>
 *   <li>Source reachable: every database of the storage group must be dismounted; the remaining closed logs and the
 *       current log are copied to the copy, everything is replayed, and the copy is disabled: its files are ready for
 *       the storage group to mount.</li>
 *   <li>Source unreachable: refused without {@code -Force} ("Failed to copy remaining log files ... Microsoft Exchange
 *       Replication service RPC failed"); with {@code -Force} it warns that data loss is expected and activates the
 *       copy with what it has, replaying every copied log whatever ReplayLagTime and SCR's 50-log hold say.</li>
 *   <li>LCR with {@code -ReplaceLocations}: the storage group's and the database's paths become the copy's, so the
 *       database mounts from the copy's files.</li>
 * </ul>
 *
 * <p>CHOICE: the database is left Dirty Shutdown requiring only its current log, which {@code Mount-Database}'s
 * recovery replays (its records are already in the file, so nothing is added twice); the store's model has no way for
 * the replication service to stamp a database Clean Shutdown.
 */
public final class RestoreStorageGroupCopy implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Restore-StorageGroupCopy", List.of(),
            CommandSyntax.CMDLET, "Activate the LCR, CCR or SCR copy of a storage group so that its database can be "
            + "mounted from it.", List.of(
                    CopySelector.IDENTITY, CopySelector.STANDBY_MACHINE,
                    ParameterDescriptor.named("Force", ParameterType.switchParameter(),
                            "Activate even though the source cannot be reached (data loss is expected)."),
                    ParameterDescriptor.named("ReplaceLocations", ParameterType.switchParameter(),
                            "LCR: make the copy's paths the storage group's and the database's production paths.")),
            true, ConfirmImpact.HIGH, false);

    private final ReplicationService service;
    private final ExchangeDirectory directory;
    private final Datacenter datacenter;
    private final HostConnectivity connectivity;
    private final Kernel kernel;
    private final Optional<InformationStore> store;

    /** The cmdlet over the replication service. */
    @Inject
    public RestoreStorageGroupCopy(ReplicationService service, ExchangeDirectory directory, Datacenter datacenter,
            HostConnectivity connectivity, Kernel kernel, Optional<InformationStore> store) {
        this.service = service;
        this.directory = directory;
        this.datacenter = datacenter;
        this.connectivity = connectivity;
        this.kernel = kernel;
        this.store = store;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        StorageGroup group = directory.storageGroup(arguments.identity("Identity").orElseThrow().text());
        StorageGroupCopy copy = CopySelector.require(service, group, arguments);
        boolean force = arguments.flag("Force");
        boolean replace = arguments.flag("ReplaceLocations");
        if (replace && copy.kind() != CopyKind.LOCAL) {
            throw new ExhaException(ReplicationErrorCode.INVALID_ARGUMENT, "-ReplaceLocations applies to local "
                    + "continuous replication only; the copy of '" + group.identity() + "' on '" + copy.targetMachine()
                    + "' uses the same paths as the source.");
        }
        if (!copy.isSeeded() || copy.isSeeding()) {
            throw new ExhaException(ReplicationErrorCode.ACTIVATION_REFUSED, "The copy of storage group '"
                    + group.identity() + "' on '" + copy.targetMachine() + "' has no seeded database to restore. "
                    + "Run Update-StorageGroupCopy first.");
        }
        Host target = datacenter.host(copy.targetMachine());
        if (!target.isRunning()) {
            throw ReplicationService.unreachable(target);
        }
        Optional<Host> source = service.sourceHost(group).filter(Host::isRunning).filter(host -> host.name()
                .equalsIgnoreCase(target.name()) || connectivity.reachesOnAnyNetwork(host, target));
        if (source.isEmpty() && !force) {
            throw new ExhaException(ReplicationErrorCode.ACTIVATION_REFUSED, "Failed to copy remaining log files "
                    + "for storage group '" + group.identity() + "' from the source server '" + group.server()
                    + "': Microsoft Exchange Replication service RPC failed. If the source server cannot be "
                    + "reached, use the -Force parameter to restore the copy with the logs it has.");
        }
        if (source.isPresent()) {
            for (MailboxDatabase database : directory.databases(group.identity())) {
                if (store.map(s -> s.isMounted(database.identity())).orElse(false)) {
                    throw new ExhaException(ReplicationErrorCode.ACTIVATION_REFUSED, "Database '"
                            + database.identity() + "' is mounted. Dismount it (Dismount-Database) before running "
                            + "Restore-StorageGroupCopy on storage group '" + group.identity() + "'.");
                }
            }
        }
        if (!context.shouldProcess(group.identity(), "Restore-StorageGroupCopy")) {
            return;
        }
        if (source.isEmpty()) {
            context.warn("The source of storage group '" + group.identity() + "' cannot be reached. The copy on '"
                    + target.name() + "' is restored with the log files it has: data loss is expected for storage "
                    + "group '" + group.identity() + "'.");
        }
        long lastInspectedBefore = copy.lastInspected();
        CopyActivation activation = new CopyActivation(kernel, connectivity, copy, group, target, source);
        long current = context.await(activation.start());
        service.disable(copy);
        if (copy.kind() == CopyKind.LOCAL) {
            StorageGroup updated = group.withReplicated(ReplicationKind.NONE);
            if (replace) {
                updated = updated.withPaths(copy.paths().logFolder(), copy.paths().systemFolder());
                for (MailboxDatabase database : directory.databases(group.identity())) {
                    directory.updateDatabase(database.withEdbFilePath(copy.paths().edbFile()));
                }
            }
            directory.updateStorageGroup(updated);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("storageGroup", group.identity());
        attributes.put("target", target.name());
        attributes.put("sourceReachable", Boolean.toString(source.isPresent()));
        attributes.put("copiedLogs", Integer.toString(activation.copiedLogs()));
        attributes.put("replayedLogs", Integer.toString(activation.replayedLogs()));
        attributes.put("lastInspectedBefore", Long.toString(lastInspectedBefore));
        attributes.put("currentGeneration", Long.toString(current));
        attributes.put("replaceLocations", Boolean.toString(replace));
        kernel.journal().append(JournalEntry.Type.EVENT_LOG, ReplicationService.SOURCE, "copy.restored", attributes);
    }
}
