package io.github.exha.replication;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.github.exha.cluster.ClusterModule;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.OpenFile;
import io.github.exha.cluster.host.OpenFiles;
import io.github.exha.cluster.network.HostConnectivity;
import io.github.exha.cluster.storage.StorageFabric;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.CoreModule;
import io.github.exha.core.command.Command;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.topology.Topology;
import io.github.exha.exchange.ExchangeModule;
import io.github.exha.exchange.clustering.ClusteredMailboxServers;
import io.github.exha.exchange.clustering.ClusteredServerGroups;
import io.github.exha.exchange.clustering.PassiveCopySeeding;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.server.InformationStore;
import io.github.exha.exchange.server.TransportDumpster;
import io.github.exha.replication.continuous.ClusterCopyActivation;
import io.github.exha.replication.continuous.CopyStateMoveCheck;
import io.github.exha.replication.continuous.DisableStorageGroupCopy;
import io.github.exha.replication.continuous.PassiveNodeSeeding;
import io.github.exha.replication.continuous.EnableDatabaseCopy;
import io.github.exha.replication.continuous.EnableStorageGroupCopy;
import io.github.exha.replication.continuous.GetStorageGroupCopyStatus;
import io.github.exha.replication.continuous.ReplicationService;
import io.github.exha.replication.continuous.RestoreStorageGroupCopy;
import io.github.exha.replication.continuous.ResumeStorageGroupCopy;
import io.github.exha.replication.continuous.StartComputer;
import io.github.exha.replication.continuous.StopComputer;
import io.github.exha.replication.continuous.SuspendStorageGroupCopy;
import io.github.exha.replication.continuous.UpdateStorageGroupCopy;
import io.github.exha.replication.san.SanReplicationCommands;
import io.github.exha.replication.san.SanReplicationCoordinator;
import io.github.exha.replication.san.SanReplicationSection;
import jakarta.inject.Provider;
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
                UpdateStorageGroupCopy.class, GetStorageGroupCopyStatus.class, RestoreStorageGroupCopy.class,
                StopComputer.class, StartComputer.class)) {
            bind(cmdlet).in(Singleton.class);
            CoreModule.commands(binder()).addBinding().to(cmdlet);
        }
        bind(CopyStateMoveCheck.class).in(Singleton.class);
        ExchangeModule.moveChecks(binder()).addBinding().to(CopyStateMoveCheck.class);
        ExchangeModule.mountGate(binder()).setBinding().to(ClusterCopyActivation.class);
        // ---- continuous replication (end)
        // ---- seeding after a CCR passive node's setup (begin)
        ExchangeModule.passiveCopySeeding(binder()).setBinding().toProvider(new PassiveNodeSeedingProvider(
                getProvider(Kernel.class), getProvider(ReplicationService.class))).in(Singleton.class);
        // ---- seeding after a CCR passive node's setup (end)
        // ---- files the replication service holds open, which move refuses to touch (begin)
        ClusterModule.openFiles(binder()).addBinding().toInstance(new ReplicationServiceFiles(
                getProvider(ReplicationService.class)));
        // ---- files the replication service holds open, which move refuses to touch (end)
        // ---- storage-based replication (begin)
        CoreModule.topologySections(binder()).addBinding().toInstance(new SanReplicationSection());
        for (Class<? extends Command> command : SanReplicationCommands.all()) {
            bind(command).in(Singleton.class);
            CoreModule.commands(binder()).addBinding().to(command);
        }
        // ---- storage-based replication (end)
    }

    /**
     * The lab's replication service, built after the clustered servers' groups are online so that the CCR copies of
     * the topology's CMSs are enabled and seeded from their active nodes at lab build.
     */
    @Provides
    @Singleton
    ReplicationService replicationService(Kernel kernel, ExchangeDirectory directory, Datacenter datacenter,
            HostConnectivity connectivity, ClusteredMailboxServers servers, ClusteredServerGroups groups,
            Provider<InformationStore> store) {
        ReplicationService service = new ReplicationService(kernel, directory, datacenter, connectivity, servers,
                store);
        service.enableClusterCopies();
        return service;
    }

    // The copies' files the lab's replication service holds, asked when a command needs them.
    private record ReplicationServiceFiles(Provider<ReplicationService> service) implements OpenFiles {
        @Override
        public List<OpenFile> openOn(Host host) {
            return service.get().openFiles(host);
        }
    }

    // Builds the seeding on the lab's kernel and (lazily) its replication service.
    private record PassiveNodeSeedingProvider(Provider<Kernel> kernel, Provider<ReplicationService> service)
            implements Provider<PassiveCopySeeding> {
        @Override
        public PassiveCopySeeding get() {
            return new PassiveNodeSeeding(kernel.get(), service);
        }
    }

    /**
     * CCR's activation of the passive copy when a CMS comes online on its node. Providers for the replication service,
     * the store and the dumpster: the gate is first asked while the clustered servers' groups come online at lab
     * build, before the replication service (built after them) exists.
     */
    @Provides
    @Singleton
    ClusterCopyActivation clusterCopyActivation(Kernel kernel, ExchangeDirectory directory, Datacenter datacenter,
            HostConnectivity connectivity, ClusteredMailboxServers servers, Provider<ReplicationService> service,
            Provider<InformationStore> store, Provider<TransportDumpster> dumpster) {
        return new ClusterCopyActivation(kernel, directory, datacenter, connectivity, servers, service, store,
                dumpster);
    }

    /**
     * The storage-based replication coordinator. Built with the lab, after the clustered servers' groups: it creates
     * the {@code sanReplication:} section's consistency groups and waits for their first copy, so the replicas carry
     * what the clustered servers wrote when they came online.
     */
    @Provides
    @Singleton
    SanReplicationCoordinator sanReplicationCoordinator(StorageFabric fabric, Provider<ExchangeDirectory> directory,
            Provider<Clusters> clusters, ClusteredServerGroups groups, Topology topology, Kernel kernel) {
        SanReplicationCoordinator coordinator = new SanReplicationCoordinator(fabric, directory::get, clusters::get);
        topology.section(new SanReplicationSection()).ifPresent(section -> coordinator.createDeclared(section, kernel));
        return coordinator;
    }
}
