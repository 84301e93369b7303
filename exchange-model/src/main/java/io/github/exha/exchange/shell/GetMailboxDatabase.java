package io.github.exha.exchange.shell;

import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.command.PsObject;
import io.github.exha.exchange.config.DatabaseKind;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.MailboxDatabase;
import io.github.exha.exchange.server.InformationStore;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * {@code Get-MailboxDatabase [[-Identity] <DatabaseIdParameter>] [-Server <ServerIdParameter>] [-StorageGroup
 * <StorageGroupIdParameter>] [-Status]}: mailbox databases in creation order, as a table of Name, Server,
 * StorageGroup and Recovery; {@code -Status} asks the store and adds Mounted. Also {@code Get-PublicFolderDatabase}
 * with the same parameters for public folder databases (table Name, Server, StorageGroup).
 */
public final class GetMailboxDatabase implements Command {
    private final DatabaseKind kind;
    private final CommandDescriptor descriptor;
    private final ExchangeDirectory directory;
    private final StoreLocator locator;

    /** {@code Get-MailboxDatabase}. */
    @Inject
    public GetMailboxDatabase(ExchangeDirectory directory, Optional<InformationStore> store, Datacenter datacenter) {
        this(DatabaseKind.MAILBOX, directory, new StoreLocator(store, directory, datacenter));
    }

    GetMailboxDatabase(DatabaseKind kind, ExchangeDirectory directory, StoreLocator locator) {
        this.kind = kind;
        this.directory = directory;
        this.locator = locator;
        String name = switch (kind) {
            case MAILBOX -> "Get-MailboxDatabase";
            case PUBLIC_FOLDER -> "Get-PublicFolderDatabase";
        };
        this.descriptor = CommandDescriptor.cmdlet(name, "List " + (kind == DatabaseKind.MAILBOX ? "mailbox"
                : "public folder") + " databases; -Status adds whether each is mounted.", List.of(
                        ParameterDescriptor.named("Identity", ParameterType.identity("DatabaseIdParameter"),
                                "Server\\Storage Group\\Database, or a unique name.").at(0).fromPipeline(),
                        ParameterDescriptor.named("Server", ParameterType.identity("ServerIdParameter"),
                                "Only this server's databases."),
                        ParameterDescriptor.named("StorageGroup", ParameterType.identity("StorageGroupIdParameter"),
                                "Only this storage group's databases."),
                        ParameterDescriptor.named("Status", ParameterType.switchParameter(),
                                "Ask the store whether each database is mounted.")));
    }

    @Override
    public CommandDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        List<MailboxDatabase> databases = arguments.identity("Identity")
                .map(id -> List.of(database(directory, id.text(), kind)))
                .orElseGet(() -> directory.databases().stream().filter(d -> d.kind() == kind).toList());
        if (arguments.has("Server")) {
            String server = directory.server(arguments.identity("Server").orElseThrow().text()).name();
            databases = databases.stream().filter(d -> d.server().equalsIgnoreCase(server)).toList();
        }
        if (arguments.has("StorageGroup")) {
            String group = directory.storageGroup(arguments.identity("StorageGroup").orElseThrow().text()).identity();
            databases = databases.stream().filter(d -> d.storageGroupIdentity().equalsIgnoreCase(group)).toList();
        }
        boolean status = arguments.flag("Status");
        for (MailboxDatabase database : databases) {
            Optional<Boolean> mounted = status ? Optional.of(locator.isMounted(database.identity()))
                    : Optional.empty();
            PsObject object = switch (kind) {
                case MAILBOX -> EmsObjects.mailboxDatabase(database, mounted);
                case PUBLIC_FOLDER -> EmsObjects.publicFolderDatabase(database, mounted);
            };
            context.write(object);
        }
    }

    /**
     * The database of this kind an identity names; a database of the other kind is not found, as in EMS.
     *
     * @throws io.github.exha.core.error.ExhaException OBJECT_NOT_FOUND, AMBIGUOUS_IDENTITY
     */
    static MailboxDatabase database(ExchangeDirectory directory, String identity, DatabaseKind kind) {
        MailboxDatabase database = directory.database(identity);
        if (database.kind() != kind) {
            throw directory.notFound(identity);
        }
        return database;
    }
}
