package io.github.exha.exchange.shell;

import io.github.exha.cluster.failover.ClusterResource;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.resources.PhysicalDiskType;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.error.ExhaException;
import io.github.exha.exchange.clustering.ClusteredServerGroups;
import io.github.exha.exchange.clustering.SharedDisk;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeServer;
import io.github.exha.exchange.config.MailboxDatabase;
import java.util.List;

/**
 * The Database Instance resources that EMS creates and deletes with a 2007 clustered mailbox server's databases, as
 * Exchange 2007's New-MailboxDatabase and Remove-MailboxDatabase do on a CMS: one per database, depending on the
 * Information Store resource and, on SCC, on the Physical Disk whose drive holds the database file.
 */
final class DatabaseInstances {
    private final ExchangeDirectory directory;
    private final ClusteredServerGroups groups;

    DatabaseInstances(ExchangeDirectory directory, ClusteredServerGroups groups) {
        this.directory = directory;
        this.groups = groups;
    }

    /** Whether the database's server is a CMS whose databases the cluster mounts. */
    boolean applies(MailboxDatabase database) {
        return MountDatabase.isClusterManaged(directory.server(database.server()), groups);
    }

    /**
     * Adds the database's resource (offline, like the new database) with the group's shared disks as candidates for
     * its disk dependency.
     */
    void add(MailboxDatabase database) {
        ExchangeServer server = directory.server(database.server());
        FailoverCluster cluster = groups.clusterOf(server);
        List<SharedDisk> disks = cluster.group(server.name()).resources().stream().map(cluster::resource)
                .filter(r -> r.type().name().equals(PhysicalDiskType.NAME))
                .map(DatabaseInstances::disk).toList();
        groups.addDatabaseInstance(server, database, disks);
    }

    /**
     * Takes the database's resource offline (it already is when the database was dismounted with EMS) and deletes it.
     *
     * @throws ExhaException CLUSTER_RESOURCE_FAILED with the cluster's reason when it cannot go offline or be deleted
     */
    void remove(CommandContext context, MailboxDatabase database) {
        ExchangeServer server = directory.server(database.server());
        FailoverCluster cluster = groups.clusterOf(server);
        String resource = ClusteredServerGroups.databaseInstanceResource(server.name(), database);
        boolean exists = cluster.resources().stream().anyMatch(r -> r.name().equalsIgnoreCase(resource));
        if (!exists) {
            return;
        }
        try {
            context.await(cluster.offlineResource(resource));
            cluster.deleteResource(resource);
        } catch (ExhaException failed) {
            throw new ExhaException(ShellErrorCode.CLUSTER_RESOURCE_FAILED, "The database '" + database.identity()
                    + "' cannot be removed: its cluster resource '" + resource + "' could not be deleted from cluster "
                    + cluster.name() + ". " + failed.getMessage(), failed.nativeCode().orElse(null), null, failed);
        }
    }

    private static SharedDisk disk(ClusterResource resource) {
        return new SharedDisk(resource.privateProperties().getOrDefault(PhysicalDiskType.ARRAY, ""),
                resource.privateProperties().getOrDefault(PhysicalDiskType.LUN, ""),
                resource.privateProperties().getOrDefault(PhysicalDiskType.DRIVE, ""));
    }
}
