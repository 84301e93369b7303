package io.github.exha.storage.sim;

import io.github.exha.storage.kit.ArrayLun;
import io.github.exha.storage.kit.ChangeMap;
import io.github.exha.storage.kit.ChunkCopy;
import io.github.exha.storage.spi.ReplicationPair;

/**
 * A source LUN and its replica in one {@link SimConsistencyGroup}, with a change map on each side: chunks written on
 * the source that the target lacks, and chunks written on the target (while it was writable) that the source lacks.
 * A reverse swaps the LUNs and the maps together.
 */
final class SimPair implements ChunkCopy.Pair<SimArray, SimPair> {
    final SimConsistencyGroup group;
    /** Position in the group's pair list; renumbered when a pair of a DISABLED group is removed. */
    int index;
    ArrayLun<SimArray, SimPair> source;
    ArrayLun<SimArray, SimPair> target;
    ChangeMap sourceChanges;
    ChangeMap targetChanges;

    SimPair(SimConsistencyGroup group, int index, ArrayLun<SimArray, SimPair> source,
            ArrayLun<SimArray, SimPair> target) {
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

    @Override
    public int index() {
        return index;
    }

    @Override
    public ArrayLun<SimArray, SimPair> source() {
        return source;
    }

    @Override
    public ArrayLun<SimArray, SimPair> target() {
        return target;
    }

    @Override
    public ChangeMap sourceChanges() {
        return sourceChanges;
    }

    @Override
    public ChangeMap targetChanges() {
        return targetChanges;
    }
}
