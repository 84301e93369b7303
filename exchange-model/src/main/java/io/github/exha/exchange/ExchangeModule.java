package io.github.exha.exchange;

import com.google.inject.AbstractModule;

/**
 * The Exchange model's bindings: the organization read from the topology, the mailbox stores on the hosts'
 * volumes, the Exchange cluster resource types added to the cluster module's registry, setup and the Exchange
 * Management Shell cmdlets. Install it next to the {@code ClusterModule}.
 */
public final class ExchangeModule extends AbstractModule {
    @Override
    protected void configure() {
        binder().requireExplicitBindings();
    }
}
