package io.github.exha.exchange.clustering;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.command.PsObject;
import io.github.exha.exchange.config.ExchangeServer;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;

/**
 * {@code Get-ClusteredMailboxServerStatus [-Identity]}: the state of one CMS, or of every CMS, as a list (seed 002).
 */
public final class GetClusteredMailboxServerStatus implements Command {
    private static final CommandDescriptor DESCRIPTOR = CommandDescriptor.cmdlet("Get-ClusteredMailboxServerStatus",
            "Show the state of clustered mailbox servers.", List.of(ParameterDescriptor.named("Identity",
                    ParameterType.string(), "The clustered mailbox server.").at(0)));

    private final ClusteredMailboxServers servers;

    /** The cmdlet over the lab's clustered mailbox servers. */
    @Inject
    public GetClusteredMailboxServerStatus(ClusteredMailboxServers servers) {
        this.servers = servers;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        List<ExchangeServer> chosen = arguments.string("Identity").map(id -> List.of(servers.cms(id)))
                .orElseGet(servers::all);
        for (ExchangeServer server : chosen) {
            context.write(status(servers, server));
        }
    }

    /** The status object of one CMS. */
    static PsObject status(ClusteredMailboxServers servers, ExchangeServer server) {
        List<String> machines = servers.operationalMachines(server);
        List<String> hosts = machines.stream().map(m -> m.replaceFirst(" <.*", "").toLowerCase(Locale.ROOT)).toList();
        List<String> failedHosts = server.cluster().orElseThrow().redundantMachines().stream()
                .map(m -> m.toLowerCase(Locale.ROOT)).filter(m -> !hosts.contains(m)).toList();
        return PsObject.builder("Microsoft.Exchange.Management.SystemConfigurationTasks.ClusteredMailboxServerStatus")
                .add("Identity", server.name())
                .add("ClusteredMailboxServerName", server.fqdn())
                .add("State", servers.state(server).displayName())
                .add("OperationalMachines", machines)
                .add("FailedResources", servers.failedResources(server))
                .add("OperationalReplicationHostNames", hosts)
                .add("FailedReplicationHostNames", failedHosts)
                .add("InUseReplicationHostNames", hosts)
                .add("IsValid", true)
                .add("ObjectState", "Unchanged")
                .view(PsObject.View.LIST)
                .build();
    }
}
