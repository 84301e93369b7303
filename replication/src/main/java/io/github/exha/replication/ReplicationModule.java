package io.github.exha.replication;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.github.exha.cluster.network.HostConnectivity;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.CoreModule;
import io.github.exha.core.command.Command;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.exchange.ExchangeModule;
import io.github.exha.exchange.clustering.ClusteredMailboxServers;
import io.github.exha.exchange.clustering.ClusteredServerGroups;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.replication.continuous.CopyStateMoveCheck;
import io.github.exha.replication.continuous.DisableStorageGroupCopy;
import io.github.exha.replication.continuous.EnableDatabaseCopy;
import io.github.exha.replication.continuous.EnableStorageGroupCopy;
import io.github.exha.replication.continuous.GetStorageGroupCopyStatus;
import io.github.exha.replication.continuous.ReplicationService;
import io.github.exha.replication.continuous.ResumeStorageGroupCopy;
import io.github.exha.replication.continuous.SuspendStorageGroupCopy;
import io.github.exha.replication.continuous.UpdateStorageGroupCopy;
import java.util.List;

/**
 * The replication module's bindings: the Microsoft Exchange Replication service of every node (LCR, CCR and SCR
 * copies), the storage-group-copy cmdlets, and storage-based site resilience over the storage SPI. Install it next
 * to the {@code ClusterModule} and the {@code ExchangeModule}.
 */
public final class ReplicationModule extends AbstractModule {
    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        // ---- continuous replication (begin)
        for (Class<? extends Command> cmdlet : List.of(EnableStorageGroupCopy.class, EnableDatabaseCopy.class,
                DisableStorageGroupCopy.class, SuspendStorageGroupCopy.class, ResumeStorageGroupCopy.class,
                UpdateStorageGroupCopy.class, GetStorageGroupCopyStatus.class)) {
            bind(cmdlet).in(Singleton.class);
            CoreModule.commands(binder()).addBinding().to(cmdlet);
        }
        bind(CopyStateMoveCheck.class).in(Singleton.class);
        ExchangeModule.moveChecks(binder()).addBinding().to(CopyStateMoveCheck.class);
        // ---- continuous replication (end)
        // ---- storage-based replication (begin)
        // ---- storage-based replication (end)
    }

    /**
     * The lab's replication service, built after the clustered servers' groups are online so that the CCR copies of
     * the topology's CMSs are enabled and seeded from their active nodes at lab build.
     */
    @Provides
    @Singleton
    ReplicationService replicationService(Kernel kernel, ExchangeDirectory directory, Datacenter datacenter,
            HostConnectivity connectivity, ClusteredMailboxServers servers, ClusteredServerGroups groups) {
        ReplicationService service = new ReplicationService(kernel, directory, datacenter, connectivity, servers);
        service.enableClusterCopies();
        return service;
    }
}
