package io.github.exha.exchange.shell;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.exchange.clustering.ClusteredServerGroups;
import io.github.exha.exchange.config.DatabaseKind;
import io.github.exha.exchange.config.ExchangeDirectory;
import jakarta.inject.Inject;

/**
 * {@code New-PublicFolderDatabase -Name <String> -StorageGroup <StorageGroupIdParameter> [-EdbFilePath <path>]}: one
 * per server, dismounted when created; see {@link NewMailboxDatabase}.
 */
public final class NewPublicFolderDatabase implements Command {
    private final NewMailboxDatabase creation;

    /** A command changing the organization's directory and a CMS's group. */
    @Inject
    public NewPublicFolderDatabase(ExchangeDirectory directory, ClusteredServerGroups groups) {
        this.creation = new NewMailboxDatabase(DatabaseKind.PUBLIC_FOLDER, directory, groups);
    }

    @Override
    public CommandDescriptor descriptor() {
        return creation.descriptor();
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        creation.invoke(context, arguments);
    }
}
