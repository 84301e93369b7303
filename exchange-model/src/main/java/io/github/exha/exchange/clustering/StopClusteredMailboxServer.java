package io.github.exha.exchange.clustering;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.error.ExhaException;
import io.github.exha.exchange.config.ExchangeServer;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code Stop-ClusteredMailboxServer -Identity -StopReason}: takes an Online or PartiallyOnline CMS offline and writes
 * the reason to the event log (MSExchangeCluster event 105). The CMS stays stopped, across node reboots too, until
 * Start-ClusteredMailboxServer.
 */
public final class StopClusteredMailboxServer implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Stop-ClusteredMailboxServer", List.of(),
            CommandSyntax.CMDLET, "Stop a clustered mailbox server.", List.of(
                    ParameterDescriptor.named("Identity", ParameterType.string(), "The CMS.").required().at(0),
                    ParameterDescriptor.named("StopReason", ParameterType.string(), "Why; written to the event log.")
                            .required()),
            true, ConfirmImpact.MEDIUM, false);

    private final ClusteredMailboxServers servers;

    /** The cmdlet. */
    @Inject
    public StopClusteredMailboxServer(ClusteredMailboxServers servers) {
        this.servers = servers;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        ExchangeServer server = servers.cms(arguments.string("Identity").orElseThrow());
        ClusteredMailboxServerState state = servers.state(server);
        switch (state) {
            case ONLINE, PARTIALLY_ONLINE -> {
                // may stop
            }
            case ONLINE_PENDING, OFFLINE, OFFLINE_PENDING, FAILED -> throw new ExhaException(
                    ClusteringErrorCode.WRONG_STATE, "Clustered mailbox server '" + server.name() + "' is in state '"
                    + state.displayName() + "'. The clustered mailbox server must be Online or PartiallyOnline to be "
                    + "stopped.");
        }
        String reason = arguments.string("StopReason").orElseThrow();
        if (!context.shouldProcess(server.name(), "Stop-ClusteredMailboxServer")) {
            return;
        }
        servers.event(server, ClusteredMailboxServers.EVENT_STOPPED, "The clustered mailbox server '"
                + server.name() + "' was stopped by an administrator. Reason: " + reason);
        context.await(servers.stop(server));
    }
}
