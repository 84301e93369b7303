package io.github.exha.replication.san;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.storage.spi.StorageArray;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * {@code Stop-SanArray [-Array] <name>}: powers an array off, as a site loss or a power failure does: its LUNs' I/O fails (Physical Disks on it fail), groups replicating from or to it go Disconnected, and acknowledged data survives on the array and, up to the RPO, on its replicas.
 */
public final class StopSanArray implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Stop-SanArray", List.of(),
            CommandSyntax.CMDLET, "Power off a storage array (site or array loss): its I/O and management fail, groups replicating from or to it disconnect.",
            List.of(ParameterDescriptor.named("Array", ParameterType.string(), "The array.").required().at(0)),
            true, ConfirmImpact.HIGH, false);

    private final SanReplicationCoordinator coordinator;

    /** The cmdlet over the lab's arrays. */
    @Inject
    public StopSanArray(SanReplicationCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        StorageArray array = coordinator.array(arguments.string("Array").orElseThrow());
        if (!context.shouldProcess(array.name(), "Stop-SanArray", "Powering off storage array " + array.name() + " (site "
                + array.site() + ").")) {
            return;
        }
        array.powerOff();
        context.journal().append(JournalEntry.Type.STATE_CHANGE, SanReplicationCoordinator.SOURCE, "array.powered-off",
                Map.of("array", array.name(), "site", array.site()));
    }
}
