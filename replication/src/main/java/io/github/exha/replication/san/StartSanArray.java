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
 * {@code Start-SanArray [-Array] <name>}: powers an array back on; its groups stay Disconnected until {@code Resume-SanReplication}.
 */
public final class StartSanArray implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Start-SanArray", List.of(),
            CommandSyntax.CMDLET, "Power a storage array back on; its groups stay disconnected until resumed.",
            List.of(ParameterDescriptor.named("Array", ParameterType.string(), "The array.").required().at(0)),
            true, ConfirmImpact.MEDIUM, false);

    private final SanReplicationCoordinator coordinator;

    /** The cmdlet over the lab's arrays. */
    @Inject
    public StartSanArray(SanReplicationCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        StorageArray array = coordinator.array(arguments.string("Array").orElseThrow());
        if (!context.shouldProcess(array.name(), "Start-SanArray", "Powering on storage array " + array.name() + " (site "
                + array.site() + ").")) {
            return;
        }
        array.powerOn();
        context.journal().append(JournalEntry.Type.STATE_CHANGE, SanReplicationCoordinator.SOURCE, "array.powered-on",
                Map.of("array", array.name(), "site", array.site()));
    }
}
