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
import io.github.exha.core.command.PsObject;
import io.github.exha.core.error.ExhaException;
import io.github.exha.exchange.config.DatabaseKind;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.Mailbox;
import io.github.exha.exchange.config.MailboxDatabase;
import io.github.exha.exchange.error.ExchangeErrorCode;
import io.github.exha.exchange.server.InformationStore;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code Move-Mailbox [-Identity] <MailboxIdParameter> -TargetDatabase <DatabaseIdParameter> [-ConfigurationOnly]},
 * also fed by {@code Get-Mailbox -Database X | Move-Mailbox -ConfigurationOnly -TargetDatabase Y} (database
 * portability and seed 000's site activation, DOMAIN.md §7).
 *
 * <p>With {@code -ConfigurationOnly} only the mailbox's home database changes in the directory, whatever the
 * databases' state: the content is expected to be in the target's files already. Without it the move is a real one,
 * which needs both databases mounted; exha models the content's transfer as the re-homing itself once both are
 * mounted (message bodies are synthetic, so nothing else has to be copied). Asks for confirmation by default, as
 * EMS does, and writes one result per mailbox.
 */
public final class MoveMailbox implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Move-Mailbox", List.of(),
            CommandSyntax.CMDLET, "Move a mailbox to another database (-ConfigurationOnly: re-home it in AD only).",
            List.of(ParameterDescriptor.named("Identity", ParameterType.identity("MailboxIdParameter"),
                            "The mailbox.").at(0).required().fromPipeline(),
                    ParameterDescriptor.named("TargetDatabase", ParameterType.identity("DatabaseIdParameter"),
                            "The mailbox database it moves to.").required(),
                    ParameterDescriptor.named("ConfigurationOnly", ParameterType.switchParameter(),
                            "Change only the mailbox's home database in Active Directory.")),
            true, ConfirmImpact.HIGH, false);

    private final ExchangeDirectory directory;
    private final StoreLocator locator;

    /** A command changing the directory, which checks the store for a real move. */
    @Inject
    public MoveMailbox(ExchangeDirectory directory, Optional<InformationStore> store, Datacenter datacenter) {
        this.directory = directory;
        this.locator = new StoreLocator(store, directory, datacenter);
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        Mailbox mailbox = GetMailbox.mailbox(directory, arguments.identity("Identity").orElseThrow().text());
        MailboxDatabase source = directory.database(mailbox.database());
        MailboxDatabase target = GetMailboxDatabase.database(directory,
                arguments.identity("TargetDatabase").orElseThrow().text(), DatabaseKind.MAILBOX);
        StoreLocator.requireManageable(directory, target.server());
        boolean configurationOnly = arguments.flag("ConfigurationOnly");
        if (source.identity().equalsIgnoreCase(target.identity())) {
            throw new ExhaException(ExchangeErrorCode.INVALID_ARGUMENT, "The mailbox '" + mailbox.name()
                    + "' is already in the target database '" + target.identity() + "'.");
        }
        if (!configurationOnly) {
            for (MailboxDatabase database : List.of(source, target)) {
                if (!locator.isMounted(database.identity())) {
                    throw new ExhaException(ExchangeErrorCode.WRONG_STATE, "Failed to open the mailbox '"
                            + mailbox.name() + "' for the move: database '" + database.identity() + "' is not "
                            + "mounted. Mount it, or use -ConfigurationOnly to change only the mailbox's home "
                            + "database.");
                }
            }
        }
        if (!context.shouldProcess(mailbox.name(), "Move-Mailbox")) {
            return;
        }
        Instant start = context.clock().instant();
        directory.moveMailbox(mailbox.alias(), target.identity());
        context.write(PsObject.builder("Microsoft.Exchange.Management.RecipientTasks.MoveMailboxResult")
                .add("Identity", directory.organization().domain() + "/Users/" + mailbox.name())
                .add("DisplayName", mailbox.name())
                .add("Alias", mailbox.alias())
                .add("PrimarySmtpAddress", mailbox.primarySmtpAddress())
                .add("SourceServer", source.server())
                .add("SourceDatabase", source.identity())
                .add("TargetServer", target.server())
                .add("TargetDatabase", target.identity())
                .add("MoveType", "IntraOrg")
                .add("MoveStage", "Completed")
                .add("StartTime", start)
                .add("EndTime", context.clock().instant())
                .add("StatusCode", 0)
                .add("StatusMessage", "This mailbox has been moved to the target database.")
                .view(PsObject.View.LIST)
                .build());
    }
}
