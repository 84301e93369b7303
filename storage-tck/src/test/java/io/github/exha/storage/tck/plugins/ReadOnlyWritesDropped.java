package io.github.exha.storage.tck.plugins;

import io.github.exha.storage.spi.BlockDevice;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageContext;
import io.github.exha.storage.spi.StorageErrorCode;
import io.github.exha.storage.spi.StorageException;
import io.github.exha.storage.spi.StorageProvider;
import java.util.concurrent.CompletableFuture;

/** Broken: a write to a READ_ONLY LUN "succeeds" (it is silently dropped) instead of failing (rules 3.8, 4.6, 4.18). */
public final class ReadOnlyWritesDropped extends ForwardingStorageProvider {
    /** Breaks {@code working}. */
    public ReadOnlyWritesDropped(StorageProvider working) {
        super(working);
    }

    @Override
    protected BlockDevice device(BlockDevice device, StorageArray array, StorageContext context) {
        return new ForwardingBlockDevice(device) {
            @Override
            public CompletableFuture<Void> write(long offset, byte[] source, int from, int length) {
                try {
                    return delegate.write(offset, source, from, length);
                } catch (StorageException e) {
                    if (e.code() == StorageErrorCode.READ_ONLY) {
                        return CompletableFuture.completedFuture(null);
                    }
                    throw e;
                }
            }
        };
    }
}
