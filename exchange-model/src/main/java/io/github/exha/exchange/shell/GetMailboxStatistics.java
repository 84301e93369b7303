package io.github.exha.exchange.shell;

import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.error.ExhaException;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.Mailbox;
import io.github.exha.exchange.config.MailboxDatabase;
import io.github.exha.exchange.server.InformationStore;
import io.github.exha.exchange.server.MailboxUsage;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code Get-MailboxStatistics [[-Identity] <GeneralMailboxIdParameter>] [-Database <DatabaseIdParameter>] [-Server
 * <ServerIdParameter>]} (EMS 2007): per mailbox, the items and bytes its database holds now, asked of the Information
 * Store. The table shows DisplayName, ItemCount, StorageLimitStatus and LastLogonTime; {@code | fl} adds
 * TotalItemSize, Database, ServerName and the rest. A mailbox that holds no mail has no mailbox in the store yet, so it
 * is left out of a listing and, named with {@code -Identity}, draws EMS's warning instead. A database that is not
 * mounted cannot be read: the cmdlet fails with the store's MAPI error.
 */
public final class GetMailboxStatistics implements Command {
    private static final CommandDescriptor DESCRIPTOR = CommandDescriptor.cmdlet("Get-MailboxStatistics",
            "Items and size of mailboxes, from their mounted databases.", List.of(
                    ParameterDescriptor.named("Identity", ParameterType.identity("GeneralMailboxIdParameter"),
                            "Alias, name, SMTP address or domain/Users/Name.").at(0).fromPipeline(),
                    ParameterDescriptor.named("Database", ParameterType.identity("DatabaseIdParameter"),
                            "Every mailbox of this database."),
                    ParameterDescriptor.named("Server", ParameterType.identity("ServerIdParameter"),
                            "Every mailbox of this server's databases.")));

    private final ExchangeDirectory directory;
    private final StoreLocator locator;

    /** A command reading the directory and asking the store what each database holds. */
    @Inject
    public GetMailboxStatistics(ExchangeDirectory directory, Optional<InformationStore> store,
            Datacenter datacenter) {
        this.directory = directory;
        this.locator = new StoreLocator(store, directory, datacenter);
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        boolean named = arguments.has("Identity");
        List<Mailbox> mailboxes = arguments.identity("Identity")
                .map(id -> List.of(GetMailbox.mailbox(directory, id.text()))).orElseGet(directory::mailboxes);
        if (arguments.has("Database")) {
            String database = directory.database(arguments.identity("Database").orElseThrow().text()).identity();
            mailboxes = mailboxes.stream().filter(m -> m.database().equalsIgnoreCase(database)).toList();
        }
        if (arguments.has("Server")) {
            String server = directory.server(arguments.identity("Server").orElseThrow().text()).name();
            mailboxes = mailboxes.stream()
                    .filter(m -> directory.database(m.database()).server().equalsIgnoreCase(server)).toList();
        }
        // Each database is asked once, in the order its first mailbox comes.
        Map<String, Map<String, MailboxUsage>> held = new LinkedHashMap<>();
        for (Mailbox mailbox : mailboxes) {
            MailboxDatabase database = directory.database(mailbox.database());
            Map<String, MailboxUsage> usage = held.computeIfAbsent(database.identity().toLowerCase(
                    java.util.Locale.ROOT), key -> usage(database));
            MailboxUsage mine = usage.get(mailbox.alias());
            if (mine != null) {
                context.write(EmsObjects.mailboxStatistics(mailbox, database, mine));
            } else if (named) {
                context.warn("The user hasn't logged on to mailbox '" + directory.organization().domain() + "/Users/"
                        + mailbox.name() + "' ('" + mailbox.guid() + "'), so there is no data to return. After the "
                        + "user logs on, this warning will no longer appear.");
            }
        }
    }

    private Map<String, MailboxUsage> usage(MailboxDatabase database) {
        InformationStore store = locator.store(database.server());
        // CHOICE: EMS's exact text for a dismounted database is not in DOMAIN.md; the store's MAPI error for an
        // unreachable store (the one Mount-Database reports when no store runs) says what happened.
        List<MailboxUsage> usage = store.mailboxUsage(database.identity()).orElseThrow(() -> new ExhaException(
                ShellErrorCode.DATABASE_NOT_MOUNTED, "Failed to read the mailbox statistics of database '"
                        + database.identity() + "': the database is not mounted. Error code: MapiExceptionNetworkError:"
                        + " Unable to make admin interface connection to server. (hr=0x80040115, ec=-2147221227)"));
        Map<String, MailboxUsage> byMailbox = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        usage.forEach(u -> byMailbox.put(u.mailbox(), u));
        return byMailbox;
    }
}
