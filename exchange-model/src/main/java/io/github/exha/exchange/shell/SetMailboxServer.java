package io.github.exha.exchange.shell;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.exchange.config.AutoDatabaseMountDial;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code Set-MailboxServer [-Identity] <MailboxServerIdParameter> [-AutoDatabaseMountDial
 * <Lossless | GoodAvailability | BestAvailability>] [-ForcedDatabaseMountAfter <TimeSpan>]} (DOMAIN.md §3).
 *
 * <p>The settings are AD attributes (msExchDataLossForAutoDatabaseMount) that only the replication service of a CCR
 * clustered mailbox server reads after a lossy failover. Like EMS, exha stores them on any Exchange 2007 mailbox
 * server without complaint; on a stand-alone or SCC server they simply have no effect. Exchange 2003 servers and
 * servers without the Mailbox role are not mailbox servers and are refused as not found.
 */
public final class SetMailboxServer implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Set-MailboxServer", List.of(),
            CommandSyntax.CMDLET, "Set a mailbox server's AutoDatabaseMountDial and ForcedDatabaseMountAfter.",
            List.of(ParameterDescriptor.named("Identity", ParameterType.identity("MailboxServerIdParameter"),
                            "The mailbox server (a CMS for the settings to matter).").at(0).required().fromPipeline(),
                    ParameterDescriptor.named("AutoDatabaseMountDial", ParameterType.enumOf(AutoDatabaseMountDial.class,
                            "Microsoft.Exchange.Data.Directory.SystemConfiguration.AutoDatabaseMountDial"),
                            "How many lost logs an automatic mount after failover accepts: 0, 3 or 6."),
                    ParameterDescriptor.named("ForcedDatabaseMountAfter", ParameterType.timeSpan(),
                            "Mount after this time even with more logs missing.")),
            true, ConfirmImpact.MEDIUM, false);

    private final ExchangeDirectory directory;

    /** A command changing the organization's directory. */
    @Inject
    public SetMailboxServer(ExchangeDirectory directory) {
        this.directory = directory;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        ExchangeServer server = GetMailboxServer.mailboxServer(directory, arguments.identity("Identity").orElseThrow()
                .text());
        Optional<AutoDatabaseMountDial> dial = arguments.enumValue("AutoDatabaseMountDial",
                AutoDatabaseMountDial.class);
        Optional<Duration> forced = arguments.timeSpan("ForcedDatabaseMountAfter");
        if (!context.shouldProcess(server.name(), "Set-MailboxServer")) {
            return;
        }
        ExchangeServer changed = server;
        if (dial.isPresent()) {
            changed = changed.withAutoDatabaseMountDial(dial.get());
        }
        if (forced.isPresent()) {
            changed = changed.withForcedDatabaseMountAfter(forced);
        }
        if (!changed.equals(server)) {
            directory.updateServer(changed);
        }
    }
}
