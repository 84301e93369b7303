package io.github.exha.storage.tck.plugins;

import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.BlockDevice;
import io.github.exha.storage.spi.ConsistencyGroup;
import io.github.exha.storage.spi.GroupSpec;
import io.github.exha.storage.spi.HostSpec;
import io.github.exha.storage.spi.LinkSpec;
import io.github.exha.storage.spi.LunInfo;
import io.github.exha.storage.spi.LunSpec;
import io.github.exha.storage.spi.ReplicationLink;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageContext;
import java.util.List;

/** An array forwarding to a working one; devices and groups are wrapped through the provider's hooks. */
public class ForwardingStorageArray implements StorageArray {
    /** The working array. */
    protected final StorageArray delegate;
    private final ForwardingStorageProvider provider;
    private final StorageContext context;

    /** Forwards to {@code delegate}, wrapping through {@code provider}. */
    public ForwardingStorageArray(StorageArray delegate, ForwardingStorageProvider provider, StorageContext context) {
        this.delegate = delegate;
        this.provider = provider;
        this.context = context;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String site() {
        return delegate.site();
    }

    @Override
    public String serial() {
        return delegate.serial();
    }

    @Override
    public String vendorId() {
        return delegate.vendorId();
    }

    @Override
    public long capacityBytes() {
        return delegate.capacityBytes();
    }

    @Override
    public long freeBytes() {
        return delegate.freeBytes();
    }

    @Override
    public void addHost(HostSpec host) {
        delegate.addHost(host);
    }

    @Override
    public void removeHost(String host) {
        delegate.removeHost(host);
    }

    @Override
    public List<HostSpec> hosts() {
        return delegate.hosts();
    }

    @Override
    public void present(String lun, String host) {
        delegate.present(lun, host);
    }

    @Override
    public void unpresent(String lun, String host) {
        delegate.unpresent(lun, host);
    }

    @Override
    public LunInfo createLun(LunSpec spec) {
        return delegate.createLun(spec);
    }

    @Override
    public void deleteLun(String lun) {
        delegate.deleteLun(lun);
    }

    @Override
    public LunInfo lun(String lun) {
        return delegate.lun(lun);
    }

    @Override
    public List<LunInfo> luns() {
        return delegate.luns();
    }

    @Override
    public void setAccessState(String lun, AccessState state) {
        delegate.setAccessState(lun, state);
    }

    @Override
    public BlockDevice open(String lun, String host) {
        return provider.device(delegate.open(lun, host), delegate, context);
    }

    @Override
    public ReplicationLink connect(StorageArray remote, LinkSpec spec) {
        // The working plugin only links to its own arrays, so hand it the array under the wrapper.
        StorageArray unwrapped = remote instanceof ForwardingStorageArray forwarding ? forwarding.delegate : remote;
        return delegate.connect(unwrapped, spec);
    }

    @Override
    public List<ReplicationLink> links() {
        return delegate.links();
    }

    @Override
    public ConsistencyGroup createConsistencyGroup(GroupSpec spec) {
        return provider.group(delegate.createConsistencyGroup(spec));
    }

    @Override
    public ConsistencyGroup consistencyGroup(String name) {
        return provider.group(delegate.consistencyGroup(name));
    }

    @Override
    public List<ConsistencyGroup> consistencyGroups() {
        return delegate.consistencyGroups().stream().map(provider::group).toList();
    }

    @Override
    public void powerOff() {
        delegate.powerOff();
    }

    @Override
    public void powerOn() {
        delegate.powerOn();
    }

    @Override
    public boolean isPoweredOn() {
        return delegate.isPoweredOn();
    }
}
