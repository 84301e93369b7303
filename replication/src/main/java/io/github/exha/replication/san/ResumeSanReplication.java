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
import io.github.exha.storage.spi.ConsistencyGroup;
import io.github.exha.storage.spi.ResyncDirection;
import io.github.exha.storage.spi.StorageException;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code Resume-SanReplication [-Group] <name> | -Server <CMS> | -StorageGroup <identity> [-Direction
 * SourceToTarget|TargetToSource]}: replication continues. Without {@code -Direction}, a suspended or disconnected
 * group copies the source's tracked changes (the array refuses when a target was written meanwhile). With
 * {@code -Direction}, the sides are resynchronised with the named side winning: {@code SourceToTarget} discards what
 * was written on the targets — seed 000's "re-establish replication ... ensuring that the SOURCE SAN is utilized for
 * data synchronization" — and {@code TargetToSource} copies the targets' changes back. The copy takes virtual time:
 * {@code Get-SanReplication} shows Synchronizing, then InSync.
 */
public final class ResumeSanReplication implements Command {
    private static final CommandDescriptor DESCRIPTOR;

    static {
        List<ParameterDescriptor> parameters = new ArrayList<>(GroupSelection.parameters());
        parameters.add(ParameterDescriptor.named("Direction", ParameterType.enumOf(ResyncDirection.class,
                "Exha.Storage.ResyncDirection"), "Resynchronise with this side winning (after the sides diverged)."));
        DESCRIPTOR = new CommandDescriptor("Resume-SanReplication", List.of(), CommandSyntax.CMDLET,
                "Resume SAN replication of consistency groups, or resynchronise them in a direction.", parameters, true,
                ConfirmImpact.MEDIUM, false);
    }

    private final SanReplicationCoordinator coordinator;

    /** The cmdlet over the lab's replication. */
    @Inject
    public ResumeSanReplication(SanReplicationCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        Optional<ResyncDirection> direction = arguments.enumValue("Direction", ResyncDirection.class);
        for (ConsistencyGroup group : GroupSelection.select(coordinator, arguments)) {
            String from = group.status().sourceArray();
            String to = group.status().targetArray();
            String description = direction.map(d -> switch (d) {
                case SOURCE_TO_TARGET -> "Resynchronizing consistency group \"" + group.name() + "\" from " + from
                        + " to " + to + "; changes made on " + to + " are discarded.";
                case TARGET_TO_SOURCE -> "Resynchronizing consistency group \"" + group.name() + "\" from " + to
                        + " back to " + from + "; changes made on " + from + " since the split are overwritten.";
            }).orElse("Resuming replication of consistency group \"" + group.name() + "\" from " + from + " to " + to
                    + ".");
            if (!context.shouldProcess(group.name(), "Resume-SanReplication", description)) {
                continue;
            }
            try {
                if (direction.isPresent()) {
                    group.resync(direction.get());
                } else {
                    group.resume();
                }
            } catch (StorageException e) {
                throw SanReplicationCoordinator.refused((direction.isPresent() ? "Resynchronizing" : "Resuming")
                        + " consistency group '" + group.name() + "'", e);
            }
            context.journal().append(JournalEntry.Type.STATE_CHANGE, SanReplicationCoordinator.SOURCE,
                    "group.resumed", Map.of("group", group.name(), "direction", direction.map(Enum::name)
                            .orElse("INCREMENTAL"), "state", group.status().state().name()));
        }
    }
}
