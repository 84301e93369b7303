package io.github.exha.cluster.fs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A file or directory of the file table (an MFT record, in NTFS's words): its name, parent, size and the extents
 * mapping its clusters. Unmapped clusters inside the size read as zeros (sparse).
 */
final class FileRecord {
    final long id;
    long parent;
    String name;
    final boolean directory;
    long size;
    /** Extents by first logical cluster. */
    final TreeMap<Long, Extent> extents = new TreeMap<>();
    /** A directory's entries by case-insensitive key. */
    final TreeMap<String, Long> children = new TreeMap<>();
    /** What {@link Volume#fromFileNames} derived from a directory's file names, and for which key; null when none. */
    Object derivedKey;
    Object derived;
    /**
     * How to bring {@link #derived} up to date from the file names added and removed since (null: compute it again),
     * and those names; past {@link #MAX_PENDING_NAMES} the value is dropped instead.
     */
    Volume.NameChanges<Object> derivedUpdate;
    final List<String> addedNames = new ArrayList<>();
    final List<String> removedNames = new ArrayList<>();
    private static final int MAX_PENDING_NAMES = 1024;
    /** Set when the record leaves the table: a path resolved to it earlier must be resolved again. */
    boolean deleted;
    /** The last writes to the file's bytes, once a {@link ContentMark} watches it; null until then. */
    ContentChanges changes;

    FileRecord(long id, long parent, String name, boolean directory) {
        this.id = id;
        this.parent = parent;
        this.name = name;
        this.directory = directory;
    }

    /** Forgets what was derived from a directory's names: a child was added, removed or renamed. */
    void childrenChanged() {
        derivedKey = null;
        derived = null;
        derivedUpdate = null;
        addedNames.clear();
        removedNames.clear();
    }

    /** A child was added ({@code added}) or removed: kept as a pending name change when it is a file and can be. */
    void childChanged(FileRecord child, String name, boolean added) {
        if (derivedKey == null) {
            return;
        }
        if (child.directory) {
            return; // the derived value depends on file names only
        }
        if (derivedUpdate == null || addedNames.size() + removedNames.size() >= MAX_PENDING_NAMES) {
            childrenChanged();
            return;
        }
        (added ? addedNames : removedNames).add(name);
    }

    /** The volume cluster holding logical cluster {@code logical}, or -1 when it is not mapped. */
    long physical(long logical) {
        Map.Entry<Long, Extent> entry = extents.floorEntry(logical);
        if (entry == null || entry.getValue().logicalEnd() <= logical) {
            return -1;
        }
        Extent extent = entry.getValue();
        return extent.physicalCluster() + (logical - extent.logicalCluster());
    }

    /** The extent containing {@code logical}, or null. */
    Extent extentAt(long logical) {
        Map.Entry<Long, Extent> entry = extents.floorEntry(logical);
        return entry == null || entry.getValue().logicalEnd() <= logical ? null : entry.getValue();
    }

    long mappedClusters() {
        long total = 0;
        for (Extent extent : extents.values()) {
            total += extent.count();
        }
        return total;
    }

    /** The cluster after the last mapped one: where an append would best continue. */
    long nextPhysicalHint() {
        return extents.isEmpty() ? -1 : extents.lastEntry().getValue().physicalEnd();
    }

    /** Maps {@code extent}, replacing what covered its logical range; replaced clusters go to {@code freed}. */
    void map(Extent extent, List<long[]> freed) {
        unmap(extent.logicalCluster(), extent.logicalEnd(), freed);
        Extent merged = extent;
        Map.Entry<Long, Extent> before = extents.lowerEntry(merged.logicalCluster());
        if (before != null && before.getValue().logicalEnd() == merged.logicalCluster()
                && before.getValue().physicalEnd() == merged.physicalCluster()) {
            extents.remove(before.getKey());
            merged = new Extent(before.getValue().logicalCluster(), before.getValue().physicalCluster(),
                    before.getValue().count() + merged.count());
        }
        Extent after = extents.get(merged.logicalEnd());
        if (after != null && after.physicalCluster() == merged.physicalEnd()) {
            extents.remove(after.logicalCluster());
            merged = new Extent(merged.logicalCluster(), merged.physicalCluster(), merged.count() + after.count());
        }
        extents.put(merged.logicalCluster(), merged);
    }

    /** Removes mappings of logical clusters in [from, to), splitting extents at the edges. */
    void unmap(long from, long to, List<long[]> freed) {
        List<Extent> overlapping = new ArrayList<>();
        Map.Entry<Long, Extent> first = extents.floorEntry(from);
        if (first != null && first.getValue().logicalEnd() > from) {
            overlapping.add(first.getValue());
        }
        overlapping.addAll(extents.subMap(from, false, to, false).values());
        for (Extent e : overlapping) {
            extents.remove(e.logicalCluster());
            long cutStart = Math.max(from, e.logicalCluster());
            long cutEnd = Math.min(to, e.logicalEnd());
            if (e.logicalCluster() < cutStart) {
                extents.put(e.logicalCluster(), new Extent(e.logicalCluster(), e.physicalCluster(),
                        cutStart - e.logicalCluster()));
            }
            if (cutEnd < e.logicalEnd()) {
                long shift = cutEnd - e.logicalCluster();
                extents.put(cutEnd, new Extent(cutEnd, e.physicalCluster() + shift, e.logicalEnd() - cutEnd));
            }
            freed.add(new long[] {e.physicalCluster() + (cutStart - e.logicalCluster()), cutEnd - cutStart});
        }
    }
}
