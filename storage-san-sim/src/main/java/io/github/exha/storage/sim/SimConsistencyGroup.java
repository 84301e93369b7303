package io.github.exha.storage.sim;

import io.github.exha.storage.kit.AbstractConsistencyGroup;
import io.github.exha.storage.kit.ArrayLink;
import io.github.exha.storage.kit.ArrayLun;
import io.github.exha.storage.kit.ChangeMap;
import io.github.exha.storage.kit.SparseLun;
import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.ReplicationMode;
import io.github.exha.storage.spi.ReplicationPair;
import io.github.exha.storage.spi.ReplicationState;
import io.github.exha.storage.spi.ReplicationStatus;
import io.github.exha.storage.spi.ResyncDirection;
import io.github.exha.storage.spi.StorageErrorCode;
import io.github.exha.storage.spi.StorageEvent;
import io.github.exha.storage.spi.StorageException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A consistency group replicating over a {@link ArrayLink}; the same object is listed by its source and its target
 * array. The state machine is the one {@link ReplicationState} draws.
 *
 * <p><b>Data path.</b> IN_SYNC and SYNC: a source write is applied locally, shipped over the link, applied on the
 * target and acknowledged one latency later, so its future completes after transfer time + 2 × latency. IN_SYNC and
 * ASYNC: acknowledged at once and queued; the group's queue is shipped in write order across all its pairs over the
 * link's FIFO and applied in that order, so the target always holds a prefix of the group's write order. While
 * SYNCHRONIZING, writes in the copy's direction are acknowledged at once and make their chunks dirty again, so the copy
 * takes them over before the group reaches IN_SYNC (the target is not consistent until then anyway).
 *
 * <p><b>Copy work</b> (enable, resume, resync, failback) goes chunk by chunk ({@value SparseLun#CHUNK_SIZE} bytes) as
 * link transfers, keeping the link busy, so it takes the chunks' bytes / bandwidth plus a latency. A chunk the sending
 * side never wrote travels as a zero-byte "hole" message. Enable copies only the source's allocated chunks and turns
 * every other chunk of the target into a hole at once.
 *
 * <p><b>Leaving replication</b> (suspend, split, failover, disable, link or array lost): in-flight SYNC writes are
 * acknowledged locally (domino off), or fail with UNREACHABLE when the array they were written to lost power; queued
 * ASYNC writes and unfinished copy work become dirty chunks in the change maps, so pending bytes are then the bytes of
 * changed chunks. Failover counts the writes it leaves behind in {@link #lostWrites()} and in the event's
 * {@code lostWrites} detail.
 *
 * <p><b>Choices where the SPI leaves room</b>:
 * <ul>
 *   <li>Events about the group are emitted once per transition, by the current source array, or by the target array
 *       while the source is powered off.</li>
 *   <li>suspend is accepted from DISCONNECTED too (the administrator takes over a broken group).</li>
 *   <li>resume is refused with INVALID_STATE whenever the targets hold changes the sources lack (written while
 *       writable, or left behind by a failover that was then reversed): resync with a direction decides.</li>
 *   <li>split and failover need the target array powered on, reverse both arrays; enable, resume, resync and failback
 *       need both arrays and the link (UNREACHABLE otherwise). suspend and disable always succeed.</li>
 *   <li>failback makes the sources READ_ONLY at once, copies the union of both change maps target → source while the
 *       targets stay writable, then in one step makes the sources READ_WRITE and the targets READ_ONLY (IN_SYNC).</li>
 *   <li>resync TARGET_TO_SOURCE makes targets and sources READ_ONLY while it copies (nobody may write a side being
 *       overwritten), then the sources READ_WRITE. resync SOURCE_TO_TARGET makes targets READ_ONLY and sources
 *       READ_WRITE at once.</li>
 *   <li>An interrupted copy keeps its remaining chunks in the change map of the side that was winning, so the next
 *       resume or resync finishes it.</li>
 *   <li>disable forgets change maps and queued writes; a later enable copies in full.</li>
 * </ul>
 */
public final class SimConsistencyGroup extends AbstractConsistencyGroup<SimArray, SimPair> {
    private final ArrayDeque<SyncWrite> syncInFlight = new ArrayDeque<>();
    private final ArrayDeque<AsyncWrite> asyncQueue = new ArrayDeque<>();
    private long asyncQueuedBytes;

    /** Source-side writes the target lacks while not replicating, and when the oldest was acknowledged. */
    private long sourceWrites;
    private Instant oldestSourceWrite;
    /** Target-side writes the source lacks (the target was writable). */
    private long targetWrites;
    private Instant oldestTargetWrite;
    private long lostWrites;

    SimConsistencyGroup(String name, ReplicationMode mode, SimArray source, SimArray target,
            ArrayLink<SimArray> link) {
        super(name, mode, source, target, link);
    }

    @Override
    protected SimPair newPair(int index, ArrayLun<SimArray, SimPair> source, ArrayLun<SimArray, SimPair> target) {
        return new SimPair(this, index, source, target);
    }

    @Override
    protected void renumber(SimPair pair, int index) {
        pair.index = index;
    }

    /** Writes failovers left behind on the source, never shipped to the target, since the group was created. */
    public long lostWrites() {
        return lostWrites;
    }

    @Override
    public ReplicationStatus status() {
        List<ReplicationPair> refs = new ArrayList<>(pairs.size());
        for (SimPair pair : pairs) {
            refs.add(pair.ref());
        }
        Lag lag = switch (state) {
            case IN_SYNC -> new Lag(asyncQueue.size(), asyncQueuedBytes, asyncQueue.isEmpty() ? Optional.empty()
                    : Optional.of(asyncQueue.peekFirst().acknowledged()), 1.0);
            case SYNCHRONIZING -> new Lag(sourceWrites, copy.remainingBytes(), Optional.ofNullable(oldestSourceWrite),
                    copy.progress());
            case DISABLED -> new Lag(0, 0, Optional.empty(), 1.0);
            case SUSPENDED, DISCONNECTED, SPLIT, FAILED_OVER -> new Lag(sourceWrites, changedBytes(),
                    Optional.ofNullable(oldestSourceWrite), 1.0);
        };
        return new ReplicationStatus(name, mode, state, source.name(), target.name(), refs, lag.writes(), lag.bytes(),
                lag.oldest(), lag.progress(), link.state(), link.now());
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
                List<Runnable> acks = abandon(null);
                ReplicationState from = enter(ReplicationState.SUSPENDED);
                announce(from, "suspend", Map.of());
                acks.forEach(Runnable::run);
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
                for (SimPair pair : pairs) {
                    if (!pair.targetChanges.isEmpty()) {
                        throw refused(StorageErrorCode.INVALID_STATE, "resume", "target LUN " + pair.target.ref()
                                + " was written while the group was " + state + "; use resync(SOURCE_TO_TARGET) to"
                                + " discard those writes or resync(TARGET_TO_SOURCE) to keep them",
                                pair.source.name());
                    }
                }
                requireReachable("resume", true);
                epoch++;
                ChangeMap[] work = new ChangeMap[pairs.size()];
                long chunks = 0;
                for (SimPair pair : pairs) {
                    work[pair.index] = pair.sourceChanges;
                    chunks += pair.sourceChanges.count();
                    pair.sourceChanges = new ChangeMap(pair.source.data().chunkCount());
                }
                ReplicationState from = beginCopy(false, work, () -> { });
                for (SimPair pair : pairs) {
                    target.changeAccess(pair.target, AccessState.READ_ONLY, "replication target of " + name);
                }
                announce(from, "resume: incremental copy of " + chunks + " changed chunks", Map.of());
            }
        }
    }

    @Override
    public void split() {
        switch (state) {
            case SPLIT -> {
                return;
            }
            case DISABLED, SYNCHRONIZING, DISCONNECTED, FAILED_OVER -> throw refused(StorageErrorCode.INVALID_STATE,
                    "split", "it is " + state + "; a group splits from IN_SYNC or SUSPENDED", null);
            case IN_SYNC, SUSPENDED -> {
                target.requirePowered("split consistency group " + name);
                List<Runnable> acks = abandon(null);
                ReplicationState from = enter(ReplicationState.SPLIT);
                for (SimPair pair : pairs) {
                    target.changeAccess(pair.target, AccessState.READ_WRITE, "split of " + name);
                }
                announce(from, "split", Map.of());
                acks.forEach(Runnable::run);
            }
        }
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
                List<Runnable> acks = abandon(null);
                long lost = sourceWrites;
                lostWrites += lost;
                ReplicationState from = enter(ReplicationState.FAILED_OVER);
                for (SimPair pair : pairs) {
                    target.changeAccess(pair.target, AccessState.READ_WRITE, "failover of " + name);
                }
                if (source.isPoweredOn()) {
                    for (SimPair pair : pairs) {
                        source.changeAccess(pair.source, AccessState.READ_ONLY, "failover of " + name);
                    }
                }
                announce(from, "failover", Map.of("lostWrites", Long.toString(lost)));
                acks.forEach(Runnable::run);
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
            for (SimPair pair : pairs) {
                source.changeAccess(pair.source, AccessState.READ_WRITE, "failback of " + name);
                target.changeAccess(pair.target, AccessState.READ_ONLY, "failback of " + name);
            }
        });
        for (SimPair pair : pairs) {
            source.changeAccess(pair.source, AccessState.READ_ONLY, "failback of " + name);
        }
        announce(from, "failback: copying target changes back", Map.of());
    }

    @Override
    public void reverse() {
        switch (state) {
            case DISABLED, SYNCHRONIZING, IN_SYNC, DISCONNECTED -> throw refused(StorageErrorCode.INVALID_STATE,
                    "reverse", "it is " + state + "; a group reverses from SUSPENDED, SPLIT or FAILED_OVER", null);
            case SUSPENDED, SPLIT, FAILED_OVER -> {
                source.requirePowered("reverse consistency group " + name);
                target.requirePowered("reverse consistency group " + name);
                epoch++;
                SimArray oldSource = source;
                source = target;
                target = oldSource;
                for (SimPair pair : pairs) {
                    pair.swap();
                }
                long writes = sourceWrites;
                Instant oldest = oldestSourceWrite;
                sourceWrites = targetWrites;
                oldestSourceWrite = oldestTargetWrite;
                targetWrites = writes;
                oldestTargetWrite = oldest;
                ReplicationState from = enter(ReplicationState.SUSPENDED);
                for (SimPair pair : pairs) {
                    source.changeAccess(pair.source, AccessState.READ_WRITE, "reverse of " + name);
                    target.changeAccess(pair.target, AccessState.READ_ONLY, "reverse of " + name);
                }
                observer().emit(StorageEvent.Type.REPLICATION_ROLES_SWAPPED, name, Map.of("source", source.name(),
                        "target", target.name()));
                announce(from, "reverse", Map.of());
            }
        }
    }

    @Override
    public void resync(ResyncDirection direction) {
        if (direction == null) {
            throw refused(StorageErrorCode.INVALID_ARGUMENT, "resync", "a direction is needed", null);
        }
        switch (state) {
            case DISABLED, SYNCHRONIZING, IN_SYNC -> throw refused(StorageErrorCode.INVALID_STATE, "resync " + direction,
                    "it is " + state + (state == ReplicationState.DISABLED ? "; enable it" : ", already replicating"),
                    null);
            case SUSPENDED, DISCONNECTED, SPLIT, FAILED_OVER -> {
                requireReachable("resync " + direction, true);
                epoch++;
                switch (direction) {
                    case SOURCE_TO_TARGET -> {
                        ReplicationState from = beginCopy(false, unionOfChanges(), () -> { });
                        for (SimPair pair : pairs) {
                            target.changeAccess(pair.target, AccessState.READ_ONLY, "resync of " + name);
                            source.changeAccess(pair.source, AccessState.READ_WRITE, "resync of " + name);
                        }
                        announce(from, "resync SOURCE_TO_TARGET", Map.of());
                    }
                    case TARGET_TO_SOURCE -> {
                        ReplicationState from = beginCopy(true, unionOfChanges(), () -> {
                            for (SimPair pair : pairs) {
                                source.changeAccess(pair.source, AccessState.READ_WRITE, "resync of " + name);
                            }
                        });
                        for (SimPair pair : pairs) {
                            target.changeAccess(pair.target, AccessState.READ_ONLY, "resync of " + name);
                            source.changeAccess(pair.source, AccessState.READ_ONLY, "resync of " + name);
                        }
                        announce(from, "resync TARGET_TO_SOURCE", Map.of());
                    }
                }
            }
        }
    }

    @Override
    public void disable() {
        if (state == ReplicationState.DISABLED) {
            return;
        }
        List<Runnable> acks = abandon(null);
        for (SimPair pair : pairs) {
            pair.sourceChanges.clearAll();
            pair.targetChanges.clearAll();
        }
        clearTracking();
        ReplicationState from = enter(ReplicationState.DISABLED);
        announce(from, "disable", Map.of());
        acks.forEach(Runnable::run);
    }

    // ---- faults ------------------------------------------------------------------------------------------------

    /** The link or an array was lost: a replicating group goes DISCONNECTED. */
    void lost(String reason, SimArray poweredOff) {
        if (state != ReplicationState.IN_SYNC && state != ReplicationState.SYNCHRONIZING) {
            return;
        }
        List<Runnable> acks = abandon(poweredOff);
        ReplicationState from = enter(ReplicationState.DISCONNECTED);
        announce(from, reason, Map.of());
        acks.forEach(Runnable::run);
    }

    /** An array of this group powered on: fence the sources of a failover it missed. */
    void poweredOn(SimArray array) {
        if (state == ReplicationState.FAILED_OVER && array == source) {
            for (SimPair pair : pairs) {
                source.changeAccess(pair.source, AccessState.READ_ONLY, "failed over to " + target.name()
                        + " while powered off");
            }
        }
    }

    /** Whether replication writes to this LUN now, so the administrator may not change its access state. */
    boolean isReceiving(ArrayLun<SimArray, SimPair> lun) {
        SimPair pair = lun.pair();
        return switch (state) {
            case IN_SYNC -> pair.target == lun;
            case SYNCHRONIZING -> copy.towardsSource() ? pair.source == lun : pair.target == lun;
            case DISABLED, SUSPENDED, DISCONNECTED, SPLIT, FAILED_OVER -> false;
        };
    }

    // ---- data path ---------------------------------------------------------------------------------------------

    /** A host wrote to one of the pair's LUNs (already applied there); returns when the write is acknowledged. */
    CompletableFuture<Void> written(SimPair pair, ArrayLun<SimArray, SimPair> lun, long offset, byte[] buffer,
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
                    case SYNC -> shipSync(pair, offset, Arrays.copyOfRange(buffer, from, from + length));
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

    private void track(SimPair pair, boolean onSource, long offset, long length) {
        if (onSource) {
            pair.sourceChanges.setRange(offset, length);
            countSourceWrite();
        } else {
            pair.targetChanges.setRange(offset, length);
            targetWrites++;
            if (oldestTargetWrite == null) {
                oldestTargetWrite = link.now();
            }
        }
    }

    private void countSourceWrite() {
        sourceWrites++;
        if (oldestSourceWrite == null) {
            oldestSourceWrite = link.now();
        }
    }

    private CompletableFuture<Void> shipSync(SimPair pair, long offset, byte[] data) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        SyncWrite write = new SyncWrite(pair, offset, data, acknowledged, source);
        syncInFlight.addLast(write);
        long sent = epoch;
        link.transmit(source, data.length, () -> {
            if (sent != epoch) {
                return;
            }
            pair.target.data().write(offset, data, 0, data.length);
            link.signal(() -> {
                if (sent != epoch) {
                    return;
                }
                syncInFlight.remove(write);
                acknowledged.complete(null);
            });
        });
        return acknowledged;
    }

    private CompletableFuture<Void> queueAsync(SimPair pair, long offset, byte[] data) {
        AsyncWrite write = new AsyncWrite(pair, offset, data, link.now());
        asyncQueue.addLast(write);
        asyncQueuedBytes += data.length;
        long sent = epoch;
        // the link's FIFO delivers in the order offered, so applying the head on each arrival keeps write order
        link.transmit(source, data.length, () -> {
            if (sent != epoch) {
                return;
            }
            AsyncWrite head = asyncQueue.pollFirst();
            asyncQueuedBytes -= head.data().length;
            head.pair().target.data().write(head.offset(), head.data(), 0, head.data().length);
        });
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Stops all replication traffic: writes in flight or queued become dirty chunks, copy work returns to the change
     * maps. Returns the acknowledgements of in-flight SYNC writes, to run once the new state is set.
     *
     * @param poweredOff the array that lost power, whose unacknowledged writes fail; or null
     */
    private List<Runnable> abandon(SimArray poweredOff) {
        epoch++;
        List<Runnable> acks = new ArrayList<>();
        for (SyncWrite write : syncInFlight) {
            write.pair().sourceChanges.setRange(write.offset(), write.data().length);
            CompletableFuture<Void> future = write.acknowledged();
            if (write.array() == poweredOff) {
                String lunName = write.pair().source.name();
                String arrayName = write.array().name();
                acks.add(() -> future.completeExceptionally(new StorageException(StorageErrorCode.UNREACHABLE,
                        "Write to LUN '" + lunName + "' on array '" + arrayName
                        + "' was not acknowledged: the array lost power.", arrayName, lunName, null)));
            } else {
                countSourceWrite();
                acks.add(() -> future.complete(null));
            }
        }
        syncInFlight.clear();
        for (AsyncWrite write : asyncQueue) {
            write.pair().sourceChanges.setRange(write.offset(), write.data().length);
            sourceWrites++;
            if (oldestSourceWrite == null || write.acknowledged().isBefore(oldestSourceWrite)) {
                oldestSourceWrite = write.acknowledged();
            }
        }
        asyncQueue.clear();
        asyncQueuedBytes = 0;
        if (copy != null) {
            copy.returnWork();
            copy = null;
        }
        return acks;
    }

    private ChangeMap[] unionOfChanges() {
        ChangeMap[] work = new ChangeMap[pairs.size()];
        for (SimPair pair : pairs) {
            ChangeMap union = pair.sourceChanges;
            union.addAll(pair.targetChanges);
            work[pair.index] = union;
            pair.sourceChanges = new ChangeMap(pair.source.data().chunkCount());
            pair.targetChanges.clearAll();
        }
        return work;
    }

    @Override
    protected void clearTracking() {
        sourceWrites = 0;
        oldestSourceWrite = null;
        targetWrites = 0;
        oldestTargetWrite = null;
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    /** What status() reports as lag. */
    private record Lag(long writes, long bytes, Optional<Instant> oldest, double progress) {
    }

    /** A SYNC write shipped and not yet acknowledged. */
    private record SyncWrite(SimPair pair, long offset, byte[] data, CompletableFuture<Void> acknowledged,
            SimArray array) {
    }

    /** An ASYNC write acknowledged and not yet applied on the target. */
    private record AsyncWrite(SimPair pair, long offset, byte[] data, Instant acknowledged) {
    }
}
