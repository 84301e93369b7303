package io.github.exha.archfixtures.layering.clustertoexchange.cluster;

import io.github.exha.archfixtures.layering.clustertoexchange.exchange.StorageGroup;

/** Violation: cluster-model depends on exchange-model, which sits above it. */
public class ClusterGroup {
    private final StorageGroup storageGroup = new StorageGroup();

    public StorageGroup storageGroup() {
        return storageGroup;
    }
}
