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
 * {@code Start-ClusteredMailboxServer -Identity}: brings a stopped CMS online on its node; refused while it already
 * runs or when its node already runs another CMS.
 */
public final class StartClusteredMailboxServer implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Start-ClusteredMailboxServer", List.of(),
            CommandSyntax.CMDLET, "Start a clustered mailbox server.", List.of(
                    ParameterDescriptor.named("Identity", ParameterType.string(), "The CMS.").required().at(0)),
            true, ConfirmImpact.MEDIUM, false);

    private final ClusteredMailboxServers servers;

    /** The cmdlet. */
    @Inject
    public StartClusteredMailboxServer(ClusteredMailboxServers servers) {
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
            case OFFLINE, FAILED, PARTIALLY_ONLINE -> {
                // may start
            }
            case ONLINE, ONLINE_PENDING, OFFLINE_PENDING -> throw new ExhaException(ClusteringErrorCode.WRONG_STATE,
                    "Clustered mailbox server '" + server.name() + "' is already " + state.displayName() + ".");
        }
        servers.activeNode(server).flatMap(node -> servers.otherCmsOn(server, node)).ifPresent(other -> {
            throw new ExhaException(ClusteringErrorCode.WRONG_STATE, "Clustered mailbox server '" + other.name()
                    + "' is already running on the node of '" + server.name() + "'.");
        });
        if (!context.shouldProcess(server.name(), "Start-ClusteredMailboxServer")) {
            return;
        }
        context.await(servers.start(server));
    }
}
