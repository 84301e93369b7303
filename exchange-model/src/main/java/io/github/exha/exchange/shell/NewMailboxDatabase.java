package io.github.exha.exchange.shell;

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
import io.github.exha.exchange.config.StorageGroup;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * {@code New-MailboxDatabase -Name <String> -StorageGroup <StorageGroupIdParameter> [-EdbFilePath <path>]} and
 * {@code New-PublicFolderDatabase} with the same parameters: creates the database object, dismounted as EMS leaves it
 * (mount it with {@code Mount-Database}); the file defaults to {@code <name>.edb} in the storage group's system
 * folder. A server holds one public folder database at most; the directory refuses a second. Writes the new database.
 * On a 2007 clustered mailbox server it also adds the database's Database Instance resource to the CMS group
 * (offline, depending on the Information Store and, on SCC, on the database drive's Physical Disk), as Exchange does;
 * if the cluster refuses the resource, the database object is taken back.
 */
public final class NewMailboxDatabase implements Command {
    private final DatabaseKind kind;
    private final CommandDescriptor descriptor;
    private final ExchangeDirectory directory;
    private final DatabaseInstances instances;

    /** {@code New-MailboxDatabase}, a command changing the organization's directory and a CMS's group. */
    @Inject
    public NewMailboxDatabase(ExchangeDirectory directory, ClusteredServerGroups groups) {
        this(DatabaseKind.MAILBOX, directory, groups);
    }

    NewMailboxDatabase(DatabaseKind kind, ExchangeDirectory directory, ClusteredServerGroups groups) {
        this.kind = kind;
        this.directory = directory;
        this.instances = new DatabaseInstances(directory, groups);
        String what = switch (kind) {
            case MAILBOX -> "mailbox";
            case PUBLIC_FOLDER -> "public folder";
        };
        this.descriptor = new CommandDescriptor(verb(kind), List.of(), CommandSyntax.CMDLET,
                "Create a " + what + " database (dismounted) in a storage group.", List.of(
                        ParameterDescriptor.named("Name", ParameterType.string(), "The database's name.").at(0)
                                .required(),
                        ParameterDescriptor.named("StorageGroup", ParameterType.identity("StorageGroupIdParameter"),
                                "Server\\Storage Group.").required(),
                        ParameterDescriptor.named("EdbFilePath", ParameterType.string(), "The database file.")),
                true, ConfirmImpact.LOW, false);
    }

    private static String verb(DatabaseKind kind) {
        return switch (kind) {
            case MAILBOX -> "New-MailboxDatabase";
            case PUBLIC_FOLDER -> "New-PublicFolderDatabase";
        };
    }

    @Override
    public CommandDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        String name = arguments.string("Name").orElseThrow();
        StorageGroup group = directory.storageGroup(arguments.identity("StorageGroup").orElseThrow().text());
        StoreLocator.requireManageable(directory, group.server());
        String path = arguments.string("EdbFilePath").orElse(group.systemFolderPath() + "\\" + name + ".edb");
        if (!context.shouldProcess(group.identity() + "\\" + name, descriptor.name())) {
            return;
        }
        MailboxDatabase database = directory.addDatabase(group.identity(), name, path, kind);
        if (instances.applies(database)) {
            try {
                instances.add(database);
            } catch (ExhaException refused) {
                directory.removeDatabase(database.identity());
                throw refused;
            }
        }
        context.write(switch (kind) {
            case MAILBOX -> EmsObjects.mailboxDatabase(database, Optional.empty());
            case PUBLIC_FOLDER -> EmsObjects.publicFolderDatabase(database, Optional.empty());
        });
    }
}
