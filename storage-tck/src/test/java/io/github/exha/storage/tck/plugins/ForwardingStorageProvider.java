package io.github.exha.storage.tck.plugins;

import io.github.exha.storage.spi.ArraySpec;
import io.github.exha.storage.spi.BlockDevice;
import io.github.exha.storage.spi.Capability;
import io.github.exha.storage.spi.ConsistencyGroup;
import io.github.exha.storage.spi.SpiVersion;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageContext;
import io.github.exha.storage.spi.StorageProvider;
import java.util.Set;

/**
 * A plugin that forwards everything to a working one. A broken plugin overrides one of the wrapping hooks to break
 * exactly one rule, so the TCK can be shown to catch that breakage and nothing else.
 */
public class ForwardingStorageProvider implements StorageProvider {
    private final StorageProvider delegate;

    /** Forwards to {@code delegate}. */
    public ForwardingStorageProvider(StorageProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public String vendorId() {
        return delegate.vendorId();
    }

    @Override
    public String displayName() {
        return delegate.displayName();
    }

    @Override
    public SpiVersion spiVersion() {
        return delegate.spiVersion();
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public StorageArray createArray(ArraySpec spec, StorageContext context) {
        return array(delegate.createArray(spec, context), context);
    }

    /** Wraps an array; override to break an array rule. */
    protected StorageArray array(StorageArray array, StorageContext context) {
        return new ForwardingStorageArray(array, this, context);
    }

    /** Wraps a block device; override to break an I/O rule. */
    protected BlockDevice device(BlockDevice device, StorageArray array, StorageContext context) {
        return new ForwardingBlockDevice(device);
    }

    /** Wraps a consistency group; override to break a replication rule. */
    protected ConsistencyGroup group(ConsistencyGroup group) {
        return new ForwardingConsistencyGroup(group);
    }
}
