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
import io.github.exha.core.error.ExhaException;
import io.github.exha.exchange.clustering.ClusteredServerGroups;
import io.github.exha.exchange.config.DatabaseKind;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.MailboxDatabase;
import io.github.exha.exchange.error.ExchangeErrorCode;
import io.github.exha.exchange.server.InformationStore;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * {@code Remove-MailboxDatabase [-Identity] <DatabaseIdParameter>}, also from the pipeline: deletes a mailbox
 * database's object. Refused while mailboxes are homed on it (the directory's message: move or remove them first)
 * and while it is mounted; both are checked before the prompt, so a refused removal asks nothing. The database file
 * stays on the volume, as in Exchange, and a warning says so. Asks for confirmation by default. On a 2007 clustered
 * mailbox server the database's Database Instance resource is deleted from the CMS group first, so the cluster never
 * holds a resource for a database that no longer exists.
 */
public final class RemoveMailboxDatabase implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Remove-MailboxDatabase", List.of(),
            CommandSyntax.CMDLET, "Delete a dismounted mailbox database that holds no mailboxes.", List.of(
                    ParameterDescriptor.named("Identity", ParameterType.identity("DatabaseIdParameter"),
                            "Server\\Storage Group\\Database.").at(0).required().fromPipeline()),
            true, ConfirmImpact.HIGH, false);

    private final ExchangeDirectory directory;
    private final StoreLocator locator;
    private final DatabaseInstances instances;

    /** A command changing the directory and a CMS's group, which asks the store whether the database is mounted. */
    @Inject
    public RemoveMailboxDatabase(ExchangeDirectory directory, Optional<InformationStore> store,
            Datacenter datacenter, ClusteredServerGroups groups) {
        this.directory = directory;
        this.locator = new StoreLocator(store, directory, datacenter);
        this.instances = new DatabaseInstances(directory, groups);
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        MailboxDatabase database = GetMailboxDatabase.database(directory,
                arguments.identity("Identity").orElseThrow().text(), DatabaseKind.MAILBOX);
        StoreLocator.requireManageable(directory, database.server());
        if (!directory.mailboxes(database.identity()).isEmpty()) {
            // The directory refuses with EMS's message; asked before the prompt so a refused removal asks nothing.
            directory.removeDatabase(database.identity());
        }
        if (locator.isMounted(database.identity())) {
            throw new ExhaException(ExchangeErrorCode.WRONG_STATE, "Database '" + database.identity() + "' is "
                    + "mounted. Dismount it with Dismount-Database before removing it.");
        }
        if (!context.shouldProcess(database.identity(), "Remove-MailboxDatabase")) {
            return;
        }
        if (instances.applies(database)) {
            instances.remove(context, database);
        }
        directory.removeDatabase(database.identity());
        context.warn("The database '" + database.identity() + "' has been removed. Its file '"
                + database.edbFilePath() + "' is still on the server; delete it by hand if it is no longer needed.");
    }
}
