package io.github.exha.examples.asyncarray;

import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.ArraySpec;
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
import io.github.exha.storage.spi.StorageErrorCode;
import io.github.exha.storage.spi.StorageEvent;
import io.github.exha.storage.spi.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * A simulated storage array of vendor {@code async-array}: hosts, sparse LUNs with masking and access states, links and
 * consistency groups. Every operation validates completely before it changes anything, so a refused operation leaves
 * the array as it was.
 *
 * <p>Semantics chosen where the SPI leaves room:
 * <ul>
 *   <li>While powered off, the read-only accessors ({@link #hosts()}, {@link #luns()}, {@link #lun}, {@link #links()},
 *       {@link #consistencyGroup}, {@link #consistencyGroups()}, {@link #freeBytes()}) and {@link #open} still answer
 *       (they describe configuration the host already knows); I/O through an opened device fails with UNREACHABLE.</li>
 *   <li>I/O checks run in this order: UNREACHABLE, NOT_FOUND (the LUN the device was opened on was deleted, even if one
 *       of the same name was created since), NOT_PRESENTED, INVALID_ARGUMENT (null buffer, negative length, buffer
 *       bounds), MISALIGNED_IO, OUT_OF_RANGE (including a negative offset), NOT_READY, READ_ONLY. A zero-length I/O at
 *       an aligned offset within the LUN is accepted and does nothing.</li>
 *   <li>Writes are durable as soon as they are applied, so {@code flush()} completes at once.</li>
 *   <li>{@link #setAccessState} refuses (INVALID_STATE) to change a LUN that replication is currently writing to: a
 *       target while its group is IN_SYNC or copying towards it, a source while a failback copies over it.</li>
 *   <li>When an array powers on, the source LUNs of groups that failed over while it was off are made READ_ONLY
 *       (fenced), as a real array does once it learns its partner took over.</li>
 * </ul>
 */
public final class CycleArray implements StorageArray {
    private final ArraySpec spec;
    private final StorageContext context;
    private final CycleOptions options;
    private final TreeMap<String, HostSpec> hosts = new TreeMap<>();
    private final TreeMap<String, CycleLun> luns = new TreeMap<>();
    private final TreeMap<String, CycleLink> links = new TreeMap<>();
    private final TreeMap<String, CycleConsistencyGroup> groups = new TreeMap<>();
    private long reservedBytes;
    private boolean poweredOn = true;

    CycleArray(ArraySpec spec, StorageContext context, CycleOptions options) {
        this.spec = spec;
        this.context = context;
        this.options = options;
    }

    StorageContext context() {
        return context;
    }

    /** The parsed vendor options. */
    public CycleOptions options() {
        return options;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public String site() {
        return spec.site();
    }

    @Override
    public String serial() {
        return spec.serial();
    }

    @Override
    public String vendorId() {
        return CycleStorageProvider.VENDOR_ID;
    }

    @Override
    public long capacityBytes() {
        return spec.capacityBytes();
    }

    @Override
    public long freeBytes() {
        return spec.capacityBytes() - reservedBytes;
    }

    // ---- hosts and masking -----------------------------------------------------------------------------------

    @Override
    public void addHost(HostSpec host) {
        requireArgument(host != null, "a host spec");
        requirePowered("add host " + host.name());
        if (hosts.containsKey(host.name())) {
            throw new StorageException(StorageErrorCode.ALREADY_EXISTS, "Array '" + name() + "' already has a host named '"
                    + host.name() + "'.", name(), null, host.name());
        }
        hosts.put(host.name(), host);
    }

    @Override
    public void removeHost(String host) {
        requirePowered("remove host " + host);
        requireHost(host);
        for (CycleLun lun : luns.values()) {
            if (lun.presentedTo.contains(host)) {
                throw new StorageException(StorageErrorCode.LUN_IN_USE, "Cannot remove host '" + host + "' from array '"
                        + name() + "': LUN '" + lun.name() + "' is still presented to it.", name(), lun.name(), host);
            }
        }
        hosts.remove(host);
    }

    @Override
    public List<HostSpec> hosts() {
        return List.copyOf(hosts.values());
    }

    @Override
    public void present(String lun, String host) {
        mask(lun, host, true);
    }

    @Override
    public void unpresent(String lun, String host) {
        mask(lun, host, false);
    }

    private void mask(String lunName, String host, boolean presented) {
        requirePowered((presented ? "present LUN " : "unpresent LUN ") + lunName);
        CycleLun lun = requireLun(lunName);
        requireHost(host);
        boolean changed = presented ? lun.presentedTo.add(host) : lun.presentedTo.remove(host);
        if (changed) {
            emit(StorageEvent.Type.MASKING_CHANGED, lunName, Map.of("host", host, "presented",
                    Boolean.toString(presented)));
        }
    }

    // ---- LUNs ------------------------------------------------------------------------------------------------

    @Override
    public LunInfo createLun(LunSpec lunSpec) {
        requireArgument(lunSpec != null, "a LUN spec");
        requirePowered("create LUN " + lunSpec.name());
        if (luns.containsKey(lunSpec.name())) {
            throw new StorageException(StorageErrorCode.ALREADY_EXISTS, "Array '" + name() + "' already has a LUN named '"
                    + lunSpec.name() + "'.", name(), lunSpec.name(), null);
        }
        if (lunSpec.capacityBytes() > freeBytes() || lunSpec.capacityBytes() > SparseLun.MAX_CAPACITY) {
            throw new StorageException(StorageErrorCode.INSUFFICIENT_CAPACITY, "Array '" + name() + "' cannot create LUN '"
                    + lunSpec.name() + "' of " + lunSpec.capacityBytes() + " bytes: only " + freeBytes()
                    + " bytes are free.", name(), lunSpec.name(), null);
        }
        if (luns.size() >= options.maxLuns()) {
            throw new StorageException(StorageErrorCode.INSUFFICIENT_CAPACITY, "Array '" + name() + "' cannot create LUN '"
                    + lunSpec.name() + "': it already holds " + luns.size() + " LUNs, its limit (option "
                    + CycleOptions.MAX_LUNS + ").", name(), lunSpec.name(), null);
        }
        CycleLun lun = new CycleLun(this, lunSpec);
        luns.put(lunSpec.name(), lun);
        reservedBytes += lunSpec.capacityBytes();
        emit(StorageEvent.Type.LUN_CREATED, lunSpec.name(), Map.of("capacityBytes",
                Long.toString(lunSpec.capacityBytes()), "blockSize", Integer.toString(lunSpec.blockSize())));
        return lun.info();
    }

    @Override
    public void deleteLun(String lunName) {
        requirePowered("delete LUN " + lunName);
        CycleLun lun = requireLun(lunName);
        if (!lun.presentedTo.isEmpty()) {
            throw new StorageException(StorageErrorCode.LUN_IN_USE, "Cannot delete LUN '" + lunName + "' on array '"
                    + name() + "': it is presented to " + String.join(", ", lun.presentedTo) + ".", name(), lunName,
                    lun.presentedTo.first());
        }
        if (lun.pair != null) {
            throw new StorageException(StorageErrorCode.LUN_IN_USE, "Cannot delete LUN '" + lunName + "' on array '"
                    + name() + "': it is in a replication pair of consistency group '" + lun.pair.group.name() + "'.",
                    name(), lunName, null);
        }
        luns.remove(lunName);
        reservedBytes -= lun.spec.capacityBytes();
        emit(StorageEvent.Type.LUN_DELETED, lunName, Map.of());
    }

    @Override
    public LunInfo lun(String lunName) {
        return requireLun(lunName).info();
    }

    @Override
    public List<LunInfo> luns() {
        List<LunInfo> infos = new ArrayList<>(luns.size());
        for (CycleLun lun : luns.values()) {
            infos.add(lun.info());
        }
        return List.copyOf(infos);
    }

    @Override
    public void setAccessState(String lunName, AccessState state) {
        requireArgument(state != null, "an access state");
        requirePowered("set the access state of LUN " + lunName);
        CycleLun lun = requireLun(lunName);
        if (lun.pair != null && lun.pair.group.isReceiving(lun)) {
            throw new StorageException(StorageErrorCode.INVALID_STATE, "Cannot set LUN '" + lunName + "' on array '"
                    + name() + "' to " + state + ": consistency group '" + lun.pair.group.name() + "' is "
                    + lun.pair.group.state() + " and writes to it. Suspend the group first.", name(), lunName,
                    null);
        }
        changeAccess(lun, state, "administrator");
    }

    /** Sets a LUN's access state and journals the change, if it is one. */
    void changeAccess(CycleLun lun, AccessState state, String reason) {
        AccessState from = lun.access;
        if (from == state) {
            return;
        }
        lun.access = state;
        emit(StorageEvent.Type.ACCESS_STATE_CHANGED, lun.name(), Map.of("from", from.name(), "to", state.name(),
                "reason", reason));
    }

    @Override
    public BlockDevice open(String lunName, String host) {
        CycleLun lun = requireLun(lunName);
        requireHost(host);
        return new CycleBlockDevice(this, lun, host);
    }

    // ---- I/O ---------------------------------------------------------------------------------------------------

    void read(CycleLun lun, String host, long offset, byte[] target, int from, int length) {
        checkIo(lun, host, offset, target, from, length, "read");
        if (lun.access == AccessState.NOT_READY) {
            throw ioError(StorageErrorCode.NOT_READY, lun, host, "read", "the LUN is not ready");
        }
        lun.data.read(offset, target, from, length);
    }

    CompletableFuture<Void> write(CycleLun lun, String host, long offset, byte[] source, int from, int length) {
        checkIo(lun, host, offset, source, from, length, "write");
        switch (lun.access) {
            case NOT_READY -> throw ioError(StorageErrorCode.NOT_READY, lun, host, "write", "the LUN is not ready");
            case READ_ONLY -> throw ioError(StorageErrorCode.READ_ONLY, lun, host, "write", "the LUN is read-only"
                    + (lun.pair != null && lun.pair.target == lun ? " (a replication target of consistency group '"
                    + lun.pair.group.name() + "')" : ""));
            case READ_WRITE -> {
                // writable: fall through to the write below
            }
        }
        if (length == 0) {
            return CompletableFuture.completedFuture(null);
        }
        lun.data.write(offset, source, from, length);
        CyclePair pair = lun.pair;
        if (pair == null) {
            return CompletableFuture.completedFuture(null);
        }
        return pair.group.written(pair, lun, offset, source, from, length);
    }

    CompletableFuture<Void> flush(CycleLun lun, String host) {
        checkAttached(lun, host, "flush");
        // every applied write is durable at once in this simulation
        return CompletableFuture.completedFuture(null);
    }

    private void checkAttached(CycleLun lun, String host, String what) {
        if (!poweredOn) {
            throw ioError(StorageErrorCode.UNREACHABLE, lun, host, what, "the array is powered off");
        }
        if (luns.get(lun.name()) != lun) {
            throw ioError(StorageErrorCode.NOT_FOUND, lun, host, what, "the LUN was deleted");
        }
        if (!lun.presentedTo.contains(host)) {
            throw ioError(StorageErrorCode.NOT_PRESENTED, lun, host, what, "the LUN is not presented to the host");
        }
    }

    private void checkIo(CycleLun lun, String host, long offset, byte[] buffer, int from, int length, String what) {
        checkAttached(lun, host, what);
        if (buffer == null || length < 0 || from < 0 || from > buffer.length - length) {
            throw ioError(StorageErrorCode.INVALID_ARGUMENT, lun, host, what, "bad buffer: "
                    + (buffer == null ? "null" : "length " + buffer.length) + ", from " + from + ", length " + length);
        }
        int blockSize = lun.spec.blockSize();
        if ((offset & (blockSize - 1)) != 0 || (length & (blockSize - 1)) != 0) {
            throw ioError(StorageErrorCode.MISALIGNED_IO, lun, host, what, "offset " + offset + " and length " + length
                    + " must be multiples of the block size " + blockSize);
        }
        if (offset < 0 || offset > lun.spec.capacityBytes() - length) {
            throw ioError(StorageErrorCode.OUT_OF_RANGE, lun, host, what, "bytes " + offset + ".." + (offset + length)
                    + " are outside the LUN's " + lun.spec.capacityBytes() + " bytes");
        }
    }

    private StorageException ioError(StorageErrorCode code, CycleLun lun, String host, String what, String why) {
        return new StorageException(code, "Cannot " + what + " LUN '" + lun.name() + "' on array '" + name()
                + "' from host '" + host + "': " + why + ".", name(), lun.name(), host);
    }

    // ---- replication -------------------------------------------------------------------------------------------

    @Override
    public ReplicationLink connect(StorageArray remote, LinkSpec linkSpec) {
        requireArgument(remote != null && linkSpec != null, "a remote array and a link spec");
        requirePowered("connect link " + linkSpec.name());
        if (!(remote instanceof CycleArray other)) {
            throw new StorageException(StorageErrorCode.UNSUPPORTED_CAPABILITY, "Array '" + name()
                    + "' (vendor " + CycleStorageProvider.VENDOR_ID + ") cannot replicate with array '" + remote.name() + "' of vendor '"
                    + remote.vendorId() + "'.", name());
        }
        if (other == this || other.name().equals(name())) {
            throw new StorageException(StorageErrorCode.INVALID_ARGUMENT, "Array '" + name()
                    + "' cannot be linked to itself (link '" + linkSpec.name() + "').", name());
        }
        other.requirePowered("connect link " + linkSpec.name());
        if (links.containsKey(linkSpec.name()) || other.links.containsKey(linkSpec.name())) {
            throw new StorageException(StorageErrorCode.ALREADY_EXISTS, "A link named '" + linkSpec.name()
                    + "' already exists on array '" + (links.containsKey(linkSpec.name()) ? name() : other.name())
                    + "'.", name());
        }
        CycleLink link = new CycleLink(linkSpec, this, other);
        links.put(linkSpec.name(), link);
        other.links.put(linkSpec.name(), link);
        return link;
    }

    @Override
    public List<ReplicationLink> links() {
        return List.copyOf(links.values());
    }

    /** A link of this array, as the simulator's own type (for its byte counter). */
    public CycleLink link(String linkName) {
        CycleLink link = links.get(linkName);
        if (link == null) {
            throw new StorageException(StorageErrorCode.NOT_FOUND, "Array '" + name() + "' has no link named '"
                    + linkName + "'.", name());
        }
        return link;
    }

    @Override
    public ConsistencyGroup createConsistencyGroup(GroupSpec groupSpec) {
        requireArgument(groupSpec != null, "a group spec");
        // the capability check comes first, so an unsupported mode is refused the same way in every state
        switch (groupSpec.mode()) {
            case SYNC -> throw new StorageException(StorageErrorCode.UNSUPPORTED_CAPABILITY, "Array '" + name()
                    + "' (vendor " + CycleStorageProvider.VENDOR_ID + ") replicates only asynchronously: consistency"
                    + " group '" + groupSpec.name() + "' cannot use mode SYNC; use ASYNC.", name());
            case ASYNC -> { }
        }
        requirePowered("create consistency group " + groupSpec.name());
        CycleLink link = links.get(groupSpec.link());
        if (link == null) {
            throw new StorageException(StorageErrorCode.NOT_FOUND, "Array '" + name() + "' has no link named '"
                    + groupSpec.link() + "' for consistency group '" + groupSpec.name() + "'.", name());
        }
        CycleArray target = link.otherEnd(this);
        if (!target.name().equals(groupSpec.targetArray())) {
            throw new StorageException(StorageErrorCode.NOT_FOUND, "Link '" + groupSpec.link() + "' of array '" + name()
                    + "' leads to array '" + target.name() + "', not to '" + groupSpec.targetArray()
                    + "' (consistency group '" + groupSpec.name() + "').", name());
        }
        if (groups.containsKey(groupSpec.name()) || target.groups.containsKey(groupSpec.name())) {
            throw new StorageException(StorageErrorCode.ALREADY_EXISTS, "A consistency group named '"
                    + groupSpec.name() + "' already exists on array '" + (groups.containsKey(groupSpec.name()) ? name()
                    : target.name()) + "'.", name());
        }
        target.requirePowered("create consistency group " + groupSpec.name());
        CycleConsistencyGroup group = new CycleConsistencyGroup(groupSpec.name(), groupSpec.mode(), this, target, link);
        groups.put(groupSpec.name(), group);
        target.groups.put(groupSpec.name(), group);
        return group;
    }

    @Override
    public ConsistencyGroup consistencyGroup(String groupName) {
        CycleConsistencyGroup group = groups.get(groupName);
        if (group == null) {
            throw new StorageException(StorageErrorCode.NOT_FOUND, "Array '" + name()
                    + "' takes part in no consistency group named '" + groupName + "'.", name());
        }
        return group;
    }

    @Override
    public List<ConsistencyGroup> consistencyGroups() {
        return List.copyOf(groups.values());
    }

    List<CycleConsistencyGroup> groups() {
        return List.copyOf(groups.values());
    }

    CycleLun findLun(String lunName) {
        return luns.get(lunName);
    }

    // ---- faults --------------------------------------------------------------------------------------------------

    @Override
    public void powerOff() {
        if (!poweredOn) {
            return;
        }
        emit(StorageEvent.Type.ARRAY_POWER_CHANGED, name(), Map.of("powered", "off"));
        poweredOn = false;
        for (CycleConsistencyGroup group : groups()) {
            group.lost("array " + name() + " powered off");
        }
    }

    @Override
    public void powerOn() {
        if (poweredOn) {
            return;
        }
        poweredOn = true;
        emit(StorageEvent.Type.ARRAY_POWER_CHANGED, name(), Map.of("powered", "on"));
        for (CycleConsistencyGroup group : groups()) {
            group.poweredOn(this);
        }
    }

    @Override
    public boolean isPoweredOn() {
        return poweredOn;
    }

    // ---- shared checks ---------------------------------------------------------------------------------------

    void emit(StorageEvent.Type type, String subject, Map<String, String> details) {
        context.events().onEvent(new StorageEvent(context.clock().instant(), type, name(), subject, details));
    }

    void requirePowered(String what) {
        if (!poweredOn) {
            throw new StorageException(StorageErrorCode.UNREACHABLE, "Cannot " + what + ": array '" + name()
                    + "' is powered off.", name());
        }
    }

    private void requireArgument(boolean ok, String what) {
        if (!ok) {
            throw new StorageException(StorageErrorCode.INVALID_ARGUMENT, "Array '" + name() + "' needs " + what + ".",
                    name());
        }
    }

    private CycleLun requireLun(String lunName) {
        CycleLun lun = lunName == null ? null : luns.get(lunName);
        if (lun == null) {
            throw new StorageException(StorageErrorCode.NOT_FOUND, "Array '" + name() + "' has no LUN named '"
                    + lunName + "'.", name(), lunName, null);
        }
        return lun;
    }

    private void requireHost(String host) {
        if (host == null || !hosts.containsKey(host)) {
            throw new StorageException(StorageErrorCode.NOT_FOUND, "Array '" + name() + "' has no host named '" + host
                    + "'.", name(), null, host);
        }
    }

    @Override
    public String toString() {
        return CycleStorageProvider.VENDOR_ID + " array " + name() + " (" + site() + ", " + (poweredOn ? "on" : "off") + ")";
    }
}
