package io.github.exha.storage.kit;

import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.ConsistencyGroup;
import io.github.exha.storage.spi.LinkState;
import io.github.exha.storage.spi.ReplicationMode;
import io.github.exha.storage.spi.ReplicationState;
import io.github.exha.storage.spi.StorageErrorCode;
import io.github.exha.storage.spi.StorageEvent;
import io.github.exha.storage.spi.StorageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping every simulated consistency group repeats, so the plugin's subclass holds only its semantics (the
 * state machine's operations, the data path, what a lost link or array does). The kit keeps the group's identity,
 * its pairs (added and removed only while DISABLED, with their checks), the state with {@link #enter} and
 * {@link #announce}, the full copy of {@link #enable()}, and copy work through {@link ChunkCopy}.
 *
 * <p>Events about the group are emitted by the current source array, or by the target array while the source is
 * powered off.
 *
 * @param <A> the plugin's array type
 * @param <P> the plugin's pair type
 */
public abstract class AbstractConsistencyGroup<A extends AbstractStorageArray<A, P, ?>, P extends ChunkCopy.Pair<A, P>>
        implements ConsistencyGroup {
    /** The group's name, the same on both arrays. */
    protected final String name;
    /** The replication mode it was created with. */
    protected final ReplicationMode mode;
    /** The link it replicates over. */
    protected final ArrayLink<A> link;
    /** The array holding the source LUNs (a plugin that reverses groups swaps the two). */
    protected A source;
    /** The array holding the target LUNs. */
    protected A target;
    /** The pairs, in index order. */
    protected final List<P> pairs = new ArrayList<>();
    /** The current state; change it through {@link #enter}. */
    protected ReplicationState state = ReplicationState.DISABLED;
    /** Bumped whenever in-flight work is abandoned: callbacks of an older epoch do nothing. */
    protected long epoch;
    /** The copy under way while SYNCHRONIZING, else null. */
    protected ChunkCopy<A, P> copy;

    /**
     * @param name the group's name
     * @param mode the replication mode
     * @param source the array holding the source LUNs
     * @param target the array holding the target LUNs
     * @param link the link between them
     */
    protected AbstractConsistencyGroup(String name, ReplicationMode mode, A source, A target, ArrayLink<A> link) {
        this.name = name;
        this.mode = mode;
        this.source = source;
        this.target = target;
        this.link = link;
    }

    // ---- hooks ---------------------------------------------------------------------------------------------------

    /** A new pair of this group at {@code index} (the kit links both LUNs to it). */
    protected abstract P newPair(int index, ArrayLun<A, P> source, ArrayLun<A, P> target);

    /** Moves a pair to a new index after a pair before it was removed (the group is DISABLED then). */
    protected abstract void renumber(P pair, int index);

    /** Forgets the plugin's counts of writes one side holds and the other lacks (a copy made the sides equal). */
    protected abstract void clearTracking();

    // ---- identity ------------------------------------------------------------------------------------------------

    @Override
    public String name() {
        return name;
    }

    @Override
    public ReplicationMode mode() {
        return mode;
    }

    /** The link the group replicates over. */
    public ArrayLink<A> link() {
        return link;
    }

    /** The current state. */
    public ReplicationState state() {
        return state;
    }

    /** Bytes of the chunks the sources changed that the targets lack. */
    protected long changedBytes() {
        long bytes = 0;
        for (P pair : pairs) {
            ChangeMap changes = pair.sourceChanges();
            for (long chunk = changes.nextSet(0); chunk >= 0; chunk = changes.nextSet(chunk + 1)) {
                bytes += pair.chunkBytes(chunk);
            }
        }
        return bytes;
    }

    // ---- pairs ---------------------------------------------------------------------------------------------------

    @Override
    public void addPair(String sourceLun, String targetLun) {
        if (state != ReplicationState.DISABLED) {
            throw refused(StorageErrorCode.INVALID_STATE, "add pair " + sourceLun + " -> " + targetLun,
                    "pairs may be added only while the group is DISABLED, and it is " + state, sourceLun);
        }
        source.requirePowered("add pair " + sourceLun + " -> " + targetLun + " to consistency group " + name);
        target.requirePowered("add pair " + sourceLun + " -> " + targetLun + " to consistency group " + name);
        ArrayLun<A, P> from = source.findLun(sourceLun);
        if (from == null) {
            throw new StorageException(StorageErrorCode.NOT_FOUND, "Cannot add pair to consistency group '" + name
                    + "': array '" + source.name() + "' has no LUN named '" + sourceLun + "'.", source.name(), sourceLun,
                    null);
        }
        ArrayLun<A, P> to = target.findLun(targetLun);
        if (to == null) {
            throw new StorageException(StorageErrorCode.NOT_FOUND, "Cannot add pair to consistency group '" + name
                    + "': array '" + target.name() + "' has no LUN named '" + targetLun + "'.", target.name(), targetLun,
                    null);
        }
        for (ArrayLun<A, P> lun : List.of(from, to)) {
            if (lun.pair() != null) {
                throw new StorageException(StorageErrorCode.ALREADY_PAIRED, "Cannot add pair " + from.ref() + " -> "
                        + to.ref() + " to consistency group '" + name + "': LUN " + lun.ref()
                        + " is already paired in consistency group '" + lun.array().groupOf(lun.pair()).name() + "'.",
                        lun.array().name(), lun.name(), null);
            }
        }
        if (from.spec().capacityBytes() != to.spec().capacityBytes()
                || from.spec().blockSize() != to.spec().blockSize()) {
            throw new StorageException(StorageErrorCode.CAPACITY_MISMATCH, "Cannot pair " + from.ref() + " ("
                    + from.spec().capacityBytes() + " bytes, blocks of " + from.spec().blockSize() + ") with " + to.ref()
                    + " (" + to.spec().capacityBytes() + " bytes, blocks of " + to.spec().blockSize()
                    + ") in consistency group '" + name + "': capacity and block size must match.", target.name(),
                    targetLun, null);
        }
        P pair = newPair(pairs.size(), from, to);
        pairs.add(pair);
        from.pair(pair);
        to.pair(pair);
    }

    @Override
    public void removePair(String sourceLun) {
        if (state != ReplicationState.DISABLED) {
            throw refused(StorageErrorCode.INVALID_STATE, "remove pair " + sourceLun,
                    "pairs may be removed only while the group is DISABLED, and it is " + state, sourceLun);
        }
        source.requirePowered("remove pair " + sourceLun + " from consistency group " + name);
        target.requirePowered("remove pair " + sourceLun + " from consistency group " + name);
        P found = null;
        for (P pair : pairs) {
            if (pair.source().name().equals(sourceLun)) {
                found = pair;
            }
        }
        if (found == null) {
            throw new StorageException(StorageErrorCode.NOT_FOUND, "Consistency group '" + name
                    + "' has no pair whose source is LUN '" + sourceLun + "' on array '" + source.name() + "'.",
                    source.name(), sourceLun, null);
        }
        pairs.remove(found);
        found.source().pair(null);
        found.target().pair(null);
        // Pair indexes name slots in copy-work arrays; a DISABLED group has no work in flight, so renumbering is safe.
        for (int i = 0; i < pairs.size(); i++) {
            renumber(pairs.get(i), i);
        }
    }

    /**
     * Starts replication from DISABLED with a full copy: only the chunks the sources wrote travel, every other chunk
     * of the targets becomes a hole (zeros) at once, and the targets become READ_ONLY.
     */
    @Override
    public void enable() {
        if (state != ReplicationState.DISABLED) {
            throw refused(StorageErrorCode.INVALID_STATE, "enable", "it is " + state + ", not DISABLED", null);
        }
        if (pairs.isEmpty()) {
            throw refused(StorageErrorCode.INVALID_STATE, "enable", "it has no pairs", null);
        }
        requireReachable("enable", true);
        epoch++;
        ChangeMap[] work = new ChangeMap[pairs.size()];
        for (P pair : pairs) {
            pair.sourceChanges().clearAll();
            pair.targetChanges().clearAll();
            SparseLun from = pair.source().data();
            SparseLun to = pair.target().data();
            ChangeMap all = new ChangeMap(from.chunkCount());
            // only written chunks travel; every other chunk of the target becomes a hole (zeros) right away
            for (long chunk = to.nextAllocated(0); chunk >= 0; chunk = to.nextAllocated(chunk + 1)) {
                if (!from.isAllocated(chunk)) {
                    to.putChunk(chunk, null);
                }
            }
            for (long chunk = from.nextAllocated(0); chunk >= 0; chunk = from.nextAllocated(chunk + 1)) {
                all.set(chunk);
            }
            work[pair.index()] = all;
        }
        clearTracking();
        ReplicationState from = beginCopy(false, work, () -> { });
        for (P pair : pairs) {
            target.changeAccess(pair.target(), AccessState.READ_ONLY, "replication target of " + name);
        }
        announce(from, "enable: full copy", Map.of());
    }

    // ---- copy work -----------------------------------------------------------------------------------------------

    /**
     * Sets up copy work and enters SYNCHRONIZING before anything is announced, so a listener reacting to the access
     * changes that follow already sees the copy (and its writes join it). The copy starts from the scheduler, so the
     * caller sees SYNCHRONIZING even when there is nothing to copy. When it is done the group enters IN_SYNC, runs
     * {@code whenDone} and announces it.
     *
     * @return the state before
     */
    protected ReplicationState beginCopy(boolean towardsSource, ChangeMap[] work, Runnable whenDone) {
        long startedIn = epoch;
        copy = new ChunkCopy<>(link, pairs, towardsSource, work, whenDone,
                candidate -> copy == candidate && epoch == startedIn, this::copyDone);
        ChunkCopy<A, P> started = copy;
        link.schedule(Duration.ZERO, started::pump);
        return enter(ReplicationState.SYNCHRONIZING);
    }

    private void copyDone(ChunkCopy<A, P> done) {
        copy = null;
        clearTracking();
        ReplicationState from = enter(ReplicationState.IN_SYNC);
        done.whenDone().run();
        announce(from, "copy complete", Map.of("copiedBytes", Long.toString(done.copiedBytes())));
    }

    // ---- plumbing ------------------------------------------------------------------------------------------------

    /** Sets the state at once (callbacks from the events that follow see it); returns the previous one. */
    protected ReplicationState enter(ReplicationState to) {
        ReplicationState from = state;
        state = to;
        return from;
    }

    /** Journals a transition made by {@link #enter}, if it was one. */
    protected void announce(ReplicationState from, String reason, Map<String, String> extra) {
        if (from == state) {
            return;
        }
        Map<String, String> details = new LinkedHashMap<>(extra);
        details.put("from", from.name());
        details.put("to", state.name());
        details.put("reason", reason);
        observer().emit(StorageEvent.Type.REPLICATION_STATE_CHANGED, name, details);
    }

    /** The array that reports about the group: the source, or the target while the source is powered off. */
    protected A observer() {
        return source.isPoweredOn() || !target.isPoweredOn() ? source : target;
    }

    /** Refuses (UNREACHABLE) to {@code what} unless both arrays, and the link if {@code needLink}, are up. */
    protected void requireReachable(String what, boolean needLink) {
        source.requirePowered(what + " consistency group " + name);
        target.requirePowered(what + " consistency group " + name);
        if (needLink && link.state() != LinkState.UP) {
            throw new StorageException(StorageErrorCode.UNREACHABLE, "Cannot " + what + " consistency group '" + name
                    + "': link '" + link.spec().name() + "' is down.", source.name());
        }
    }

    /** A refusal of {@code what} on this group, saying {@code why}. */
    protected StorageException refused(StorageErrorCode code, String what, String why, String lun) {
        return new StorageException(code, "Cannot " + what + " consistency group '" + name + "' (" + source.name()
                + " -> " + target.name() + "): " + why + ".", source.name(), lun, null);
    }

    @Override
    public String toString() {
        return "consistency group " + name + " (" + mode + ", " + state + ", " + source.name() + " -> " + target.name()
                + ")";
    }
}
