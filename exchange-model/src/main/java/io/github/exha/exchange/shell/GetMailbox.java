package io.github.exha.exchange.shell;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.Mailbox;
import io.github.exha.exchange.config.MailboxDatabase;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code Get-Mailbox [[-Identity] <MailboxIdParameter>] [-Database <DatabaseIdParameter>] [-Server
 * <ServerIdParameter>]}: mailboxes in creation order, as a table of Name, Alias, ServerName (lower case, as EMS
 * prints it) and ProhibitSendQuota ({@code unlimited}). Piped to {@code Move-Mailbox} (DOMAIN.md §7).
 */
public final class GetMailbox implements Command {
    private static final CommandDescriptor DESCRIPTOR = CommandDescriptor.cmdlet("Get-Mailbox",
            "List mailboxes: name, alias, server, quota.", List.of(
                    ParameterDescriptor.named("Identity", ParameterType.identity("MailboxIdParameter"),
                            "Alias, name, SMTP address or domain/Users/Name.").at(0).fromPipeline(),
                    ParameterDescriptor.named("Database", ParameterType.identity("DatabaseIdParameter"),
                            "Only the mailboxes homed on this database."),
                    ParameterDescriptor.named("Server", ParameterType.identity("ServerIdParameter"),
                            "Only the mailboxes homed on this server.")));

    private final ExchangeDirectory directory;

    /** A command reading the organization's directory. */
    @Inject
    public GetMailbox(ExchangeDirectory directory) {
        this.directory = directory;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        List<Mailbox> mailboxes = arguments.identity("Identity")
                .map(id -> List.of(mailbox(directory, id.text()))).orElseGet(directory::mailboxes);
        if (arguments.has("Database")) {
            String database = directory.database(arguments.identity("Database").orElseThrow().text()).identity();
            mailboxes = mailboxes.stream().filter(m -> m.database().equalsIgnoreCase(database)).toList();
        }
        if (arguments.has("Server")) {
            String server = directory.server(arguments.identity("Server").orElseThrow().text()).name();
            mailboxes = mailboxes.stream()
                    .filter(m -> directory.database(m.database()).server().equalsIgnoreCase(server)).toList();
        }
        for (Mailbox mailbox : mailboxes) {
            MailboxDatabase database = directory.database(mailbox.database());
            context.write(EmsObjects.mailbox(mailbox, database, directory.organization().domain()));
        }
    }

    /**
     * The mailbox an identity names: alias, display name, SMTP address, or the {@code contoso.com/Users/Name} form
     * Get-Mailbox writes as Identity (which is what a pipeline binds).
     */
    static Mailbox mailbox(ExchangeDirectory directory, String identity) {
        String prefix = directory.organization().domain() + "/Users/";
        String wanted = identity.regionMatches(true, 0, prefix, 0, prefix.length())
                ? identity.substring(prefix.length()) : identity;
        return directory.mailbox(wanted);
    }
}
