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
import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageException;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * {@code Set-SanLunAccess -Array <name> -Lun <name> -Access ReadWrite|ReadOnly|NotReady}: sets a LUN's access state as
 * the array administrator does — seed 000's "Mark LUNs on the remote SAN as Read / Write" and, after the upgrade,
 * "as Read Only". The array refuses it on the target of a group that is replicating (suspend it first); a target made
 * writable then needs {@code Resume-SanReplication -Direction}.
 */
public final class SetSanLunAccess implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Set-SanLunAccess", List.of(),
            CommandSyntax.CMDLET, "Set a LUN's access state (ReadWrite, ReadOnly, NotReady).", List.of(
                    ParameterDescriptor.named("Array", ParameterType.string(), "The array holding the LUN.").required(),
                    ParameterDescriptor.named("Lun", ParameterType.string(), "The LUN.").required(),
                    ParameterDescriptor.named("Access", ParameterType.enumOf(AccessState.class,
                            "Exha.Storage.AccessState"), "The new access state.").required()),
            true, ConfirmImpact.MEDIUM, false);

    private final SanReplicationCoordinator coordinator;

    /** The cmdlet over the lab's arrays. */
    @Inject
    public SetSanLunAccess(SanReplicationCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        StorageArray array = coordinator.array(arguments.string("Array").orElseThrow());
        String lun = arguments.string("Lun").orElseThrow();
        AccessState access = arguments.enumValue("Access", AccessState.class).orElseThrow();
        String target = array.name() + ":" + lun;
        if (!context.shouldProcess(target, "Set-SanLunAccess", "Setting the access state of LUN \"" + lun
                + "\" on array " + array.name() + " to " + ParameterType.powerShellName(access) + ".")) {
            return;
        }
        try {
            array.setAccessState(lun, access);
        } catch (StorageException e) {
            throw SanReplicationCoordinator.refused("Setting the access state of LUN '" + lun + "' on array '"
                    + array.name() + "'", e);
        }
        context.journal().append(JournalEntry.Type.STATE_CHANGE, SanReplicationCoordinator.SOURCE, "lun.access",
                Map.of("array", array.name(), "lun", lun, "access", access.name()));
    }
}
