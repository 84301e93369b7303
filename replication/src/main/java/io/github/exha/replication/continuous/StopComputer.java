package io.github.exha.replication.continuous;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.error.ExhaException;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Stop-Computer [-ComputerName] <name>[,<name>...] [-Force]}, the Windows PowerShell cmdlet, as the lab's way to
 * lose machines (a whole site: list its hosts). Without {@code -Force} each host shuts down in an orderly way (its
 * services stop, Exchange dismounts its databases) and the cmdlet waits until it is off.
 *
 * <p>CHOICE: {@code -Force} ("immediate shutdown", applications are not asked to close) is modelled as an abrupt power
 * loss ({@code Host.crash()}): nothing more is written, which is what losing a datacenter does to the hosts in it.
 * This command lives in the replication module because site-resilience runbooks (SCR activation, seed 003) need it.
 */
public final class StopComputer implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Stop-Computer", List.of(),
            CommandSyntax.CMDLET, "Shut down computers; -Force cuts them off at once (lab: a site or power loss).",
            List.of(ParameterDescriptor.named("ComputerName", ParameterType.arrayOf(ParameterType.string()),
                            "The computers.").at(0).required(),
                    ParameterDescriptor.named("Force", ParameterType.switchParameter(),
                            "Immediate shutdown: modelled as a power loss.")),
            true, ConfirmImpact.HIGH, false);

    private final Datacenter datacenter;

    /** The cmdlet over the lab's hosts. */
    @Inject
    public StopComputer(Datacenter datacenter) {
        this.datacenter = datacenter;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        List<Host> hosts = hosts(datacenter, arguments);
        boolean force = arguments.flag("Force");
        for (Host host : hosts) {
            if (!context.shouldProcess(host.name(), "Stop-Computer")) {
                continue;
            }
            if (force) {
                host.crash();
            } else {
                context.await(host.powerOff());
            }
        }
    }

    /** The hosts -ComputerName names, all checked before anything happens. */
    static List<Host> hosts(Datacenter datacenter, Arguments arguments) {
        List<Host> hosts = new ArrayList<>();
        Object value = arguments.get("ComputerName").orElseThrow();
        List<?> names = value instanceof List<?> list ? list : List.of(value);
        for (Object name : names) {
            hosts.add(datacenter.findHost(name.toString()).orElseThrow(() -> new ExhaException(
                    ReplicationErrorCode.INVALID_ARGUMENT, "Cannot find the computer '" + name + "'.")));
        }
        return hosts;
    }
}
