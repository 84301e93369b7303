package io.github.exha.exchange.shell;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.exchange.config.DatabaseKind;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.MailboxDatabase;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code Set-MailboxDatabase [-Identity] <DatabaseIdParameter> [-AllowFileRestore <$true | $false>] [-MountAtStartup
 * <$true | $false>]}, also fed by {@code Get-MailboxDatabase -Server X | Set-MailboxDatabase
 * -AllowFileRestore:$true} (seed 000). AllowFileRestore is "This database can be overwritten by a restore", which
 * lets the store mount files that belong to another database object (DOMAIN.md §7). Writes nothing.
 */
public final class SetMailboxDatabase implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Set-MailboxDatabase", List.of(),
            CommandSyntax.CMDLET, "Change a mailbox database's settings (AllowFileRestore, MountAtStartup).", List.of(
                    ParameterDescriptor.named("Identity", ParameterType.identity("DatabaseIdParameter"),
                            "Server\\Storage Group\\Database.").at(0).required().fromPipeline(),
                    ParameterDescriptor.named("AllowFileRestore", ParameterType.bool(),
                            "This database can be overwritten by a restore."),
                    ParameterDescriptor.named("MountAtStartup", ParameterType.bool(),
                            "Mount the database when the store starts.")),
            true, ConfirmImpact.MEDIUM, false);

    private final ExchangeDirectory directory;

    /** A command changing the organization's directory. */
    @Inject
    public SetMailboxDatabase(ExchangeDirectory directory) {
        this.directory = directory;
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
        if (!context.shouldProcess(database.identity(), "Set-MailboxDatabase")) {
            return;
        }
        MailboxDatabase changed = database;
        if (arguments.has("AllowFileRestore")) {
            changed = changed.withAllowFileRestore(arguments.flag("AllowFileRestore"));
        }
        if (arguments.has("MountAtStartup")) {
            changed = changed.withMountAtStartup(arguments.flag("MountAtStartup"));
        }
        if (!changed.equals(database)) {
            directory.updateDatabase(changed);
        }
    }
}
