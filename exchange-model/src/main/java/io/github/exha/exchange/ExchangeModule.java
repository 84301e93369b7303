package io.github.exha.exchange;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.CoreModule;
import io.github.exha.core.command.Command;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.topology.Topology;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.server.InformationStore;
import io.github.exha.exchange.shell.ShellCommands;
import io.github.exha.exchange.topology.ExchangeSection;
import io.github.exha.exchange.topology.ExchangeTopology;

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
        // The store is bound by the store's own block; the cmdlets take it as optional so listing works without it.
        OptionalBinder.newOptionalBinder(binder(), InformationStore.class);
        for (Class<? extends Command> cmdlet : ShellCommands.all()) {
            bind(cmdlet).in(Singleton.class);
            CoreModule.commands(binder()).addBinding().to(cmdlet);
        }
        // ---- shell cmdlets (end)
    }

    @Provides
    @Singleton
    ExchangeDirectory directory(Topology topology, Kernel kernel, Datacenter datacenter, Clusters clusters) {
        return ExchangeTopology.build(topology, kernel, datacenter, clusters);
    }
}
