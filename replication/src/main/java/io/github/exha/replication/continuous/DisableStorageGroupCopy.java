package io.github.exha.replication.continuous;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.error.ExhaException;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ReplicationKind;
import io.github.exha.exchange.config.StorageGroup;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code Disable-StorageGroupCopy [-Identity] <SG> [-StandbyMachine <host>]}: removes an LCR copy (the storage group
 * is no longer Replicated) or the SCR copy on the standby machine; the copy's files stay. CHOICE: a CCR copy cannot
 * be disabled (it exists as long as the CMS has a passive node).
 */
public final class DisableStorageGroupCopy implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Disable-StorageGroupCopy", List.of(),
            CommandSyntax.CMDLET, "Disable LCR or an SCR copy of a storage group.", List.of(
                    CopySelector.IDENTITY, CopySelector.STANDBY_MACHINE),
            true, ConfirmImpact.MEDIUM, false);

    private final ReplicationService service;
    private final ExchangeDirectory directory;

    /** The cmdlet over the replication service. */
    @Inject
    public DisableStorageGroupCopy(ReplicationService service, ExchangeDirectory directory) {
        this.service = service;
        this.directory = directory;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        StorageGroup group = directory.storageGroup(arguments.identity("Identity").orElseThrow().text());
        StorageGroupCopy copy = CopySelector.require(service, group, arguments);
        if (copy.kind() != CopyKind.CLUSTER
                && !context.shouldProcess(group.identity(), "Disable-StorageGroupCopy")) {
            return;
        }
        switch (copy.kind()) {
            case CLUSTER -> throw new ExhaException(ReplicationErrorCode.NOT_REPLICABLE, "Storage group '"
                    + group.identity() + "' is on a clustered mailbox server in a cluster continuous replication "
                    + "environment; its copy cannot be disabled. Use Suspend-StorageGroupCopy.");
            case LOCAL -> directory.updateStorageGroup(group.withReplicated(ReplicationKind.NONE));
            case STANDBY -> {
                // The standby copy leaves no mark on the storage group's Replicated attribute.
            }
        }
        service.disable(copy);
    }
}
