package io.github.exha.storage.tck.plugins;

import io.github.exha.storage.spi.BlockDevice;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageContext;
import io.github.exha.storage.spi.StorageProvider;
import java.util.concurrent.CompletableFuture;

/** Broken: acknowledges every write at once, so a SYNC write is acknowledged before the target has it (rule 4.7). */
public final class EarlySyncAcknowledgement extends ForwardingStorageProvider {
    /** Breaks {@code working}. */
    public EarlySyncAcknowledgement(StorageProvider working) {
        super(working);
    }

    @Override
    protected BlockDevice device(BlockDevice device, StorageArray array, StorageContext context) {
        return new ForwardingBlockDevice(device) {
            @Override
            public CompletableFuture<Void> write(long offset, byte[] source, int from, int length) {
                delegate.write(offset, source, from, length);
                return CompletableFuture.completedFuture(null);
            }
        };
    }
}
