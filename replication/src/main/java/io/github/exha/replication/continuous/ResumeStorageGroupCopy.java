package io.github.exha.replication.continuous;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.StorageGroup;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code Resume-StorageGroupCopy [-Identity] <SG> [-StandbyMachine <host>]}: copying and replay pick up where they
 * stopped. A failed copy needs Update-StorageGroupCopy instead.
 */
public final class ResumeStorageGroupCopy implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Resume-StorageGroupCopy", List.of(),
            CommandSyntax.CMDLET, "Resume a suspended storage group copy.", List.of(
                    CopySelector.IDENTITY, CopySelector.STANDBY_MACHINE),
            true, ConfirmImpact.MEDIUM, false);

    private final ReplicationService service;
    private final ExchangeDirectory directory;

    /** The cmdlet over the replication service. */
    @Inject
    public ResumeStorageGroupCopy(ReplicationService service, ExchangeDirectory directory) {
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
        if (!context.shouldProcess(group.identity(), "Resume-StorageGroupCopy")) {
            return;
        }
        service.resume(copy);
    }
}
