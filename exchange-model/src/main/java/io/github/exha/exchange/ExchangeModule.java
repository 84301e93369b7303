package io.github.exha.exchange;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import io.github.exha.cluster.ClusterModule;
import io.github.exha.cluster.failover.ResourceType;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.CoreModule;
import io.github.exha.core.command.Command;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.topology.Topology;
import io.github.exha.exchange.clustering.ClusteredMailboxServers;
import io.github.exha.exchange.clustering.DatabaseMountGate;
import io.github.exha.exchange.clustering.PassiveCopySeeding;
import io.github.exha.exchange.clustering.ClusteredServerGroups;
import io.github.exha.exchange.clustering.ExchangeResourceKind;
import io.github.exha.exchange.clustering.ExchangeResourceTypes;
import io.github.exha.exchange.clustering.GetClusteredMailboxServerStatus;
import io.github.exha.exchange.clustering.MoveClusteredMailboxServer;
import io.github.exha.exchange.clustering.MoveClusteredMailboxServerCheck;
import io.github.exha.exchange.clustering.StartClusteredMailboxServer;
import io.github.exha.exchange.clustering.StopClusteredMailboxServer;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.server.AcknowledgedMailInvariant;
import io.github.exha.exchange.server.MountedDatabaseInvariant;
import io.github.exha.exchange.server.ExchangeInformationStore;
import io.github.exha.exchange.server.InformationStore;
import io.github.exha.exchange.server.MailFlow;
import io.github.exha.exchange.server.Outages;
import io.github.exha.exchange.server.TransportDumpster;
import io.github.exha.exchange.setup.SetupCommand;
import io.github.exha.exchange.setup.SetupMedia;
import io.github.exha.exchange.shell.ShellCommands;
import io.github.exha.exchange.topology.ExchangeSection;
import io.github.exha.exchange.topology.ExchangeTopology;
import io.github.exha.exchange.update.ExchangeBuildsReport;
import io.github.exha.exchange.update.ExchangeServicePackSetup;
import io.github.exha.exchange.update.HotfixPackage;
import io.github.exha.exchange.update.PendingRestarts;
import io.github.exha.exchange.update.UpdateExchangeVirtualServer;
import io.github.exha.exchange.update.WindowsUpdatePackage;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.OpenFile;
import io.github.exha.cluster.host.OpenFiles;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * The Exchange model's bindings: the {@code exchange:} topology section and the organization's directory built from
 * it, the mailbox stores on the hosts' volumes, the Exchange cluster resource types added to the cluster module's
 * registry, setup and the Exchange Management Shell cmdlets. Install it next to the {@code ClusterModule}.
 */
public final class ExchangeModule extends AbstractModule {
    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        CoreModule.topologySections(binder()).addBinding().toInstance(new ExchangeSection());
        // ---- shell cmdlets (begin)
        for (Class<? extends Command> cmdlet : ShellCommands.all()) {
            bind(cmdlet).in(Singleton.class);
            CoreModule.commands(binder()).addBinding().to(cmdlet);
        }
        // ---- shell cmdlets (end)
        // The lab's Information Store runs on the log-based store; an OptionalBinder so an integrator's lab can put its
        // own in (setBinding in a module that overrides this one), and the cmdlets and resources take it as optional.
        // The default is built on first use only, so a lab that puts in its own store never starts this one.
        OptionalBinder.newOptionalBinder(binder(), InformationStore.class).setDefault()
                .toProvider(DefaultInformationStore.class);
        bind(DefaultInformationStore.class).in(Singleton.class);
        CoreModule.invariants(binder()).addBinding().to(AcknowledgedMailInvariant.class);
        // ---- no corrupt database mounted (begin)
        CoreModule.invariants(binder()).addBinding().to(MountedDatabaseInvariant.class);
        // ---- no corrupt database mounted (end)
        CoreModule.reportSections(binder()).addBinding().to(Outages.class);
        // ---- clustering and setup (begin)
        MapBinder<String, ResourceType> types = ClusterModule.resourceTypes(binder());
        for (ExchangeResourceKind kind : ExchangeResourceKind.values()) {
            types.addBinding(kind.typeName()).toProvider(new TypeOfKind(kind, getProvider(ExchangeResourceTypes.class)));
        }
        moveChecks(binder());
        mountGate(binder());
        passiveCopySeeding(binder());
        bind(ClusteredMailboxServers.class).in(Singleton.class);
        for (Class<? extends Command> command : List.of(GetClusteredMailboxServerStatus.class,
                MoveClusteredMailboxServer.class, StartClusteredMailboxServer.class, StopClusteredMailboxServer.class,
                SetupCommand.class)) {
            bind(command).in(Singleton.class);
            CoreModule.commands(binder()).addBinding().to(command);
        }
        // ---- clustering and setup (end)
        // ---- Exchange 2003 service packs, hotfixes and Upgrade Exchange Virtual Server (begin)
        bind(PendingRestarts.class).in(Singleton.class);
        for (Class<? extends Command> command : List.of(ExchangeServicePackSetup.class,
                UpdateExchangeVirtualServer.class)) {
            bind(command).in(Singleton.class);
            CoreModule.commands(binder()).addBinding().to(command);
        }
        for (HotfixPackage hotfix : HotfixPackage.values()) {
            CoreModule.commands(binder()).addBinding().toProvider(new HotfixPackageCommand(hotfix,
                    getProvider(Datacenter.class), getProvider(PendingRestarts.class))).in(Singleton.class);
        }
        bind(ExchangeBuildsReport.class).in(Singleton.class);
        CoreModule.reportSections(binder()).addBinding().to(ExchangeBuildsReport.class);
        // ---- Exchange 2003 service packs, hotfixes and Upgrade Exchange Virtual Server (end)
        // ---- files the Information Store holds open, which move refuses to touch (begin)
        bind(InformationStoreFiles.class).in(Singleton.class);
        ClusterModule.openFiles(binder()).addBinding().to(InformationStoreFiles.class);
        // ---- files the Information Store holds open, which move refuses to touch (end)
    }

    // The command of one hotfix package, built on the lab's hosts and pending restarts.
    private record HotfixPackageCommand(HotfixPackage hotfix, Provider<Datacenter> datacenter,
            Provider<PendingRestarts> restarts) implements Provider<Command> {
        @Override
        public Command get() {
            return new WindowsUpdatePackage(hotfix, datacenter.get(), restarts.get());
        }
    }

    @Provides
    @Singleton
    TransportDumpster transportDumpster(ExchangeDirectory directory, InformationStore store, Kernel kernel) {
        return new TransportDumpster(directory, store, kernel);
    }

    @Provides
    @Singleton
    MailFlow mailFlow(Kernel kernel, ExchangeDirectory directory, InformationStore store, TransportDumpster dumpster,
            Topology topology, ClusteredServerGroups groups) {
        // After the clustered servers' groups are online, so the first messages find their databases mounted.
        return new MailFlow(kernel, directory, store, dumpster, ExchangeTopology.section(topology)
                .flatMap(section -> Optional.ofNullable(section.workload())));
    }

    @Provides
    @Singleton
    AcknowledgedMailInvariant acknowledgedMail(MailFlow mail, Outages outages) {
        return new AcknowledgedMailInvariant(mail, outages);
    }

    @Provides
    @Singleton
    MountedDatabaseInvariant mountedDatabases(ExchangeDirectory directory, InformationStore store, Kernel kernel) {
        return new MountedDatabaseInvariant(directory, store, kernel.journal());
    }

    @Provides
    @Singleton
    Outages outages(Kernel kernel, ExchangeDirectory directory, InformationStore store, MailFlow mail,
            TransportDumpster dumpster) {
        return new Outages(kernel, directory, store, mail, dumpster);
    }

    @Provides
    @Singleton
    ExchangeDirectory directory(Topology topology, Kernel kernel, Datacenter datacenter, Clusters clusters) {
        return ExchangeTopology.build(topology, kernel, datacenter, clusters);
    }

    /**
     * The groups of the clustered servers: built eagerly with the lab, it creates and brings online the EVS and CMS
     * groups the topology declares. Depend on it (or ask the lab for it) to build, move or remove groups.
     */
    @Provides
    @Singleton
    ClusteredServerGroups clusteredServerGroups(Clusters clusters, ExchangeDirectory directory, Kernel kernel,
            Topology topology) {
        ClusteredServerGroups groups = new ClusteredServerGroups(clusters, directory, kernel);
        groups.createDeclared(ExchangeTopology.section(topology));
        return groups;
    }

    /** The media setup.com runs from: the topology's {@code exchange: media:}, else Exchange 2007 SP1. */
    @Provides
    @Singleton
    SetupMedia setupMedia(Topology topology) {
        return SetupMedia.of(topology);
    }

    /** Multibinder of the checks Move-ClusteredMailboxServer runs before a move (replication adds its own). */
    public static Multibinder<MoveClusteredMailboxServerCheck> moveChecks(Binder binder) {
        return Multibinder.newSetBinder(binder, MoveClusteredMailboxServerCheck.class);
    }

    /** Optional binder of the gate a Database Instance asks before it mounts (replication sets it for CCR). */
    public static OptionalBinder<DatabaseMountGate> mountGate(Binder binder) {
        return OptionalBinder.newOptionalBinder(binder, DatabaseMountGate.class);
    }

    /** Optional binder of the seeding that follows a CCR passive node's setup (replication sets it). */
    public static OptionalBinder<PassiveCopySeeding> passiveCopySeeding(Binder binder) {
        return OptionalBinder.newOptionalBinder(binder, PassiveCopySeeding.class);
    }

    @Provides
    @Singleton
    ExchangeResourceTypes exchangeResourceTypes(Provider<ExchangeDirectory> directory, Provider<Clusters> clusters,
            Provider<Optional<InformationStore>> store, Provider<Optional<DatabaseMountGate>> gate) {
        // Providers: the clusters need the types first, and the directory and the store are built on the clusters.
        return new ExchangeResourceTypes(directory::get, clusters::get, store, gate);
    }

    // One map entry per type name, all served by the one ExchangeResourceTypes.
    private record TypeOfKind(ExchangeResourceKind kind, Provider<ExchangeResourceTypes> types)
            implements Provider<ResourceType> {
        @Override
        public ResourceType get() {
            return types.get().type(kind);
        }
    }

    // The files of the lab's Information Store, asked when a command needs them (the store is built on first use).
    private static final class InformationStoreFiles implements OpenFiles {
        private final Provider<Optional<InformationStore>> store;

        @Inject
        InformationStoreFiles(Provider<Optional<InformationStore>> store) {
            this.store = store;
        }

        @Override
        public List<OpenFile> openOn(Host host) {
            return store.get().map(s -> s.openFiles(host)).orElse(List.of());
        }
    }

    // Builds the lab's ExchangeInformationStore once, when something first asks for the InformationStore.
    private static final class DefaultInformationStore implements Provider<InformationStore> {
        private final Provider<ExchangeDirectory> directory;
        private final Provider<Datacenter> datacenter;
        private final Kernel kernel;
        private InformationStore store;

        @Inject
        DefaultInformationStore(Provider<ExchangeDirectory> directory, Provider<Datacenter> datacenter,
                Kernel kernel) {
            this.directory = directory;
            this.datacenter = datacenter;
            this.kernel = kernel;
        }

        @Override
        public InformationStore get() {
            if (store == null) {
                store = new ExchangeInformationStore(directory.get(), datacenter.get(), kernel);
            }
            return store;
        }
    }
}
