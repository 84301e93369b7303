package io.github.exha.storage.tck.plugins;

import io.github.exha.storage.spi.BlockDevice;
import io.github.exha.storage.spi.LunRef;
import java.util.concurrent.CompletableFuture;

/** A block device forwarding to a working one. */
public class ForwardingBlockDevice implements BlockDevice {
    /** The working device. */
    protected final BlockDevice delegate;

    /** Forwards to {@code delegate}. */
    public ForwardingBlockDevice(BlockDevice delegate) {
        this.delegate = delegate;
    }

    @Override
    public LunRef lun() {
        return delegate.lun();
    }

    @Override
    public String host() {
        return delegate.host();
    }

    @Override
    public int blockSize() {
        return delegate.blockSize();
    }

    @Override
    public long capacityBytes() {
        return delegate.capacityBytes();
    }

    @Override
    public void read(long offset, byte[] target, int from, int length) {
        delegate.read(offset, target, from, length);
    }

    @Override
    public CompletableFuture<Void> write(long offset, byte[] source, int from, int length) {
        return delegate.write(offset, source, from, length);
    }

    @Override
    public CompletableFuture<Void> flush() {
        return delegate.flush();
    }
}
