package io.github.exha.cluster;

import com.google.inject.AbstractModule;
import io.github.exha.cluster.command.ClusterExe;
import io.github.exha.cluster.command.ServerManagerCmd;
import io.github.exha.cluster.invariant.OneNodePerResourceInvariant;
import io.github.exha.cluster.invariant.OneQuorumPartitionInvariant;
import io.github.exha.cluster.invariant.OneWriterPerDiskInvariant;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.github.exha.cluster.storage.StorageFabric;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.cluster.topology.ClustersSection;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.cluster.topology.DatacenterHostDirectory;
import io.github.exha.cluster.topology.HostsSection;
import io.github.exha.cluster.topology.StorageSection;
import io.github.exha.cluster.validation.TestCluster;
import io.github.exha.core.CoreModule;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.topology.Topology;

/**
 * The cluster model's bindings: contributes the {@code storage:}, {@code hosts:} and {@code clusters:} topology
 * sections, builds the lab's {@link Datacenter} (arrays, LUNs, links, hosts, volumes) from the topology on the lab's
 * kernel and its {@link Clusters} (failover clusters with started memberships) on the datacenter, makes the
 * datacenter's hosts the lab's host directory, so {@code Enter-PSSession} reaches exactly the topology's hosts, and
 * contributes the cluster invariants every run checks (a resource online on at most one node, a disk writable by at
 * most one node).
 * Install it next to the core module the lab installs.
 */
public final class ClusterModule extends AbstractModule {
    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        CoreModule.topologySections(binder()).addBinding().toInstance(new StorageSection());
        CoreModule.topologySections(binder()).addBinding().toInstance(new HostsSection());
        CoreModule.topologySections(binder()).addBinding().toInstance(new ClustersSection());
        bind(DatacenterHostDirectory.class).in(Singleton.class);
        CoreModule.hostDirectory(binder()).setBinding().to(DatacenterHostDirectory.class);
        bind(OneNodePerResourceInvariant.class).in(Singleton.class);
        bind(OneWriterPerDiskInvariant.class).in(Singleton.class);
        CoreModule.invariants(binder()).addBinding().to(OneNodePerResourceInvariant.class);
        CoreModule.invariants(binder()).addBinding().to(OneWriterPerDiskInvariant.class);
        bind(OneQuorumPartitionInvariant.class).in(Singleton.class);
        CoreModule.invariants(binder()).addBinding().to(OneQuorumPartitionInvariant.class);
        bind(ServerManagerCmd.class).in(Singleton.class);
        CoreModule.commands(binder()).addBinding().to(ServerManagerCmd.class);
        bind(ClusterExe.class).in(Singleton.class);
        CoreModule.commands(binder()).addBinding().to(ClusterExe.class);
        bind(TestCluster.class).in(Singleton.class);
        CoreModule.commands(binder()).addBinding().to(TestCluster.class);
    }

    @Provides
    @Singleton
    Datacenter datacenter(Topology topology, Kernel kernel) {
        // Plugins are found on the class path exha itself was loaded from, so a vendor's jar drops in by classpath.
        return Datacenter.build(topology, kernel, Datacenter.class.getClassLoader());
    }

    @Provides
    @Singleton
    Clusters clusters(Topology topology, Kernel kernel, Datacenter datacenter) {
        // Building starts each cluster's membership, so its heartbeats run from the lab's first instant.
        return Clusters.build(topology, kernel, datacenter);
    }

    @Provides
    @Singleton
    StorageFabric storageFabric(Datacenter datacenter) {
        return datacenter.fabric();
    }
}
