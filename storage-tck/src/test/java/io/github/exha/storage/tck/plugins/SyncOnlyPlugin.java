package io.github.exha.storage.tck.plugins;

import io.github.exha.storage.spi.Capability;
import io.github.exha.storage.spi.ConsistencyGroup;
import io.github.exha.storage.spi.GroupSpec;
import io.github.exha.storage.spi.ReplicationMode;
import io.github.exha.storage.spi.ReplicationState;
import io.github.exha.storage.spi.ResyncDirection;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageContext;
import io.github.exha.storage.spi.StorageErrorCode;
import io.github.exha.storage.spi.StorageException;
import io.github.exha.storage.spi.StorageProvider;
import java.util.EnumSet;
import java.util.Set;

/**
 * Correct, but modest: claims only {@link Capability#SYNC_REPLICATION} and refuses everything else with
 * {@link StorageErrorCode#UNSUPPORTED_CAPABILITY}, as the SPI asks. The TCK must skip the other capabilities' rules
 * and fail none.
 */
public final class SyncOnlyPlugin extends ForwardingStorageProvider {
    /** Narrows {@code working}. */
    public SyncOnlyPlugin(StorageProvider working) {
        super(working);
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.SYNC_REPLICATION);
    }

    @Override
    protected StorageArray array(StorageArray array, StorageContext context) {
        return new ForwardingStorageArray(array, this, context) {
            @Override
            public ConsistencyGroup createConsistencyGroup(GroupSpec spec) {
                if (spec.mode() != ReplicationMode.SYNC) {
                    throw unsupported("ASYNC replication");
                }
                return super.createConsistencyGroup(spec);
            }
        };
    }

    @Override
    protected ConsistencyGroup group(ConsistencyGroup group) {
        return new ForwardingConsistencyGroup(group) {
            @Override
            public void addPair(String sourceLun, String targetLun) {
                if (delegate.status().state() == ReplicationState.DISABLED && !delegate.status().pairs().isEmpty()) {
                    throw unsupported("more than one pair in a consistency group");
                }
                delegate.addPair(sourceLun, targetLun);
            }

            @Override
            public void split() {
                throw unsupported("split");
            }

            @Override
            public void failover() {
                throw unsupported("failover");
            }

            @Override
            public void failback() {
                throw unsupported("failback");
            }

            @Override
            public void reverse() {
                throw unsupported("reverse");
            }

            @Override
            public void resync(ResyncDirection direction) {
                throw unsupported("resync");
            }
        };
    }

    private static StorageException unsupported(String what) {
        return new StorageException(StorageErrorCode.UNSUPPORTED_CAPABILITY, "This plugin does not support " + what
                + ".", null);
    }
}
