package io.github.exha.storage.tck.plugins;

import io.github.exha.storage.spi.ConsistencyGroup;
import io.github.exha.storage.spi.ResyncDirection;
import io.github.exha.storage.spi.StorageProvider;

/** Broken: resync always copies source to target, whatever direction is asked for (rule 4.22). */
public final class ResyncIgnoresDirection extends ForwardingStorageProvider {
    /** Breaks {@code working}. */
    public ResyncIgnoresDirection(StorageProvider working) {
        super(working);
    }

    @Override
    protected ConsistencyGroup group(ConsistencyGroup group) {
        return new ForwardingConsistencyGroup(group) {
            @Override
            public void resync(ResyncDirection direction) {
                delegate.resync(ResyncDirection.SOURCE_TO_TARGET);
            }
        };
    }
}
