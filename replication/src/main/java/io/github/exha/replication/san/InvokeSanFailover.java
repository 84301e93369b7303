package io.github.exha.replication.san;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.storage.spi.ConsistencyGroup;
import io.github.exha.storage.spi.ReplicationStatus;
import io.github.exha.storage.spi.StorageException;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * {@code Invoke-SanFailover [-Group] <name> | -Server <CMS> | -StorageGroup <identity>}: promotes the targets of the
 * groups — the replica LUNs become READ_WRITE (and the sources, if still reachable, READ_ONLY) — so the DR cluster's
 * Physical Disks can come online. Works when the source array is lost; unreplicated ASYNC writes are lost to the
 * replica, and the command warns with how many bytes and how old the oldest was (the RPO). Seed 000's "Mark LUNs on
 * the remote SAN as Read / Write" as one vendor-neutral step.
 */
public final class InvokeSanFailover implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Invoke-SanFailover", List.of(),
            CommandSyntax.CMDLET, "Fail consistency groups over: make their replica LUNs writable (promote the target).",
            GroupSelection.parameters(), true, ConfirmImpact.HIGH, false);

    private final SanReplicationCoordinator coordinator;

    /** The cmdlet over the lab's replication. */
    @Inject
    public InvokeSanFailover(SanReplicationCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        for (ConsistencyGroup group : GroupSelection.select(coordinator, arguments)) {
            ReplicationStatus before = group.status();
            if (!context.shouldProcess(group.name(), "Invoke-SanFailover", "Failing over consistency group \""
                    + group.name() + "\": its LUNs on " + before.targetArray() + " become read/write.")) {
                continue;
            }
            try {
                group.failover();
            } catch (StorageException e) {
                throw SanReplicationCoordinator.refused("Failing over consistency group '" + group.name() + "'", e);
            }
            if (before.pendingBytes() > 0) {
                context.warn("Consistency group " + group.name() + " failed over with " + before.pendingBytes()
                        + " bytes not yet replicated to " + before.targetArray() + " (recovery point "
                        + before.recoveryPointObjective() + "); they are lost to the replica.");
            }
            context.journal().append(JournalEntry.Type.STATE_CHANGE, SanReplicationCoordinator.SOURCE,
                    "group.failed-over", Map.of("group", group.name(), "promoted", before.targetArray(),
                            "lostBytes", Long.toString(before.pendingBytes())));
        }
    }
}
