package io.github.exha.examples.asyncarray;

import io.github.exha.storage.kit.AbstractConsistencyGroup;
import io.github.exha.storage.kit.ArrayLink;
import io.github.exha.storage.kit.ArrayLun;
import io.github.exha.storage.kit.ChangeMap;
import io.github.exha.storage.kit.SparseLun;
import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.Capability;
import io.github.exha.storage.spi.ReplicationMode;
import io.github.exha.storage.spi.ReplicationPair;
import io.github.exha.storage.spi.ReplicationState;
import io.github.exha.storage.spi.ReplicationStatus;
import io.github.exha.storage.spi.ResyncDirection;
import io.github.exha.storage.spi.StorageErrorCode;
import io.github.exha.storage.spi.StorageException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A consistency group of the {@code async-array} plugin, replicating over a {@link ArrayLink}; the same object is
 * listed by its source and its target array. The state machine is the one {@link ReplicationState} draws.
 *
 * <p><b>Data path: cycles.</b> Only ASYNC groups exist (a SYNC group is refused when it is created). IN_SYNC, a source
 * write is acknowledged at once and joins the open cycle. A cycle closes at the next multiple of the source array's
 * {@link CycleOptions#cycle()} on the virtual clock (all groups of an array close their cycles together); its writes
 * are then shipped over the link's FIFO in write order across all pairs of the group and applied in that order, so
 * the target always holds a prefix of the group's write order, at most one cycle plus the transfer time behind. While
 * SYNCHRONIZING, writes in the copy's direction are acknowledged at once and make their chunks dirty again, so the copy
 * takes them over before the group reaches IN_SYNC.
 *
 * <p><b>Copy work</b> (enable, resume, resync, failback) goes chunk by chunk ({@value SparseLun#CHUNK_SIZE} bytes) as
 * link transfers, keeping the link busy, so it takes the chunks' bytes / bandwidth plus a latency. A chunk the sending
 * side never wrote travels as a zero-byte "hole" message. This array keeps no change map across a suspension
 * ({@link io.github.exha.storage.spi.Capability#INCREMENTAL_RESUME} is not claimed): resume and resync copy every
 * chunk the winning side ever wrote, plus the chunks the losing side changed. Failback copies only the changes made on
 * the promoted targets (the array journals them while FAILED_OVER).
 *
 * <p><b>Leaving replication</b> (suspend, failover, disable, link or array lost): writes of the open cycle and of the
 * cycles in flight become dirty chunks, so pending bytes are then the bytes of changed chunks. Failover counts the
 * writes it leaves behind in {@link #lostWrites()} and in the event's {@code lostWrites} detail: the cycle's tail.
 *
 * <p><b>Not supported</b>, refused with UNSUPPORTED_CAPABILITY before any other check: SYNC mode, split, reverse and
 * resync TARGET_TO_SOURCE.
 *
 * <p><b>Choices where the SPI leaves room</b>:
 * <ul>
 *   <li>Events about the group are emitted once per transition, by the current source array, or by the target array
 *       while the source is powered off.</li>
 *   <li>suspend is accepted from DISCONNECTED too (the administrator takes over a broken group).</li>
 *   <li>resume is refused with INVALID_STATE whenever the targets hold changes the sources lack: resync
 *       SOURCE_TO_TARGET discards them.</li>
 *   <li>failover needs the target array powered on; enable, resume, resync and failback need both arrays and the
 *       link (UNREACHABLE otherwise). suspend and disable always succeed.</li>
 *   <li>failback makes the sources READ_ONLY at once, copies the union of both change maps target &rarr; source while
 *       the targets stay writable, then in one step makes the sources READ_WRITE and the targets READ_ONLY
 *       (IN_SYNC).</li>
 *   <li>An interrupted copy keeps its remaining chunks in the change map of the side that was winning.</li>
 *   <li>disable forgets change maps and queued writes; a later enable copies in full.</li>
 * </ul>
 */
public final class CycleConsistencyGroup extends AbstractConsistencyGroup<CycleArray, CyclePair> {
    /** Writes of closed cycles, shipped over the link and not yet applied, in write order. */
    private final ArrayDeque<AsyncWrite> asyncQueue = new ArrayDeque<>();
    private long asyncQueuedBytes;
    /** Writes of the open cycle, acknowledged and not yet shipped, in write order. */
    private final ArrayDeque<AsyncWrite> openCycle = new ArrayDeque<>();
    private long openCycleBytes;
    /** The epoch in which a cycle close is scheduled; none is when it differs from {@link #epoch}. */
    private long cycleCloseEpoch = -1;

    /** Source-side writes the target lacks while not replicating, and when the oldest was acknowledged. */
    private long sourceWrites;
    private Instant oldestSourceWrite;
    private long lostWrites;

    CycleConsistencyGroup(String name, ReplicationMode mode, CycleArray source, CycleArray target,
            ArrayLink<CycleArray> link) {
        super(name, mode, source, target, link);
    }

    @Override
    protected CyclePair newPair(int index, ArrayLun<CycleArray, CyclePair> source, ArrayLun<CycleArray, CyclePair> target) {
        return new CyclePair(this, index, source, target);
    }

    @Override
    protected void renumber(CyclePair pair, int index) {
        pair.index = index;
    }

    /** Writes failovers left behind on the source, never shipped to the target, since the group was created. */
    public long lostWrites() {
        return lostWrites;
    }

    @Override
    public ReplicationStatus status() {
        List<ReplicationPair> refs = new ArrayList<>(pairs.size());
        for (CyclePair pair : pairs) {
            refs.add(pair.ref());
        }
        Lag lag = switch (state) {
            case IN_SYNC -> new Lag(asyncQueue.size() + openCycle.size(), asyncQueuedBytes + openCycleBytes,
                    oldestUnapplied(), 1.0);
            case SYNCHRONIZING -> new Lag(sourceWrites, copy.remainingBytes(), Optional.ofNullable(oldestSourceWrite),
                    copy.progress());
            case DISABLED -> new Lag(0, 0, Optional.empty(), 1.0);
            case SUSPENDED, DISCONNECTED, SPLIT, FAILED_OVER -> new Lag(sourceWrites, changedBytes(),
                    Optional.ofNullable(oldestSourceWrite), 1.0);
        };
        return new ReplicationStatus(name, mode, state, source.name(), target.name(), refs, lag.writes(), lag.bytes(),
                lag.oldest(), lag.progress(), link.state(), link.now());
    }

    private Optional<Instant> oldestUnapplied() {
        AsyncWrite oldest = asyncQueue.isEmpty() ? openCycle.peekFirst() : asyncQueue.peekFirst();
        return oldest == null ? Optional.empty() : Optional.of(oldest.acknowledged());
    }

    // ---- operations ------------------------------------------------------------------------------------------

    @Override
    public void suspend() {
        switch (state) {
            case SUSPENDED -> {
                return;
            }
            case DISABLED, SPLIT, FAILED_OVER -> throw refused(StorageErrorCode.INVALID_STATE, "suspend", "it is "
                    + state, null);
            case SYNCHRONIZING, IN_SYNC, DISCONNECTED -> {
                abandon();
                ReplicationState from = enter(ReplicationState.SUSPENDED);
                announce(from, "suspend", Map.of());
            }
        }
    }

    @Override
    public void resume() {
        switch (state) {
            case SYNCHRONIZING, IN_SYNC -> {
                return;
            }
            case DISABLED, SPLIT, FAILED_OVER -> throw refused(StorageErrorCode.INVALID_STATE, "resume", "it is "
                    + state + (state == ReplicationState.DISABLED ? "; enable it" : "; use resync with a direction"),
                    null);
            case SUSPENDED, DISCONNECTED -> {
                for (CyclePair pair : pairs) {
                    if (!pair.targetChanges.isEmpty()) {
                        throw refused(StorageErrorCode.INVALID_STATE, "resume", "target LUN " + pair.target.ref()
                                + " was written while the group was " + state + "; use resync(SOURCE_TO_TARGET) to"
                                + " discard those writes (this array cannot resync from the target)",
                                pair.source.name());
                    }
                }
                requireReachable("resume", true);
                epoch++;
                ChangeMap[] work = new ChangeMap[pairs.size()];
                long chunks = 0;
                for (CyclePair pair : pairs) {
                    work[pair.index] = withEveryWrittenChunk(pair.sourceChanges, pair.source);
                    chunks += work[pair.index].count();
                    pair.sourceChanges = new ChangeMap(pair.source.data().chunkCount());
                }
                ReplicationState from = beginCopy(false, work, () -> { });
                for (CyclePair pair : pairs) {
                    target.changeAccess(pair.target, AccessState.READ_ONLY, "replication target of " + name);
                }
                announce(from, "resume: full copy of " + chunks + " written chunks", Map.of());
            }
        }
    }

    @Override
    public void split() {
        throw unsupported("split", Capability.SPLIT);
    }

    @Override
    public void failover() {
        switch (state) {
            case FAILED_OVER -> {
                return;
            }
            case DISABLED -> throw refused(StorageErrorCode.INVALID_STATE, "fail over", "it is DISABLED", null);
            case SYNCHRONIZING, IN_SYNC, SUSPENDED, DISCONNECTED, SPLIT -> {
                target.requirePowered("fail over consistency group " + name);
                abandon();
                long lost = sourceWrites;
                lostWrites += lost;
                ReplicationState from = enter(ReplicationState.FAILED_OVER);
                for (CyclePair pair : pairs) {
                    target.changeAccess(pair.target, AccessState.READ_WRITE, "failover of " + name);
                }
                if (source.isPoweredOn()) {
                    for (CyclePair pair : pairs) {
                        source.changeAccess(pair.source, AccessState.READ_ONLY, "failover of " + name);
                    }
                }
                announce(from, "failover", Map.of("lostWrites", Long.toString(lost)));
            }
        }
    }

    @Override
    public void failback() {
        if (state != ReplicationState.FAILED_OVER) {
            throw refused(StorageErrorCode.INVALID_STATE, "fail back", "it is " + state + ", not FAILED_OVER", null);
        }
        requireReachable("fail back", true);
        epoch++;
        ReplicationState from = beginCopy(true, unionOfChanges(), () -> {
            for (CyclePair pair : pairs) {
                source.changeAccess(pair.source, AccessState.READ_WRITE, "failback of " + name);
                target.changeAccess(pair.target, AccessState.READ_ONLY, "failback of " + name);
            }
        });
        for (CyclePair pair : pairs) {
            source.changeAccess(pair.source, AccessState.READ_ONLY, "failback of " + name);
        }
        announce(from, "failback: copying target changes back", Map.of());
    }

    @Override
    public void reverse() {
        throw unsupported("reverse", Capability.REVERSE);
    }

    @Override
    public void resync(ResyncDirection direction) {
        if (direction == null) {
            throw refused(StorageErrorCode.INVALID_ARGUMENT, "resync", "a direction is needed", null);
        }
        switch (direction) {
            case SOURCE_TO_TARGET -> { }
            case TARGET_TO_SOURCE -> throw unsupported("resync TARGET_TO_SOURCE",
                    Capability.RESYNC_TARGET_TO_SOURCE);
        }
        switch (state) {
            case DISABLED, SYNCHRONIZING, IN_SYNC -> throw refused(StorageErrorCode.INVALID_STATE, "resync " + direction,
                    "it is " + state + (state == ReplicationState.DISABLED ? "; enable it" : ", already replicating"),
                    null);
            case SUSPENDED, DISCONNECTED, SPLIT, FAILED_OVER -> {
                requireReachable("resync " + direction, true);
                epoch++;
                ChangeMap[] work = unionOfChanges();
                for (CyclePair pair : pairs) {
                    work[pair.index] = withEveryWrittenChunk(work[pair.index], pair.source);
                }
                ReplicationState from = beginCopy(false, work, () -> { });
                for (CyclePair pair : pairs) {
                    target.changeAccess(pair.target, AccessState.READ_ONLY, "resync of " + name);
                    source.changeAccess(pair.source, AccessState.READ_WRITE, "resync of " + name);
                }
                announce(from, "resync SOURCE_TO_TARGET: full copy", Map.of());
            }
        }
    }

    @Override
    public void disable() {
        if (state == ReplicationState.DISABLED) {
            return;
        }
        abandon();
        for (CyclePair pair : pairs) {
            pair.sourceChanges.clearAll();
            pair.targetChanges.clearAll();
        }
        clearTracking();
        ReplicationState from = enter(ReplicationState.DISABLED);
        announce(from, "disable", Map.of());
    }

    // ---- faults ------------------------------------------------------------------------------------------------

    /** The link or an array was lost: a replicating group goes DISCONNECTED. */
    void lost(String reason) {
        if (state != ReplicationState.IN_SYNC && state != ReplicationState.SYNCHRONIZING) {
            return;
        }
        abandon();
        ReplicationState from = enter(ReplicationState.DISCONNECTED);
        announce(from, reason, Map.of());
    }

    /** An array of this group powered on: fence the sources of a failover it missed. */
    void poweredOn(CycleArray array) {
        if (state == ReplicationState.FAILED_OVER && array == source) {
            for (CyclePair pair : pairs) {
                source.changeAccess(pair.source, AccessState.READ_ONLY, "failed over to " + target.name()
                        + " while powered off");
            }
        }
    }

    /** Whether replication writes to this LUN now, so the administrator may not change its access state. */
    boolean isReceiving(ArrayLun<CycleArray, CyclePair> lun) {
        CyclePair pair = lun.pair();
        return switch (state) {
            case IN_SYNC -> pair.target == lun;
            case SYNCHRONIZING -> copy.towardsSource() ? pair.source == lun : pair.target == lun;
            case DISABLED, SUSPENDED, DISCONNECTED, SPLIT, FAILED_OVER -> false;
        };
    }

    // ---- data path ---------------------------------------------------------------------------------------------

    /** A host wrote to one of the pair's LUNs (already applied there); returns when the write is acknowledged. */
    CompletableFuture<Void> written(CyclePair pair, ArrayLun<CycleArray, CyclePair> lun, long offset, byte[] buffer,
            int from, int length) {
        boolean onSource = pair.source == lun;
        return switch (state) {
            case DISABLED -> CompletableFuture.completedFuture(null);
            case IN_SYNC -> {
                if (!onSource) {
                    track(pair, false, offset, length);
                    yield CompletableFuture.completedFuture(null);
                }
                yield switch (mode) {
                    case SYNC -> throw new IllegalStateException("vendor " + CycleStorageProvider.VENDOR_ID
                            + " never creates a SYNC group");
                    case ASYNC -> queueAsync(pair, offset, Arrays.copyOfRange(buffer, from, from + length));
                };
            }
            case SYNCHRONIZING -> {
                if (onSource != copy.towardsSource()) {
                    // the copy runs from this side: the chunk goes (again) with it
                    copy.work(pair.index).setRange(offset, length);
                    if (onSource) {
                        countSourceWrite();
                    }
                } else {
                    track(pair, onSource, offset, length);
                }
                yield CompletableFuture.completedFuture(null);
            }
            case SUSPENDED, DISCONNECTED, SPLIT, FAILED_OVER -> {
                track(pair, onSource, offset, length);
                yield CompletableFuture.completedFuture(null);
            }
        };
    }

    private void track(CyclePair pair, boolean onSource, long offset, long length) {
        if (onSource) {
            pair.sourceChanges.setRange(offset, length);
            countSourceWrite();
        } else {
            pair.targetChanges.setRange(offset, length);
        }
    }

    private void countSourceWrite() {
        sourceWrites++;
        if (oldestSourceWrite == null) {
            oldestSourceWrite = link.now();
        }
    }

    private CompletableFuture<Void> queueAsync(CyclePair pair, long offset, byte[] data) {
        openCycle.addLast(new AsyncWrite(pair, offset, data, link.now()));
        openCycleBytes += data.length;
        if (cycleCloseEpoch != epoch) {
            cycleCloseEpoch = epoch;
            long scheduledIn = epoch;
            link.schedule(untilCycleCloses(), () -> {
                if (scheduledIn == epoch) {
                    closeCycle();
                }
            });
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Cycles close at multiples of the source array's cycle on the virtual clock: the same instants for every group. */
    private Duration untilCycleCloses() {
        long cycle = source.options().cycle().toNanos();
        long now = Duration.between(Instant.EPOCH, link.now()).toNanos();
        return Duration.ofNanos(cycle - Math.floorMod(now, cycle));
    }

    /** Ships the open cycle's writes in write order; the link's FIFO delivers them in that order. */
    private void closeCycle() {
        cycleCloseEpoch = -1;
        long sent = epoch;
        while (!openCycle.isEmpty()) {
            AsyncWrite write = openCycle.pollFirst();
            openCycleBytes -= write.data().length;
            asyncQueue.addLast(write);
            asyncQueuedBytes += write.data().length;
            // applying the head on each arrival keeps the group's write order on the target
            link.transmit(source, write.data().length, () -> {
                if (sent != epoch) {
                    return;
                }
                AsyncWrite head = asyncQueue.pollFirst();
                asyncQueuedBytes -= head.data().length;
                head.pair().target.data().write(head.offset(), head.data(), 0, head.data().length);
            });
        }
    }

    /** Stops all replication traffic: queued writes and unfinished copy work become dirty chunks again. */
    private void abandon() {
        epoch++;
        for (ArrayDeque<AsyncWrite> writes : List.of(asyncQueue, openCycle)) {
            for (AsyncWrite write : writes) {
                write.pair().sourceChanges.setRange(write.offset(), write.data().length);
                sourceWrites++;
                if (oldestSourceWrite == null || write.acknowledged().isBefore(oldestSourceWrite)) {
                    oldestSourceWrite = write.acknowledged();
                }
            }
            writes.clear();
        }
        asyncQueuedBytes = 0;
        openCycleBytes = 0;
        if (copy != null) {
            copy.returnWork();
            copy = null;
        }
    }

    private ChangeMap[] unionOfChanges() {
        ChangeMap[] work = new ChangeMap[pairs.size()];
        for (CyclePair pair : pairs) {
            ChangeMap union = pair.sourceChanges;
            union.addAll(pair.targetChanges);
            work[pair.index] = union;
            pair.sourceChanges = new ChangeMap(pair.source.data().chunkCount());
            pair.targetChanges.clearAll();
        }
        return work;
    }

    /** Adds every chunk {@code side} holds data in to {@code changes}: this array copies in full, not incrementally. */
    private static ChangeMap withEveryWrittenChunk(ChangeMap changes, ArrayLun<CycleArray, CyclePair> side) {
        for (long chunk = side.data().nextAllocated(0); chunk >= 0; chunk = side.data().nextAllocated(chunk + 1)) {
            changes.set(chunk);
        }
        return changes;
    }

    @Override
    protected void clearTracking() {
        sourceWrites = 0;
        oldestSourceWrite = null;
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    private StorageException unsupported(String what, Capability capability) {
        return new StorageException(StorageErrorCode.UNSUPPORTED_CAPABILITY, "Cannot " + what + " consistency group '"
                + name + "' (" + source.name() + " -> " + target.name() + "): vendor " + CycleStorageProvider.VENDOR_ID
                + " does not support " + capability + ".", source.name());
    }

    /** What status() reports as lag. */
    private record Lag(long writes, long bytes, Optional<Instant> oldest, double progress) {
    }

    /** An ASYNC write acknowledged and not yet applied on the target. */
    private record AsyncWrite(CyclePair pair, long offset, byte[] data, Instant acknowledged) {
    }
}
