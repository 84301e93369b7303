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
import io.github.exha.exchange.config.Mailbox;
import io.github.exha.exchange.config.MailboxDatabase;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code Remove-Mailbox [-Identity] <MailboxIdParameter>}, also fed by {@code Get-Mailbox -Database X |
 * Remove-Mailbox}: removes the mailbox and its user from the directory, which is what lets Remove-MailboxDatabase go
 * ahead. Asks for confirmation by default with EMS's sentence, which warns that the user object goes too. Writes
 * nothing.
 */
public final class RemoveMailbox implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Remove-Mailbox", List.of(),
            CommandSyntax.CMDLET, "Remove a mailbox and its user.", List.of(
                    ParameterDescriptor.named("Identity", ParameterType.identity("MailboxIdParameter"),
                            "The mailbox.").at(0).required().fromPipeline()),
            true, ConfirmImpact.HIGH, false);

    private final ExchangeDirectory directory;

    /** A command changing the organization's directory. */
    @Inject
    public RemoveMailbox(ExchangeDirectory directory) {
        this.directory = directory;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        Mailbox mailbox = GetMailbox.mailbox(directory, arguments.identity("Identity").orElseThrow().text());
        MailboxDatabase database = directory.database(mailbox.database());
        StoreLocator.requireManageable(directory, database.server());
        String canonicalName = directory.organization().domain() + "/Users/" + mailbox.name();
        if (context.shouldProcess(canonicalName, "Remove-Mailbox", ConfirmationMessages.removeMailbox(canonicalName))) {
            directory.removeMailbox(mailbox.alias());
        }
    }
}
