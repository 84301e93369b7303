package io.github.exha.cluster;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Provider;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import io.github.exha.cluster.failover.GenericServiceType;
import io.github.exha.cluster.fault.ClusterFaultInjector;
import io.github.exha.cluster.fault.FaultTimings;
import io.github.exha.cluster.failover.ResourceType;
import io.github.exha.cluster.failover.ResourceTypeRegistry;
import io.github.exha.cluster.network.HostConnectivity;
import io.github.exha.cluster.resources.FileShareType;
import io.github.exha.cluster.resources.FileShareWitnessType;
import io.github.exha.cluster.resources.IpAddressType;
import io.github.exha.cluster.resources.MajorityNodeSetType;
import io.github.exha.cluster.resources.NetworkNameType;
import io.github.exha.cluster.resources.PhysicalDiskType;
import io.github.exha.cluster.resources.WitnessShare;
import java.util.List;
import io.github.exha.cluster.command.CaclsCommand;
import io.github.exha.cluster.command.ClusterExe;
import io.github.exha.cluster.command.MakeDirectory;
import io.github.exha.cluster.command.DirCommand;
import io.github.exha.cluster.command.MoveCommand;
import io.github.exha.cluster.host.OpenFiles;
import io.github.exha.cluster.command.NetCommand;
import io.github.exha.cluster.command.ServerManagerCmd;
import io.github.exha.cluster.command.ShutdownCommand;
import io.github.exha.cluster.invariant.OneHostPerSanVolumeInvariant;
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
import io.github.exha.cluster.topology.SiteLinksSection;
import io.github.exha.cluster.topology.StorageSection;
import io.github.exha.cluster.validation.TestCluster;
import io.github.exha.core.CoreModule;
import io.github.exha.core.command.Command;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.topology.Topology;

/**
 * The cluster model's bindings: contributes the {@code storage:}, {@code hosts:} and {@code clusters:} topology
 * sections, builds the lab's {@link Datacenter} (arrays, LUNs, links, hosts, volumes) from the topology on the lab's
 * kernel and its {@link Clusters} (failover clusters with started memberships) on the datacenter, makes the
 * datacenter's hosts the lab's host directory, so {@code Enter-PSSession} reaches exactly the topology's hosts, and
 * contributes the cluster invariants every run checks (a resource online on at most one node, a disk writable by at
 * most one node, at most one partition with quorum). Resource types come from a {@code MapBinder<String,
 * ResourceType>} ({@link #resourceTypes}) holding the standard seven, to which other modules add theirs.
 * Install it next to the core module the lab installs.
 */
public final class ClusterModule extends AbstractModule {
    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        CoreModule.topologySections(binder()).addBinding().toInstance(new StorageSection());
        CoreModule.topologySections(binder()).addBinding().toInstance(new HostsSection());
        CoreModule.topologySections(binder()).addBinding().toInstance(new ClustersSection());
        CoreModule.topologySections(binder()).addBinding().toInstance(new SiteLinksSection());
        bind(DatacenterHostDirectory.class).in(Singleton.class);
        CoreModule.hostDirectory(binder()).setBinding().to(DatacenterHostDirectory.class);
        bind(OneNodePerResourceInvariant.class).in(Singleton.class);
        bind(OneWriterPerDiskInvariant.class).in(Singleton.class);
        CoreModule.invariants(binder()).addBinding().to(OneNodePerResourceInvariant.class);
        CoreModule.invariants(binder()).addBinding().to(OneWriterPerDiskInvariant.class);
        bind(OneQuorumPartitionInvariant.class).in(Singleton.class);
        CoreModule.invariants(binder()).addBinding().to(OneQuorumPartitionInvariant.class);
        // ---- one host per SAN volume (begin)
        bind(OneHostPerSanVolumeInvariant.class).in(Singleton.class);
        CoreModule.invariants(binder()).addBinding().to(OneHostPerSanVolumeInvariant.class);
        // ---- one host per SAN volume (end)
        bind(ServerManagerCmd.class).in(Singleton.class);
        CoreModule.commands(binder()).addBinding().to(ServerManagerCmd.class);
        bind(ClusterExe.class).in(Singleton.class);
        CoreModule.commands(binder()).addBinding().to(ClusterExe.class);
        for (Class<? extends Command> command : List.of(NetCommand.class, CaclsCommand.class, MakeDirectory.class,
                TestCluster.class)) {
            bind(command).in(Singleton.class);
            CoreModule.commands(binder()).addBinding().to(command);
        }
        // ---- shutdown.exe (begin)
        bind(ShutdownCommand.class).in(Singleton.class);
        CoreModule.commands(binder()).addBinding().to(ShutdownCommand.class);
        // ---- shutdown.exe (end)
        // ---- move and dir (begin)
        openFiles(binder());
        for (Class<? extends Command> command : List.of(MoveCommand.class, DirCommand.class)) {
            bind(command).in(Singleton.class);
            CoreModule.commands(binder()).addBinding().to(command);
        }
        // ---- move and dir (end)
        bind(ResourceTypeRegistry.class).in(Singleton.class);
        MapBinder<String, ResourceType> types = resourceTypes(binder());
        types.addBinding(PhysicalDiskType.NAME).to(PhysicalDiskType.class);
        types.addBinding(GenericServiceType.NAME).to(GenericServiceType.class);
        types.addBinding(IpAddressType.NAME).to(IpAddressType.class);
        types.addBinding(NetworkNameType.NAME).to(NetworkNameType.class);
        types.addBinding(FileShareType.NAME).to(FileShareType.class);
        types.addBinding(FileShareWitnessType.NAME).to(FileShareWitnessType.class);
        types.addBinding(MajorityNodeSetType.NAME).to(MajorityNodeSetType.class);
    }

    /**
     * The map of resource types every cluster of the lab knows, by type name. A module contributes a type with
     * {@code ClusterModule.resourceTypes(binder()).addBinding("Microsoft Exchange Information Store").to(...)}.
     */
    public static MapBinder<String, ResourceType> resourceTypes(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, ResourceType.class);
    }

    /**
     * The set of programs that keep files open on the lab's hosts, which {@code move} asks before it moves a file. A
     * module contributes one with {@code ClusterModule.openFiles(binder()).addBinding().to(...)}.
     */
    public static Multibinder<OpenFiles> openFiles(Binder binder) {
        return Multibinder.newSetBinder(binder, OpenFiles.class);
    }

    @Provides
    @Singleton
    HostConnectivity connectivity(Kernel kernel, Datacenter datacenter, Topology topology) {
        HostConnectivity connectivity = new HostConnectivity(kernel, datacenter.hosts());
        List<SiteLinksSection.SiteLinkEntry> links = topology.section(new SiteLinksSection())
                .map(SiteLinksSection.SiteLinks::links).orElse(List.of());
        for (int i = 0; i < links.size(); i++) {
            SiteLinksSection.SiteLinkEntry link = links.get(i);
            try {
                connectivity.declareSiteLink(link.between().get(0), link.between().get(1),
                        new HostConnectivity.LinkSpeed(link.latency().duration(), link.bandwidth().bytes()));
            } catch (ExhaException e) {
                throw new ExhaException(CoreErrorCode.TOPOLOGY_INVALID_VALUE, "Invalid value at 'siteLinks[" + i
                        + "].between' in " + topology.file() + ": " + e.getMessage());
            }
        }
        return connectivity;
    }

    @Provides
    @Singleton
    WitnessShare witnessShare(Datacenter datacenter, HostConnectivity connectivity) {
        return new WitnessShare(datacenter.hosts(), connectivity);
    }

    @Provides
    @Singleton
    PhysicalDiskType physicalDisk(StorageFabric fabric, Datacenter datacenter) {
        return new PhysicalDiskType(fabric, datacenter.hosts());
    }

    @Provides
    @Singleton
    GenericServiceType genericService() {
        return new GenericServiceType();
    }

    @Provides
    @Singleton
    IpAddressType ipAddress(Datacenter datacenter, HostConnectivity connectivity, Provider<Clusters> clusters) {
        // Through a provider: the clusters need the types first, and networks change while the lab runs.
        return new IpAddressType(datacenter.hosts(), connectivity, name -> clusters.get().networks(name));
    }

    @Provides
    @Singleton
    NetworkNameType networkName(Datacenter datacenter) {
        return new NetworkNameType(datacenter.hosts());
    }

    @Provides
    @Singleton
    FileShareType fileShare(Datacenter datacenter) {
        return new FileShareType(datacenter.hosts());
    }

    @Provides
    @Singleton
    FileShareWitnessType fileShareWitness(WitnessShare witness) {
        return new FileShareWitnessType(witness);
    }

    @Provides
    @Singleton
    MajorityNodeSetType majorityNodeSet() {
        return new MajorityNodeSetType();
    }

    @Provides
    @Singleton
    Datacenter datacenter(Topology topology, Kernel kernel) {
        // Plugins are found on the class path exha itself was loaded from, so a vendor's jar drops in by classpath.
        return Datacenter.build(topology, kernel, Datacenter.class.getClassLoader());
    }

    @Provides
    @Singleton
    Clusters clusters(Topology topology, Kernel kernel, Datacenter datacenter, HostConnectivity connectivity,
            ResourceTypeRegistry types) {
        // Building starts each cluster's membership, so its heartbeats run from the lab's first instant.
        Clusters clusters = Clusters.build(topology, kernel, datacenter, connectivity, types);
        // The NIC, site-partition and LUN fault points, for the lab's fault plan; unarmed they draw and log nothing.
        ClusterFaultInjector.install(kernel, datacenter.hosts(), connectivity, datacenter.fabric(), clusters::clusters,
                FaultTimings.DEFAULT);
        return clusters;
    }

    @Provides
    @Singleton
    StorageFabric storageFabric(Datacenter datacenter) {
        return datacenter.fabric();
    }
}
