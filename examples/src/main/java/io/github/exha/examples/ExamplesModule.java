package io.github.exha.examples;

import com.google.inject.AbstractModule;
import io.github.exha.availability.AvailabilityModule;
import io.github.exha.cluster.ClusterModule;
import io.github.exha.core.Lab;
import io.github.exha.exchange.ExchangeModule;
import io.github.exha.replication.ReplicationModule;
import io.github.exha.upgrade.UpgradeModule;
import io.github.exha.core.LabSpec;

/**
 * Composes every exha module into the lab the {@code exha} command runs. Core is always installed by the lab
 * itself; each module (storage, cluster, Exchange, replication, upgrade) is installed here as it arrives.
 */
public final class ExamplesModule extends AbstractModule {
    /** A lab with every exha module, as the {@code exha} command builds it. */
    public static Lab createLab(LabSpec spec) {
        return Lab.create(spec, new ExamplesModule());
    }

    @Override
    protected void configure() {
        install(new ClusterModule());
        install(new ExchangeModule());
        install(new ReplicationModule());
        // ---- upgrade (begin)
        install(new UpgradeModule());
        // ---- upgrade (end)
        // ---- availability estimate (begin)
        install(new AvailabilityModule());
        // ---- availability estimate (end)
    }
}
