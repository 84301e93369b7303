package io.github.exha.replication.san;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.command.PsObject;
import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.ConsistencyGroup;
import io.github.exha.storage.spi.LunRef;
import io.github.exha.storage.spi.ReplicationPair;
import io.github.exha.storage.spi.ReplicationStatus;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageException;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Get-SanReplication [[-Group] <name>] [-Array <name>] [-Server <CMS>] [-StorageGroup <identity>]}: one
 * {@code SanReplicationPair} object per replication pair — its group's state, mode and direction, both LUNs with their
 * access states, the link, the lag (pending writes and bytes, RecoveryPoint = age of the oldest unreplicated write)
 * and the Exchange disks, storage groups and databases on the pair's LUNs. Without a filter, every pair of the lab.
 */
public final class GetSanReplication implements Command {
    /** The output objects' type name. */
    public static final String TYPE = "SanReplicationPair";

    private static final CommandDescriptor DESCRIPTOR = CommandDescriptor.cmdlet("Get-SanReplication",
            "Show the SAN replication pairs: state, mode, direction, access, lag and the Exchange data on them.",
            List.of(ParameterDescriptor.named("Group", ParameterType.string(), "A consistency group.").at(0),
                    ParameterDescriptor.named("Array", ParameterType.string(),
                            "Only the groups this array takes part in."),
                    ParameterDescriptor.named("Server", ParameterType.string(),
                            "Only the groups replicating this clustered mailbox server's disks."),
                    ParameterDescriptor.named("StorageGroup", ParameterType.string(),
                            "Only the groups replicating this storage group's disks.")));

    private final SanReplicationCoordinator coordinator;

    /** The cmdlet over the lab's replication. */
    @Inject
    public GetSanReplication(SanReplicationCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        Optional<String> group = arguments.string("Group");
        Optional<String> server = arguments.string("Server");
        Optional<String> storageGroup = arguments.string("StorageGroup");
        List<ConsistencyGroup> groups = group.isEmpty() && server.isEmpty() && storageGroup.isEmpty()
                ? coordinator.groups() : coordinator.select(group, server, storageGroup);
        Optional<String> array = arguments.string("Array").map(name -> coordinator.array(name).name());
        for (ConsistencyGroup g : groups) {
            ReplicationStatus status = g.status();
            if (array.isPresent() && !status.sourceArray().equals(array.get())
                    && !status.targetArray().equals(array.get())) {
                continue;
            }
            for (ReplicationPair pair : status.pairs()) {
                context.write(pairObject(status, pair));
            }
        }
    }

    private PsObject pairObject(ReplicationStatus status, ReplicationPair pair) {
        List<ExchangeDisk> disks = coordinator.disksOf(pair);
        Set<String> storageGroups = new LinkedHashSet<>();
        Set<String> databases = new LinkedHashSet<>();
        for (ExchangeDisk disk : disks) {
            storageGroups.addAll(disk.storageGroups());
            databases.addAll(disk.databases());
        }
        return PsObject.builder(TYPE)
                .add("Identity", status.group() + "\\" + pair.source())
                .add("Group", status.group())
                .add("Mode", status.mode())
                .add("State", status.state())
                .add("Direction", status.sourceArray() + " -> " + status.targetArray())
                .add("SourceArray", pair.source().array())
                .add("SourceLun", pair.source().lun())
                .add("SourceAccess", access(pair.source()))
                .add("TargetArray", pair.target().array())
                .add("TargetLun", pair.target().lun())
                .add("TargetAccess", access(pair.target()))
                .add("LinkState", status.linkState())
                .add("PendingWrites", status.pendingWrites())
                .add("PendingBytes", status.pendingBytes())
                .add("RecoveryPoint", status.recoveryPointObjective())
                .add("ResyncProgress", status.resyncProgress())
                .add("ExchangeDisks", new ArrayList<>(disks.stream().map(ExchangeDisk::display).toList()))
                .add("StorageGroups", new ArrayList<>(storageGroups))
                .add("Databases", new ArrayList<>(databases))
                .add("AsOf", status.asOf())
                .tableColumns("Group", "State", "Mode", "SourceArray", "SourceLun", "SourceAccess", "TargetArray",
                        "TargetLun", "TargetAccess", "PendingBytes")
                .build();
    }

    // The access state the array reports; a LUN an array can no longer tell about shows as unknown (null).
    private AccessState access(LunRef lun) {
        StorageArray array = coordinator.array(lun.array());
        try {
            return array.lun(lun.lun()).accessState();
        } catch (StorageException e) {
            return null;
        }
    }
}
