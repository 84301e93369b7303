package io.github.exha.storage.kit;

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
import io.github.exha.storage.spi.ReplicationState;
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
 * The semantics-free skeleton of a simulated storage array: hosts, sparse LUNs with masking and access states, host
 * I/O, links and the bookkeeping of consistency groups. What replication <em>means</em> (modes, copies, failover,
 * what a lost link or a power cut does to a group) is the plugin's: it extends this class and fills in the hooks.
 * Every operation validates completely before it changes anything, so a refused operation leaves the array as it
 * was.
 *
 * <p>Semantics this skeleton fixes where the SPI leaves room:
 * <ul>
 *   <li>While powered off, the read-only accessors ({@link #hosts()}, {@link #luns()}, {@link #lun}, {@link #links()},
 *       {@link #consistencyGroup}, {@link #consistencyGroups()}, {@link #freeBytes()}) and {@link #open} still answer
 *       (they describe configuration the host already knows); I/O through an opened device fails with UNREACHABLE.</li>
 *   <li>I/O checks run in this order: UNREACHABLE, NOT_FOUND (the LUN the device was opened on was deleted, even if one
 *       of the same name was created since), NOT_PRESENTED, INVALID_ARGUMENT (null buffer, negative length, buffer
 *       bounds), MISALIGNED_IO, OUT_OF_RANGE (including a negative offset), NOT_READY, READ_ONLY. A zero-length I/O at
 *       an aligned offset within the LUN is accepted and does nothing.</li>
 *   <li>Writes are durable as soon as they are applied, so {@code flush()} completes at once; a write to a paired LUN
 *       is handed to {@link #replicate} after it is applied.</li>
 *   <li>{@link #setAccessState} refuses (INVALID_STATE) to change a LUN that replication is currently writing to, as
 *       {@link #isReceiving} says.</li>
 *   <li>Links and groups join two arrays of the same plugin; an array of another vendor is refused
 *       (UNSUPPORTED_CAPABILITY).</li>
 * </ul>
 *
 * @param <A> the plugin's array type (the subclass itself)
 * @param <P> the plugin's replication pair type, stored on each paired {@link ArrayLun}
 * @param <G> the plugin's consistency group type
 */
public abstract class AbstractStorageArray<A extends AbstractStorageArray<A, P, G>, P, G extends ConsistencyGroup>
        implements StorageArray {
    private final Class<A> type;
    private final ArraySpec spec;
    private final StorageContext context;
    private final TreeMap<String, HostSpec> hosts = new TreeMap<>();
    private final TreeMap<String, ArrayLun<A, P>> luns = new TreeMap<>();
    private final TreeMap<String, ArrayLink<A>> links = new TreeMap<>();
    private final TreeMap<String, G> groups = new TreeMap<>();
    private long reservedBytes;
    private boolean poweredOn = true;

    /**
     * @param type the subclass, so links and groups can be refused with arrays of another vendor
     * @param spec the array's settings
     * @param context the host's clock, scheduler and event sink
     */
    protected AbstractStorageArray(Class<A> type, ArraySpec spec, StorageContext context) {
        this.type = type;
        this.spec = spec;
        this.context = context;
    }

    // ---- hooks: the plugin's semantics ---------------------------------------------------------------------------

    /** The most LUNs this array holds. */
    protected abstract int maxLuns();

    /** The name of the vendor option that sets {@link #maxLuns()}, quoted when the limit refuses a LUN. */
    protected abstract String maxLunsOption();

    /** The consistency group a pair belongs to (named in refusals). */
    protected abstract G groupOf(P pair);

    /** The group's current state (named in refusals). */
    protected abstract ReplicationState stateOf(G group);

    /** Whether replication is writing to this paired LUN now, so an administrator may not change its access state. */
    protected abstract boolean isReceiving(ArrayLun<A, P> lun);

    /** The advice ending the refusal of {@link #setAccessState} on a receiving LUN ("Suspend the group first."). */
    protected abstract String accessChangeAdvice();

    /** Whether this paired LUN is the target of its pair (a READ_ONLY refusal then says so). */
    protected abstract boolean isTarget(ArrayLun<A, P> lun);

    /**
     * Replicates a host write just applied to a paired LUN.
     *
     * @return completes when the host may consider the write done (at once for asynchronous replication)
     */
    protected abstract CompletableFuture<Void> replicate(P pair, ArrayLun<A, P> lun, long offset, byte[] source,
            int from, int length);

    /**
     * Checks a group spec against what this array supports, before anything else is checked, so an unsupported mode
     * is refused the same way in every state. The default accepts every spec.
     */
    protected void checkSupported(GroupSpec groupSpec) {
        // everything the SPI can express is supported unless the plugin says otherwise
    }

    /** Creates a consistency group whose spec, link and target have been validated; the kit registers it. */
    protected abstract G newGroup(GroupSpec groupSpec, A target, ArrayLink<A> link);

    /** A link of this array (connected by this array) went down; its transfers in flight are already dropped. */
    protected abstract void linkDown(ArrayLink<A> link);

    /** The array has just powered off (the event is journaled); tell the groups. */
    protected abstract void poweredOff();

    /** The array has just powered on (the event is journaled); tell the groups. */
    protected abstract void poweredOn();

    // ---- identity ------------------------------------------------------------------------------------------------

    /** The host's clock, scheduler and event sink. */
    public StorageContext context() {
        return context;
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
            throw new StorageException(StorageErrorCode.ALREADY_EXISTS, "Array '" + name()
                    + "' already has a host named '" + host.name() + "'.", name(), null, host.name());
        }
        hosts.put(host.name(), host);
    }

    @Override
    public void removeHost(String host) {
        requirePowered("remove host " + host);
        requireHost(host);
        for (ArrayLun<A, P> lun : luns.values()) {
            if (lun.masking().contains(host)) {
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
        ArrayLun<A, P> lun = requireLun(lunName);
        requireHost(host);
        boolean changed = presented ? lun.masking().add(host) : lun.masking().remove(host);
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
            throw new StorageException(StorageErrorCode.ALREADY_EXISTS, "Array '" + name()
                    + "' already has a LUN named '" + lunSpec.name() + "'.", name(), lunSpec.name(), null);
        }
        if (lunSpec.capacityBytes() > freeBytes() || lunSpec.capacityBytes() > SparseLun.MAX_CAPACITY) {
            throw new StorageException(StorageErrorCode.INSUFFICIENT_CAPACITY, "Array '" + name()
                    + "' cannot create LUN '" + lunSpec.name() + "' of " + lunSpec.capacityBytes() + " bytes: only " + freeBytes()
                    + " bytes are free.", name(), lunSpec.name(), null);
        }
        if (luns.size() >= maxLuns()) {
            throw new StorageException(StorageErrorCode.INSUFFICIENT_CAPACITY, "Array '" + name()
                    + "' cannot create LUN '" + lunSpec.name() + "': it already holds " + luns.size() + " LUNs, its limit (option "
                    + maxLunsOption() + ").", name(), lunSpec.name(), null);
        }
        ArrayLun<A, P> lun = new ArrayLun<>(self(), lunSpec);
        luns.put(lunSpec.name(), lun);
        reservedBytes += lunSpec.capacityBytes();
        emit(StorageEvent.Type.LUN_CREATED, lunSpec.name(), Map.of("capacityBytes",
                Long.toString(lunSpec.capacityBytes()), "blockSize", Integer.toString(lunSpec.blockSize())));
        return lun.info();
    }

    @Override
    public void deleteLun(String lunName) {
        requirePowered("delete LUN " + lunName);
        ArrayLun<A, P> lun = requireLun(lunName);
        if (!lun.masking().isEmpty()) {
            throw new StorageException(StorageErrorCode.LUN_IN_USE, "Cannot delete LUN '" + lunName + "' on array '"
                    + name() + "': it is presented to " + String.join(", ", lun.masking()) + ".", name(), lunName,
                    lun.masking().first());
        }
        if (lun.pair() != null) {
            throw new StorageException(StorageErrorCode.LUN_IN_USE, "Cannot delete LUN '" + lunName + "' on array '"
                    + name() + "': it is in a replication pair of consistency group '" + groupOf(lun.pair()).name()
                    + "'.", name(), lunName, null);
        }
        luns.remove(lunName);
        reservedBytes -= lun.spec().capacityBytes();
        emit(StorageEvent.Type.LUN_DELETED, lunName, Map.of());
    }

    @Override
    public LunInfo lun(String lunName) {
        return requireLun(lunName).info();
    }

    @Override
    public List<LunInfo> luns() {
        List<LunInfo> infos = new ArrayList<>(luns.size());
        for (ArrayLun<A, P> lun : luns.values()) {
            infos.add(lun.info());
        }
        return List.copyOf(infos);
    }

    @Override
    public void setAccessState(String lunName, AccessState state) {
        requireArgument(state != null, "an access state");
        requirePowered("set the access state of LUN " + lunName);
        ArrayLun<A, P> lun = requireLun(lunName);
        if (lun.pair() != null && isReceiving(lun)) {
            G group = groupOf(lun.pair());
            throw new StorageException(StorageErrorCode.INVALID_STATE, "Cannot set LUN '" + lunName + "' on array '"
                    + name() + "' to " + state + ": consistency group '" + group.name() + "' is "
                    + stateOf(group) + " and writes to it. " + accessChangeAdvice(), name(), lunName, null);
        }
        changeAccess(lun, state, "administrator");
    }

    /** Sets a LUN's access state and journals the change, if it is one ({@code reason} goes into the event). */
    public void changeAccess(ArrayLun<A, P> lun, AccessState state, String reason) {
        AccessState from = lun.access();
        if (from == state) {
            return;
        }
        lun.access(state);
        emit(StorageEvent.Type.ACCESS_STATE_CHANGED, lun.name(), Map.of("from", from.name(), "to", state.name(),
                "reason", reason));
    }

    @Override
    public BlockDevice open(String lunName, String host) {
        ArrayLun<A, P> lun = requireLun(lunName);
        requireHost(host);
        return new ArrayBlockDevice<>(self(), lun, host);
    }

    /** The LUN of that name, or null. */
    public ArrayLun<A, P> findLun(String lunName) {
        return luns.get(lunName);
    }

    // ---- I/O ---------------------------------------------------------------------------------------------------

    void read(ArrayLun<A, P> lun, String host, long offset, byte[] target, int from, int length) {
        checkIo(lun, host, offset, target, from, length, "read");
        if (lun.access() == AccessState.NOT_READY) {
            throw ioError(StorageErrorCode.NOT_READY, lun, host, "read", "the LUN is not ready");
        }
        lun.data().read(offset, target, from, length);
    }

    CompletableFuture<Void> write(ArrayLun<A, P> lun, String host, long offset, byte[] source, int from, int length) {
        checkIo(lun, host, offset, source, from, length, "write");
        switch (lun.access()) {
            case NOT_READY -> throw ioError(StorageErrorCode.NOT_READY, lun, host, "write", "the LUN is not ready");
            case READ_ONLY -> throw ioError(StorageErrorCode.READ_ONLY, lun, host, "write", "the LUN is read-only"
                    + (lun.pair() != null && isTarget(lun) ? " (a replication target of consistency group '"
                    + groupOf(lun.pair()).name() + "')" : ""));
            case READ_WRITE -> {
                // writable: fall through to the write below
            }
        }
        if (length == 0) {
            return CompletableFuture.completedFuture(null);
        }
        lun.data().write(offset, source, from, length);
        P pair = lun.pair();
        if (pair == null) {
            return CompletableFuture.completedFuture(null);
        }
        return replicate(pair, lun, offset, source, from, length);
    }

    CompletableFuture<Void> flush(ArrayLun<A, P> lun, String host) {
        checkAttached(lun, host, "flush");
        // every applied write is durable at once in this simulation
        return CompletableFuture.completedFuture(null);
    }

    private void checkAttached(ArrayLun<A, P> lun, String host, String what) {
        if (!poweredOn) {
            throw ioError(StorageErrorCode.UNREACHABLE, lun, host, what, "the array is powered off");
        }
        if (luns.get(lun.name()) != lun) {
            throw ioError(StorageErrorCode.NOT_FOUND, lun, host, what, "the LUN was deleted");
        }
        if (!lun.masking().contains(host)) {
            throw ioError(StorageErrorCode.NOT_PRESENTED, lun, host, what, "the LUN is not presented to the host");
        }
    }

    private void checkIo(ArrayLun<A, P> lun, String host, long offset, byte[] buffer, int from, int length,
            String what) {
        checkAttached(lun, host, what);
        if (buffer == null || length < 0 || from < 0 || from > buffer.length - length) {
            throw ioError(StorageErrorCode.INVALID_ARGUMENT, lun, host, what, "bad buffer: "
                    + (buffer == null ? "null" : "length " + buffer.length) + ", from " + from + ", length " + length);
        }
        int blockSize = lun.spec().blockSize();
        if ((offset & (blockSize - 1)) != 0 || (length & (blockSize - 1)) != 0) {
            throw ioError(StorageErrorCode.MISALIGNED_IO, lun, host, what, "offset " + offset + " and length " + length
                    + " must be multiples of the block size " + blockSize);
        }
        if (offset < 0 || offset > lun.spec().capacityBytes() - length) {
            throw ioError(StorageErrorCode.OUT_OF_RANGE, lun, host, what, "bytes " + offset + ".." + (offset + length)
                    + " are outside the LUN's " + lun.spec().capacityBytes() + " bytes");
        }
    }

    private StorageException ioError(StorageErrorCode code, ArrayLun<A, P> lun, String host, String what, String why) {
        return new StorageException(code, "Cannot " + what + " LUN '" + lun.name() + "' on array '" + name()
                + "' from host '" + host + "': " + why + ".", name(), lun.name(), host);
    }

    // ---- replication -------------------------------------------------------------------------------------------

    @Override
    public ReplicationLink connect(StorageArray remote, LinkSpec linkSpec) {
        requireArgument(remote != null && linkSpec != null, "a remote array and a link spec");
        requirePowered("connect link " + linkSpec.name());
        if (!type.isInstance(remote)) {
            throw new StorageException(StorageErrorCode.UNSUPPORTED_CAPABILITY, "Array '" + name()
                    + "' (vendor " + vendorId() + ") cannot replicate with array '" + remote.name() + "' of vendor '"
                    + remote.vendorId() + "'.", name());
        }
        A other = type.cast(remote);
        if (other == this || other.name().equals(name())) {
            throw new StorageException(StorageErrorCode.INVALID_ARGUMENT, "Array '" + name()
                    + "' cannot be linked to itself (link '" + linkSpec.name() + "').", name());
        }
        other.requirePowered("connect link " + linkSpec.name());
        AbstractStorageArray<A, P, G> otherBase = other;
        if (links.containsKey(linkSpec.name()) || otherBase.links.containsKey(linkSpec.name())) {
            throw new StorageException(StorageErrorCode.ALREADY_EXISTS, "A link named '" + linkSpec.name()
                    + "' already exists on array '" + (links.containsKey(linkSpec.name()) ? name() : other.name())
                    + "'.", name());
        }
        ArrayLink<A> link = new ArrayLink<>(linkSpec, self(), other);
        links.put(linkSpec.name(), link);
        otherBase.links.put(linkSpec.name(), link);
        return link;
    }

    @Override
    public List<ReplicationLink> links() {
        return List.copyOf(links.values());
    }

    /** A link of this array, as the kit's own type (for its byte counter). */
    public ArrayLink<A> link(String linkName) {
        ArrayLink<A> link = links.get(linkName);
        if (link == null) {
            throw new StorageException(StorageErrorCode.NOT_FOUND, "Array '" + name() + "' has no link named '"
                    + linkName + "'.", name());
        }
        return link;
    }

    @Override
    public ConsistencyGroup createConsistencyGroup(GroupSpec groupSpec) {
        requireArgument(groupSpec != null, "a group spec");
        checkSupported(groupSpec);
        requirePowered("create consistency group " + groupSpec.name());
        ArrayLink<A> link = links.get(groupSpec.link());
        if (link == null) {
            throw new StorageException(StorageErrorCode.NOT_FOUND, "Array '" + name() + "' has no link named '"
                    + groupSpec.link() + "' for consistency group '" + groupSpec.name() + "'.", name());
        }
        A target = link.otherEnd(self());
        AbstractStorageArray<A, P, G> targetBase = target;
        if (!target.name().equals(groupSpec.targetArray())) {
            throw new StorageException(StorageErrorCode.NOT_FOUND, "Link '" + groupSpec.link() + "' of array '" + name()
                    + "' leads to array '" + target.name() + "', not to '" + groupSpec.targetArray()
                    + "' (consistency group '" + groupSpec.name() + "').", name());
        }
        if (groups.containsKey(groupSpec.name()) || targetBase.groups.containsKey(groupSpec.name())) {
            throw new StorageException(StorageErrorCode.ALREADY_EXISTS, "A consistency group named '"
                    + groupSpec.name() + "' already exists on array '" + (groups.containsKey(groupSpec.name()) ? name()
                    : target.name()) + "'.", name());
        }
        target.requirePowered("create consistency group " + groupSpec.name());
        G group = newGroup(groupSpec, target, link);
        groups.put(groupSpec.name(), group);
        targetBase.groups.put(groupSpec.name(), group);
        return group;
    }

    @Override
    public ConsistencyGroup consistencyGroup(String groupName) {
        G group = groups.get(groupName);
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

    /** The groups this array takes part in, as source or target, in name order (a copy). */
    public List<G> groups() {
        return List.copyOf(groups.values());
    }

    // ---- faults --------------------------------------------------------------------------------------------------

    @Override
    public void powerOff() {
        if (!poweredOn) {
            return;
        }
        emit(StorageEvent.Type.ARRAY_POWER_CHANGED, name(), Map.of("powered", "off"));
        poweredOn = false;
        poweredOff();
    }

    @Override
    public void powerOn() {
        if (poweredOn) {
            return;
        }
        poweredOn = true;
        emit(StorageEvent.Type.ARRAY_POWER_CHANGED, name(), Map.of("powered", "on"));
        poweredOn();
    }

    @Override
    public boolean isPoweredOn() {
        return poweredOn;
    }

    // ---- shared checks ---------------------------------------------------------------------------------------

    /** Journals an event of this array, stamped with the lab's virtual time. */
    public void emit(StorageEvent.Type eventType, String subject, Map<String, String> details) {
        context.events().onEvent(new StorageEvent(context.clock().instant(), eventType, name(), subject, details));
    }

    /** Refuses (UNREACHABLE) to {@code what} while the array is powered off. */
    public void requirePowered(String what) {
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

    private ArrayLun<A, P> requireLun(String lunName) {
        ArrayLun<A, P> lun = lunName == null ? null : luns.get(lunName);
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

    private A self() {
        return type.cast(this);
    }

    @Override
    public String toString() {
        return vendorId() + " array " + name() + " (" + site() + ", " + (poweredOn ? "on" : "off") + ")";
    }
}
