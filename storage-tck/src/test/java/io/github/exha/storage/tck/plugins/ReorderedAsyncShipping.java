package io.github.exha.storage.tck.plugins;

import io.github.exha.storage.spi.BlockDevice;
import io.github.exha.storage.spi.ConsistencyGroup;
import io.github.exha.storage.spi.ReplicationMode;
import io.github.exha.storage.spi.ReplicationState;
import io.github.exha.storage.spi.ReplicationStatus;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageContext;
import io.github.exha.storage.spi.StorageProvider;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Broken: while an ASYNC group replicates, every fourth write to one of its sources is acknowledged at once but held
 * back and issued 300 µs later, so the target sees writes out of the acknowledged order (rule 4.9).
 */
public final class ReorderedAsyncShipping extends ForwardingStorageProvider {
    private long writes;

    /** Breaks {@code working}. */
    public ReorderedAsyncShipping(StorageProvider working) {
        super(working);
    }

    @Override
    protected BlockDevice device(BlockDevice device, StorageArray array, StorageContext context) {
        return new ForwardingBlockDevice(device) {
            @Override
            public CompletableFuture<Void> write(long offset, byte[] source, int from, int length) {
                if (!replicatingAsync(array, device) || ++writes % 4 != 0) {
                    return delegate.write(offset, source, from, length);
                }
                byte[] held = Arrays.copyOfRange(source, from, from + length);
                context.scheduler().schedule(Duration.ofNanos(300_000), () -> delegate.write(offset, held, 0, length));
                return CompletableFuture.completedFuture(null);
            }
        };
    }

    private static boolean replicatingAsync(StorageArray array, BlockDevice device) {
        for (ConsistencyGroup group : array.consistencyGroups()) {
            ReplicationStatus status = group.status();
            if (status.mode() == ReplicationMode.ASYNC && status.state() == ReplicationState.IN_SYNC
                    && status.pairs().stream().anyMatch(p -> p.source().equals(device.lun()))) {
                return true;
            }
        }
        return false;
    }
}
