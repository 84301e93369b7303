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
import io.github.exha.exchange.config.ClusteredStorageType;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeServer;
import io.github.exha.exchange.config.MailboxDatabase;
import io.github.exha.exchange.error.ExchangeErrorCode;
import io.github.exha.exchange.server.InformationStore;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * {@code Move-DatabasePath [-Identity] <DatabaseIdParameter> -EdbFilePath <path> [-ConfigurationOnly]} (DOMAIN.md §7,
 * seed 004).
 *
 * <ul>
 *   <li>On a CCR clustered mailbox server (ClusteredStorageType NonShared) it is refused without
 *       {@code -ConfigurationOnly}, with EMS's message: the files exist on both nodes and must be moved by hand.
 *   <li>With {@code -ConfigurationOnly} only the directory changes; the database must be dismounted.
 *   <li>Otherwise (stand-alone, SCC) the database is dismounted if mounted, its file is moved on the host holding it
 *       (the server's host, or the node running its store), the directory is changed, and the database is mounted
 *       again if it was. A database never mounted has no file yet; only its path changes.
 * </ul>
 * Everything is checked before anything changes; asks for confirmation by default.
 */
public final class MoveDatabasePath implements Command {
    /** EMS's refusal of a file move on a CCR clustered mailbox server. */
    static final String CCR_REFUSAL = "This operation cannot be performed on a remote server or a clustered mailbox "
            + "server in a cluster continuous replication environment. Please use the -ConfigurationOnly option and "
            + "then manually move the files.";

    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Move-DatabasePath", List.of(),
            CommandSyntax.CMDLET, "Move a database file (or, with -ConfigurationOnly, only its path in AD).", List.of(
                    ParameterDescriptor.named("Identity", ParameterType.identity("DatabaseIdParameter"),
                            "Server\\Storage Group\\Database.").at(0).required().fromPipeline(),
                    ParameterDescriptor.named("EdbFilePath", ParameterType.string(), "The new database file.")
                            .required(),
                    ParameterDescriptor.named("ConfigurationOnly", ParameterType.switchParameter(),
                            "Change only the path in Active Directory; move the files by hand.")),
            true, ConfirmImpact.HIGH, false);

    private final ExchangeDirectory directory;
    private final StoreLocator locator;

    /** A command changing the directory and the files on the server's volumes. */
    @Inject
    public MoveDatabasePath(ExchangeDirectory directory, Optional<InformationStore> store, Datacenter datacenter) {
        this.directory = directory;
        this.locator = new StoreLocator(store, directory, datacenter);
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        MailboxDatabase database = directory.database(arguments.identity("Identity").orElseThrow().text());
        StoreLocator.requireManageable(directory, database.server());
        ExchangeServer server = directory.server(database.server());
        String newPath = arguments.string("EdbFilePath").orElseThrow();
        MailboxDatabase moved = valid(() -> database.withEdbFilePath(newPath));
        boolean configurationOnly = arguments.flag("ConfigurationOnly");
        requireMovable(server, configurationOnly);
        boolean mounted = locator.isMounted(database.identity());
        if (configurationOnly && mounted) {
            throw new ExhaException(ExchangeErrorCode.WRONG_STATE, "Database '" + database.identity() + "' is mounted."
                    + " Dismount it before changing its path with the ConfigurationOnly parameter.");
        }
        if (configurationOnly) {
            if (context.shouldProcess(database.identity(), "Move-DatabasePath")) {
                directory.updateDatabase(moved);
            }
            return;
        }
        FileRelocation files = new FileRelocation(context, locator.filesHost(server));
        List<FileRelocation.Move> moves = files.existing(List.of(new FileRelocation.Move(database.edbFilePath(),
                newPath)));
        files.check(moves);
        if (!context.shouldProcess(database.identity(), "Move-DatabasePath")) {
            return;
        }
        InformationStore store = locator.store(server.name());
        if (mounted) {
            context.await(store.dismount(database.identity()));
        }
        files.move(moves);
        directory.updateDatabase(moved);
        if (mounted) {
            context.await(store.mount(database.identity()));
        }
    }

    /** Refuses a file move on a CCR clustered mailbox server (DOMAIN.md §7). */
    static void requireMovable(ExchangeServer server, boolean configurationOnly) {
        if (!configurationOnly && server.clusteredStorageType() == ClusteredStorageType.NON_SHARED) {
            throw new ExhaException(ExchangeErrorCode.NOT_SUPPORTED, CCR_REFUSAL);
        }
    }

    /** Builds a changed record, turning its validation failure into EMS's typed refusal. */
    static <T> T valid(java.util.function.Supplier<T> change) {
        try {
            return change.get();
        } catch (IllegalArgumentException e) {
            throw new ExhaException(ExchangeErrorCode.INVALID_ARGUMENT, e.getMessage());
        }
    }
}
