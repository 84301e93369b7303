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
 * {@code Update-StorageGroupCopy [-Identity] <SG> [-StandbyMachine <host>] [-DeleteExistingFiles] [-ManualResume]
 * [-Force]}: seeds (or reseeds) the copy from the source's database file, then resumes replication unless
 * -ManualResume. Refused while log files exist at the copy's log folder, unless -DeleteExistingFiles (which deletes
 * only the files seeding expects).
 */
public final class UpdateStorageGroupCopy implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Update-StorageGroupCopy", List.of(),
            CommandSyntax.CMDLET, "Seed or reseed a storage group copy.", List.of(
                    CopySelector.IDENTITY, CopySelector.STANDBY_MACHINE,
                    ParameterDescriptor.named("DeleteExistingFiles", ParameterType.switchParameter(),
                            "Delete the log files, checkpoint and database copy already at the target."),
                    ParameterDescriptor.named("ManualResume", ParameterType.switchParameter(),
                            "Leave the copy suspended after seeding."),
                    ParameterDescriptor.named("Force", ParameterType.switchParameter(),
                            "Do not ask for confirmation.")),
            true, ConfirmImpact.MEDIUM, false);

    private final ReplicationService service;
    private final ExchangeDirectory directory;

    /** The cmdlet over the replication service. */
    @Inject
    public UpdateStorageGroupCopy(ReplicationService service, ExchangeDirectory directory) {
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
        if (!arguments.flag("Force") && !context.shouldProcess(group.identity(), "Update-StorageGroupCopy")) {
            return;
        }
        context.await(service.seed(copy, group, arguments.flag("DeleteExistingFiles"),
                arguments.flag("ManualResume")));
    }
}
