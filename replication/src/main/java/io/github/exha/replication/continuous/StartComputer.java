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
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code Start-Computer [-ComputerName] <name>[,<name>...]}: a simulation control, not a Windows cmdlet — the lab's
 * power button (or the remote console an administrator uses) to bring machines back, as seed 003 does with the
 * production nodes ("First, I will bring both NH-W2K3-SRV03 and NH-W2K3-SRV04 back online"). It waits until each host
 * has booted.
 */
public final class StartComputer implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Start-Computer", List.of(),
            CommandSyntax.CMDLET, "Lab control: power computers on and wait until they have booted.",
            List.of(ParameterDescriptor.named("ComputerName", ParameterType.arrayOf(ParameterType.string()),
                    "The computers.").at(0).required()),
            false, ConfirmImpact.NONE, false);

    private final Datacenter datacenter;

    /** The command over the lab's hosts. */
    @Inject
    public StartComputer(Datacenter datacenter) {
        this.datacenter = datacenter;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        for (Host host : StopComputer.hosts(datacenter, arguments)) {
            context.await(host.powerOn());
        }
    }
}
