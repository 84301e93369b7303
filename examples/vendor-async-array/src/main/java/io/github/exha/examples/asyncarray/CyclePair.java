package io.github.exha.examples.asyncarray;

import io.github.exha.storage.kit.ArrayLun;
import io.github.exha.storage.kit.ChangeMap;
import io.github.exha.storage.kit.ChunkCopy;
import io.github.exha.storage.spi.ReplicationPair;

/**
 * A source LUN and its replica in one {@link CycleConsistencyGroup}, with a change map on each side: chunks written on
 * the source that the target lacks, and chunks written on the target (while it was writable) that the source lacks.
 * The roles never swap: this array cannot reverse a group.
 */
final class CyclePair implements ChunkCopy.Pair<CycleArray, CyclePair> {
    final CycleConsistencyGroup group;
    /** Position in the group's pair list; renumbered when a pair of a DISABLED group is removed. */
    int index;
    final ArrayLun<CycleArray, CyclePair> source;
    final ArrayLun<CycleArray, CyclePair> target;
    ChangeMap sourceChanges;
    ChangeMap targetChanges;

    CyclePair(CycleConsistencyGroup group, int index, ArrayLun<CycleArray, CyclePair> source,
            ArrayLun<CycleArray, CyclePair> target) {
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

    @Override
    public int index() {
        return index;
    }

    @Override
    public ArrayLun<CycleArray, CyclePair> source() {
        return source;
    }

    @Override
    public ArrayLun<CycleArray, CyclePair> target() {
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
