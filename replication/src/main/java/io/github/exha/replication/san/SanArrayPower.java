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
import java.util.List;
import java.util.Map;

/**
 * What {@link StartSanArray} and {@link StopSanArray} share: find the array, confirm, switch its power through the
 * SPI and journal it. Each subclass says which way.
 */
abstract class SanArrayPower implements Command {
    private final SanReplicationCoordinator coordinator;
    private final CommandDescriptor descriptor;
    private final boolean on;

    SanArrayPower(SanReplicationCoordinator coordinator, String name, String synopsis, ConfirmImpact impact,
            boolean on) {
        this.coordinator = coordinator;
        this.on = on;
        this.descriptor = new CommandDescriptor(name, List.of(), CommandSyntax.CMDLET, synopsis,
                List.of(ParameterDescriptor.named("Array", ParameterType.string(), "The array.").required().at(0)),
                true, impact, false);
    }

    @Override
    public final CommandDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final void invoke(CommandContext context, Arguments arguments) {
        StorageArray array = coordinator.array(arguments.string("Array").orElseThrow());
        if (!context.shouldProcess(array.name(), descriptor.name(), "Powering " + (on ? "on" : "off")
                + " storage array " + array.name() + " (site " + array.site() + ").")) {
            return;
        }
        if (on) {
            array.powerOn();
        } else {
            array.powerOff();
        }
        context.journal().append(JournalEntry.Type.STATE_CHANGE, SanReplicationCoordinator.SOURCE,
                on ? "array.powered-on" : "array.powered-off", Map.of("array", array.name(), "site", array.site()));
    }
}
