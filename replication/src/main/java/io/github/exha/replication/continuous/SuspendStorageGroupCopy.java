package io.github.exha.replication.continuous;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.StorageGroup;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code Suspend-StorageGroupCopy [-Identity] <SG> [-StandbyMachine <host>] [-SuspendComment <text>]}: no copy or
 * replay I/O until Resume-StorageGroupCopy; status Suspended; the comment goes to the event log. Suspending twice is
 * not an error (DOMAIN.md §2).
 */
public final class SuspendStorageGroupCopy implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Suspend-StorageGroupCopy", List.of(),
            CommandSyntax.CMDLET, "Suspend copying and replay of a storage group copy.", List.of(
                    CopySelector.IDENTITY, CopySelector.STANDBY_MACHINE,
                    ParameterDescriptor.named("SuspendComment", ParameterType.string(),
                            "Why; written to the event log.")),
            true, ConfirmImpact.MEDIUM, false);

    private final ReplicationService service;
    private final ExchangeDirectory directory;

    /** The cmdlet over the replication service. */
    @Inject
    public SuspendStorageGroupCopy(ReplicationService service, ExchangeDirectory directory) {
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
        if (!context.shouldProcess(group.identity(), "Suspend-StorageGroupCopy")) {
            return;
        }
        service.suspend(copy, arguments.string("SuspendComment").orElse(""));
    }
}
