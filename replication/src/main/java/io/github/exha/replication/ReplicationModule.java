package io.github.exha.replication;

import com.google.inject.AbstractModule;

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
        // ---- continuous replication (end)
        // ---- storage-based replication (begin)
        // ---- storage-based replication (end)
    }
}
