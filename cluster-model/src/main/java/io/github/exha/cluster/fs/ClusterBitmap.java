package io.github.exha.cluster.fs;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Which clusters are in use. Never written to disk: mount rebuilds it from the file table, so it can never disagree
 * with the metadata after a crash. Metadata clusters (superblocks, checkpoints, journal) are always in use.
 */
final class ClusterBitmap {
    private final BitSet used = new BitSet();
    private final long clusterCount;
    private final long firstData;
    private long free;
    /** Next-fit cursor: allocation continues where the last one ended, so a growing file stays contiguous. */
    private long cursor;

    ClusterBitmap(VolumeLayout layout) {
        this.clusterCount = layout.clusterCount();
        this.firstData = layout.firstDataCluster();
        used.set(0, (int) firstData);
        this.free = clusterCount - firstData;
        this.cursor = firstData;
    }

    long free() {
        return free;
    }

    boolean isFree(long cluster) {
        return cluster >= firstData && cluster < clusterCount && !used.get((int) cluster);
    }

    void markUsed(long start, long count) {
        for (long c = start; c < start + count; c++) {
            if (used.get((int) c)) {
                throw new IllegalStateException("cluster " + c + " is already in use");
            }
        }
        used.set((int) start, (int) (start + count));
        free -= count;
        cursor = start + count;
    }

    void markFree(long start, long count) {
        used.clear((int) start, (int) (start + count));
        free += count;
    }

    /**
     * Chooses {@code count} free clusters without taking them (the operation takes them when its journal record is
     * applied, so a refused operation leaves the bitmap as it was). Starts at {@code hint} when that is free.
     *
     * @return runs as {start, length}, in the order the clusters should be used
     */
    List<long[]> choose(long count, long hint) {
        if (count > free) {
            throw new IllegalStateException("not enough free clusters");
        }
        List<long[]> runs = new ArrayList<>();
        long position = isFree(hint) ? hint : Math.max(cursor, firstData);
        boolean wrapped = false;
        long need = count;
        while (need > 0) {
            long start = position >= clusterCount ? clusterCount : used.nextClearBit((int) position);
            if (start >= clusterCount) {
                if (wrapped) {
                    throw new IllegalStateException("free cluster count out of step with the bitmap");
                }
                wrapped = true;
                position = firstData;
                continue;
            }
            // Only the next `need` clusters matter: scanning on to the next used one could cross a large free
            // region on every call.
            long limit = Math.min(clusterCount, start + need);
            long end = start + 1;
            while (end < limit && !used.get((int) end)) {
                end++;
            }
            long take = end - start;
            runs.add(new long[] {start, take});
            need -= take;
            position = start + take;
        }
        return runs;
    }
}
