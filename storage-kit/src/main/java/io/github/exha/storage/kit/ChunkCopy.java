package io.github.exha.storage.kit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Copy work of a consistency group: the chunks still to send per pair, in one direction, keeping the link busy. Chunks
 * go one after another over an {@link ArrayLink} ({@value SparseLun#CHUNK_SIZE} bytes each; a chunk the sending side
 * never wrote travels as a zero-byte "hole"), round-robin over the pairs, and a chunk made dirty again behind the
 * cursor is picked up on the next lap. When no chunk is left and none is in flight, the copy reports itself done.
 *
 * <p>The copy does not decide when it is abandoned: the group says whether it is still the group's current copy
 * ({@code isCurrent}), and a stale copy's callbacks do nothing. On abandonment the group calls {@link #returnWork()}
 * to put unfinished chunks back into the winning side's change maps.
 *
 * @param <A> the plugin's array type
 * @param <P> the plugin's pair type
 */
public final class ChunkCopy<A extends AbstractStorageArray<A, P, ?>, P extends ChunkCopy.Pair<A, P>> {

    /**
     * What a copy needs of a replication pair.
     *
     * @param <A> the plugin's array type
     * @param <P> the plugin's pair type (the implementing class)
     */
    public interface Pair<A extends AbstractStorageArray<A, P, ?>, P> {
        /** Position in the group's pair list, the slot of the pair's work. */
        int index();

        /** The source LUN. */
        ArrayLun<A, P> source();

        /** The target LUN. */
        ArrayLun<A, P> target();

        /** Chunks written on the source that the target lacks. */
        ChangeMap sourceChanges();

        /** Chunks written on the target that the source lacks. */
        ChangeMap targetChanges();

        /** Bytes a chunk holds in this pair's LUNs (the last chunk may be short). */
        default long chunkBytes(long chunk) {
            return Math.min(SparseLun.CHUNK_SIZE, source().spec().capacityBytes() - (chunk << SparseLun.CHUNK_SHIFT));
        }
    }

    /** A chunk on its way. */
    private record ChunkInFlight<P>(P pair, long chunk, long bytes) {
    }

    private final ArrayLink<A> link;
    private final List<P> pairs;
    private final boolean towardsSource;
    private final ChangeMap[] work;
    private final long[] cursor;
    private final Runnable whenDone;
    private final Predicate<ChunkCopy<A, P>> isCurrent;
    private final Consumer<ChunkCopy<A, P>> onDone;
    private final ArrayDeque<ChunkInFlight<P>> inFlight = new ArrayDeque<>();
    private long inFlightBytes;
    private long copiedBytes;
    private boolean pumpPending = true;
    private int pairIndex;

    /**
     * A copy that starts when {@link #pump()} is first called.
     *
     * @param link the link to send over
     * @param pairs the group's pairs, in index order (the group's own list: the copy reads it as it is then)
     * @param towardsSource true to copy target → source
     * @param work the chunks to send, per pair index
     * @param whenDone what the group runs once the copy is done (see {@link #whenDone()})
     * @param isCurrent whether this copy is still the group's current one
     * @param onDone called once when every chunk has arrived
     */
    public ChunkCopy(ArrayLink<A> link, List<P> pairs, boolean towardsSource, ChangeMap[] work, Runnable whenDone,
            Predicate<ChunkCopy<A, P>> isCurrent, Consumer<ChunkCopy<A, P>> onDone) {
        this.link = link;
        this.pairs = pairs;
        this.towardsSource = towardsSource;
        this.work = work;
        this.cursor = new long[work.length];
        this.whenDone = whenDone;
        this.isCurrent = isCurrent;
        this.onDone = onDone;
    }

    /** Whether the copy runs target → source. */
    public boolean towardsSource() {
        return towardsSource;
    }

    /** The chunks still to send for the pair at {@code index}; writes in the copy's direction mark theirs here. */
    public ChangeMap work(int index) {
        return work[index];
    }

    /** What the group asked to run once the copy is done. */
    public Runnable whenDone() {
        return whenDone;
    }

    /** Bytes that have arrived so far. */
    public long copiedBytes() {
        return copiedBytes;
    }

    /** Bytes still to send or in flight. */
    public long remainingBytes() {
        long bytes = inFlightBytes;
        for (P pair : pairs) {
            ChangeMap map = work[pair.index()];
            for (long chunk = map.nextSet(0); chunk >= 0; chunk = map.nextSet(chunk + 1)) {
                bytes += pair.chunkBytes(chunk);
            }
        }
        return bytes;
    }

    /** Copied bytes over all bytes of the copy so far, 0 to 1. */
    public double progress() {
        long remaining = remainingBytes();
        long total = copiedBytes + remaining;
        return total == 0 ? 0.0 : Math.min(1.0, (double) copiedBytes / total);
    }

    /** Sends chunks while the link's direction is free, then waits until it frees up again. */
    public void pump() {
        pumpPending = false;
        if (!isCurrent.test(this)) {
            return;
        }
        while (true) {
            P pair = null;
            long chunk = -1;
            for (int tried = 0; tried < work.length && chunk < 0; tried++) {
                int index = (pairIndex + tried) % work.length;
                ChangeMap map = work[index];
                if (map.isEmpty()) {
                    continue;
                }
                chunk = map.nextSet(cursor[index]);
                if (chunk < 0) {
                    // writes made chunks behind the cursor dirty again: wrap around
                    chunk = map.nextSet(0);
                }
                pair = pairs.get(index);
                pairIndex = index;
            }
            if (chunk < 0) {
                if (inFlight.isEmpty()) {
                    onDone.accept(this);
                }
                return;
            }
            work[pair.index()].clear(chunk);
            cursor[pair.index()] = chunk + 1;
            ArrayLun<A, P> from = towardsSource ? pair.target() : pair.source();
            ArrayLun<A, P> to = towardsSource ? pair.source() : pair.target();
            byte[] data = from.data().copyChunk(chunk);
            long bytes = data == null ? 0 : pair.chunkBytes(chunk);
            ChunkInFlight<P> sending = new ChunkInFlight<>(pair, chunk, pair.chunkBytes(chunk));
            inFlight.addLast(sending);
            inFlightBytes += sending.bytes();
            long chunkIndex = chunk;
            Instant leaves = link.transmit(from.array(), bytes, () -> arrived(sending, to, chunkIndex, data));
            Instant now = link.now();
            if (leaves.isAfter(now)) {
                pumpPending = true;
                link.schedule(Duration.between(now, leaves), this::pump);
                return;
            }
        }
    }

    private void arrived(ChunkInFlight<P> chunk, ArrayLun<A, P> to, long index, byte[] data) {
        if (!isCurrent.test(this)) {
            return;
        }
        inFlight.remove(chunk);
        inFlightBytes -= chunk.bytes();
        to.data().putChunk(index, data);
        copiedBytes += chunk.bytes();
        if (!pumpPending) {
            pump();
        }
    }

    /** Puts unfinished work back into the winning side's change maps. */
    public void returnWork() {
        for (P pair : pairs) {
            ChangeMap winner = towardsSource ? pair.targetChanges() : pair.sourceChanges();
            winner.addAll(work[pair.index()]);
        }
        for (ChunkInFlight<P> chunk : inFlight) {
            (towardsSource ? chunk.pair().targetChanges() : chunk.pair().sourceChanges()).set(chunk.chunk());
        }
    }
}
