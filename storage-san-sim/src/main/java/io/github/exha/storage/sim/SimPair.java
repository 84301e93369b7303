package io.github.exha.storage.sim;

import io.github.exha.storage.kit.ArrayLun;
import io.github.exha.storage.kit.ChangeMap;
import io.github.exha.storage.kit.SparseLun;
import io.github.exha.storage.spi.ReplicationPair;

/**
 * A source LUN and its replica in one {@link SimConsistencyGroup}, with a change map on each side: chunks written on
 * the source that the target lacks, and chunks written on the target (while it was writable) that the source lacks.
 * A reverse swaps the LUNs and the maps together.
 */
final class SimPair {
    final SimConsistencyGroup group;
    /** Position in the group's pair list; renumbered when a pair of a DISABLED group is removed. */
    int index;
    ArrayLun<SimArray, SimPair> source;
    ArrayLun<SimArray, SimPair> target;
    ChangeMap sourceChanges;
    ChangeMap targetChanges;

    SimPair(SimConsistencyGroup group, int index, ArrayLun<SimArray, SimPair> source, ArrayLun<SimArray, SimPair> target) {
        this.group = group;
        this.index = index;
        this.source = source;
        this.target = target;
        this.sourceChanges = new ChangeMap(source.data().chunkCount());
        this.targetChanges = new ChangeMap(source.data().chunkCount());
    }

    ReplicationPair ref() {
        return new ReplicationPair(source.ref(), target.ref());
    }

    /** Swaps roles: the target becomes the source, with its change map. */
    void swap() {
        ArrayLun<SimArray, SimPair> lun = source;
        source = target;
        target = lun;
        ChangeMap map = sourceChanges;
        sourceChanges = targetChanges;
        targetChanges = map;
    }

    /** Bytes a chunk holds in this pair's LUNs (the last chunk may be short). */
    long chunkBytes(long chunk) {
        return Math.min(SparseLun.CHUNK_SIZE, source.spec().capacityBytes() - (chunk << SparseLun.CHUNK_SHIFT));
    }
}
