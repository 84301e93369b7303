package io.github.exha.replication.san;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.storage.spi.ConsistencyGroup;
import io.github.exha.storage.spi.StorageException;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * {@code Suspend-SanReplication [-Group] <name> | -Server <CMS> | -StorageGroup <identity>}: pauses replication of the
 * groups (the vendor's "suspend" / "pause"); the source keeps tracking its writes for an incremental resume. Seed 000's
 * first step: "Following SAN vendor recommendations replication was suspended".
 */
public final class SuspendSanReplication implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Suspend-SanReplication", List.of(),
            CommandSyntax.CMDLET, "Suspend SAN replication of consistency groups; source writes are tracked.",
            GroupSelection.parameters(), true, ConfirmImpact.MEDIUM, false);

    private final SanReplicationCoordinator coordinator;

    /** The cmdlet over the lab's replication. */
    @Inject
    public SuspendSanReplication(SanReplicationCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        for (ConsistencyGroup group : GroupSelection.select(coordinator, arguments)) {
            if (!context.shouldProcess(group.name(), "Suspend-SanReplication", "Suspending replication of consistency"
                    + " group \"" + group.name() + "\" from " + group.status().sourceArray() + " to "
                    + group.status().targetArray() + ".")) {
                continue;
            }
            try {
                group.suspend();
            } catch (StorageException e) {
                throw SanReplicationCoordinator.refused("Suspending consistency group '" + group.name() + "'", e);
            }
            context.journal().append(JournalEntry.Type.STATE_CHANGE, SanReplicationCoordinator.SOURCE,
                    "group.suspended", Map.of("group", group.name(), "state", group.status().state().name()));
        }
    }
}
