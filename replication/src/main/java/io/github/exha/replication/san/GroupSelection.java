package io.github.exha.replication.san;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.storage.spi.ConsistencyGroup;
import java.util.List;

/**
 * The three ways the state-changing SAN commands name the consistency groups they act on: {@code -Group} (position 0),
 * {@code -Server} (a clustered mailbox server: every group replicating its disks) or {@code -StorageGroup}.
 */
final class GroupSelection {
    private GroupSelection() {
    }

    /** The parameters, in declaration order. */
    static List<ParameterDescriptor> parameters() {
        return List.of(ParameterDescriptor.named("Group", ParameterType.string(), "A consistency group.").at(0),
                ParameterDescriptor.named("Server", ParameterType.string(),
                        "Every group replicating a disk of this clustered mailbox server."),
                ParameterDescriptor.named("StorageGroup", ParameterType.string(),
                        "Every group replicating a disk of this storage group."));
    }

    /** The groups the arguments name. */
    static List<ConsistencyGroup> select(SanReplicationCoordinator coordinator, Arguments arguments) {
        return coordinator.select(arguments.string("Group"), arguments.string("Server"),
                arguments.string("StorageGroup"));
    }
}
