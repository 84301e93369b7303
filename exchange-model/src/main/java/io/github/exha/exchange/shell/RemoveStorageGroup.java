package io.github.exha.exchange.shell;

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
 * {@code Remove-StorageGroup [-Identity] <StorageGroupIdParameter>}: deletes an empty storage group's object (its
 * log files stay on disk, as in Exchange). Asks for confirmation by default; refused while it holds databases.
 */
public final class RemoveStorageGroup implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Remove-StorageGroup", List.of(),
            CommandSyntax.CMDLET, "Delete an empty storage group.", List.of(
                    ParameterDescriptor.named("Identity", ParameterType.identity("StorageGroupIdParameter"),
                            "Server\\Storage Group.").at(0).required().fromPipeline()),
            true, ConfirmImpact.HIGH, false);

    private final ExchangeDirectory directory;

    /** A command changing the organization's directory. */
    @Inject
    public RemoveStorageGroup(ExchangeDirectory directory) {
        this.directory = directory;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        StorageGroup group = directory.storageGroup(arguments.identity("Identity").orElseThrow().text());
        StoreLocator.requireManageable(directory, group.server());
        if (!directory.databases(group.identity()).isEmpty()) {
            // The directory refuses too; checked before the prompt so a refused removal asks nothing.
            directory.removeStorageGroup(group.identity());
        }
        if (context.shouldProcess(group.identity(), "Remove-StorageGroup")) {
            directory.removeStorageGroup(group.identity());
        }
    }
}
