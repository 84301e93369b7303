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
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.Mailbox;
import io.github.exha.exchange.config.MailboxDatabase;
import io.github.exha.exchange.error.ExchangeErrorCode;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code New-Mailbox -Name <String> [-Alias <String>] -Database <DatabaseIdParameter> [-UserPrincipalName <String>]}:
 * a mailbox-enabled user homed on a mailbox database. The alias defaults to the name without spaces; the user
 * principal name is checked ({@code user@domain}) but the directory keeps only the SMTP address. Writes the mailbox.
 */
public final class NewMailbox implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("New-Mailbox", List.of(),
            CommandSyntax.CMDLET, "Create a mailbox-enabled user on a mailbox database.", List.of(
                    ParameterDescriptor.named("Name", ParameterType.string(), "The display name.").at(0).required(),
                    ParameterDescriptor.named("Alias", ParameterType.string(), "The alias, unique in the organization."),
                    ParameterDescriptor.named("Database", ParameterType.identity("DatabaseIdParameter"),
                            "The mailbox database that holds it.").required(),
                    ParameterDescriptor.named("UserPrincipalName", ParameterType.string(), "user@domain.")),
            true, ConfirmImpact.LOW, false);

    private final ExchangeDirectory directory;

    /** A command changing the organization's directory. */
    @Inject
    public NewMailbox(ExchangeDirectory directory) {
        this.directory = directory;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(Arguments arguments) {
        arguments.string("UserPrincipalName").filter(upn -> !upn.matches("[^@\\s]+@[^@\\s]+")).ifPresent(upn -> {
            throw new IllegalArgumentException("Cannot validate argument on parameter 'UserPrincipalName'. The user "
                    + "principal name '" + upn + "' is not valid; use the form user@domain.");
        });
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        String name = arguments.string("Name").orElseThrow();
        String alias = arguments.string("Alias").orElse(name.replace(" ", ""));
        MailboxDatabase database = directory.database(arguments.identity("Database").orElseThrow().text());
        StoreLocator.requireManageable(directory, database.server());
        if (directory.mailboxes().stream().anyMatch(m -> m.alias().equalsIgnoreCase(alias))) {
            throw new ExhaException(ExchangeErrorCode.DUPLICATE_NAME, "The alias '" + alias
                    + "' is already being used by another mailbox in the organization.");
        }
        if (!context.shouldProcess(name, "New-Mailbox")) {
            return;
        }
        Mailbox mailbox = directory.addMailbox(name, alias, database.identity());
        context.write(EmsObjects.mailbox(mailbox, database, directory.organization().domain()));
    }
}
