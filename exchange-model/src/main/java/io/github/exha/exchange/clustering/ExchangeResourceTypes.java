package io.github.exha.exchange.clustering;

import io.github.exha.cluster.topology.Clusters;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.server.InformationStore;
import jakarta.inject.Provider;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The lab's Exchange cluster resource types, one per {@link ExchangeResourceKind}, added to the cluster registry. */
public final class ExchangeResourceTypes {
    private final Map<ExchangeResourceKind, ExchangeServiceType> types = new EnumMap<>(ExchangeResourceKind.class);

    /**
     * The types.
     *
     * @param directory the organization (a provider: it is built after the clusters)
     * @param clusters the lab's clusters (a provider: they need the types first)
     * @param store the Information Store service, if the lab binds one
     */
    public ExchangeResourceTypes(Provider<ExchangeDirectory> directory, Provider<Clusters> clusters,
            Provider<Optional<InformationStore>> store) {
        this(directory, clusters, store, Optional::empty);
    }

    /**
     * The types, whose Database Instance resources ask {@code gate} before they mount.
     *
     * @param gate the mount gate, if the lab binds one (the replication module does, for CCR)
     */
    public ExchangeResourceTypes(Provider<ExchangeDirectory> directory, Provider<Clusters> clusters,
            Provider<Optional<InformationStore>> store, Provider<Optional<DatabaseMountGate>> gate) {
        for (ExchangeResourceKind kind : ExchangeResourceKind.values()) {
            types.put(kind, new ExchangeServiceType(kind, directory, clusters, store, gate));
        }
    }

    /** The type of a kind. */
    public ExchangeServiceType type(ExchangeResourceKind kind) {
        return types.get(kind);
    }
}
