package io.github.exha.exchange.shell;

import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.exchange.config.DatabaseKind;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.server.InformationStore;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * {@code Get-PublicFolderDatabase [[-Identity] <DatabaseIdParameter>] [-Server] [-StorageGroup] [-Status]}: public
 * folder databases, as a table of Name, Server and StorageGroup ({@code -Status} adds Mounted).
 */
public final class GetPublicFolderDatabase implements Command {
    private final GetMailboxDatabase listing;

    /** A command reading the directory and, with {@code -Status}, the store. */
    @Inject
    public GetPublicFolderDatabase(ExchangeDirectory directory, Optional<InformationStore> store,
            Datacenter datacenter) {
        this.listing = new GetMailboxDatabase(DatabaseKind.PUBLIC_FOLDER, directory,
                new StoreLocator(store, directory, datacenter));
    }

    @Override
    public CommandDescriptor descriptor() {
        return listing.descriptor();
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        listing.invoke(context, arguments);
    }
}
