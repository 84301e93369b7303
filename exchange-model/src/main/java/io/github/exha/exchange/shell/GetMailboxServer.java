package io.github.exha.exchange.shell;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.Identity;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.error.ExhaException;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeServer;
import io.github.exha.exchange.config.ExchangeVersion;
import io.github.exha.exchange.config.ServerRole;
import io.github.exha.exchange.error.ExchangeErrorCode;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code Get-MailboxServer [[-Identity] <MailboxServerIdParameter>]}: the Exchange 2007 servers with the Mailbox role
 * (clustered mailbox servers included; not the physical nodes, nor Exchange 2003 servers). The table shows Name,
 * RedundantMachines and DataPath; {@code | fl} adds ClusteredStorageType, AutoDatabaseMountDial and
 * ForcedDatabaseMountAfter.
 */
public final class GetMailboxServer implements Command {
    private static final CommandDescriptor DESCRIPTOR = CommandDescriptor.cmdlet("Get-MailboxServer",
            "List Exchange 2007 mailbox servers and their clustering settings.", List.of(
                    ParameterDescriptor.named("Identity", ParameterType.identity("MailboxServerIdParameter"),
                            "The server's name or FQDN.").at(0).fromPipeline()));

    private final ExchangeDirectory directory;

    /** A command reading the organization's directory. */
    @Inject
    public GetMailboxServer(ExchangeDirectory directory) {
        this.directory = directory;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        List<ExchangeServer> servers = arguments.identity("Identity").map(Identity::text)
                .map(id -> List.of(mailboxServer(directory, id)))
                .orElseGet(() -> directory.servers().stream().filter(GetMailboxServer::isMailboxServer).toList());
        servers.forEach(server -> context.write(EmsObjects.mailboxServer(server)));
    }

    /**
     * The Exchange 2007 mailbox server an identity names.
     *
     * @throws ExhaException OBJECT_NOT_FOUND, also for a server that is not one
     */
    static ExchangeServer mailboxServer(ExchangeDirectory directory, String identity) {
        ExchangeServer server = directory.server(identity);
        if (!isMailboxServer(server)) {
            throw new ExhaException(ExchangeErrorCode.OBJECT_NOT_FOUND, "The specified server '" + server.name()
                    + "' is not an Exchange 2007 Mailbox server, or it could not be found.");
        }
        return server;
    }

    private static boolean isMailboxServer(ExchangeServer server) {
        return server.version() == ExchangeVersion.EXCHANGE_2007 && server.hasRole(ServerRole.MAILBOX);
    }
}
