package io.github.exha.cluster.fs;

import io.github.exha.cluster.fs.LogRecord.Action;
import io.github.exha.cluster.fs.LogRecord.CreateNode;
import io.github.exha.cluster.fs.LogRecord.Delete;
import io.github.exha.cluster.fs.LogRecord.MapClusters;
import io.github.exha.cluster.fs.LogRecord.Rename;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The metadata of a mounted volume: every file record and the cluster bitmap derived from them. It changes only
 * through {@link #apply}, the same code at run time and during journal replay, so a replayed volume is exactly the
 * volume that wrote the journal.
 */
final class FileTable {
    static final long ROOT = 1;
    /** Bytes of a checkpoint before its records. */
    private static final int SNAPSHOT_HEADER = 8 + 4;
    /** Bytes of a record in the checkpoint, less its name and extents. */
    private static final int RECORD_FIXED = 8 + 8 + 1 + 2 + 8 + 4;
    private static final int EXTENT_BYTES = 24;

    /** Records in id order, as a checkpoint writes them (parents before children). */
    private final TreeMap<Long, FileRecord> records = new TreeMap<>();
    /** The same records by id for lookups: every path resolution asks, in tables of tens of thousands of logs. */
    private final Map<Long, FileRecord> byId = new HashMap<>();
    private final ClusterBitmap bitmap;
    private long nextId;
    private long directoryChanges;
    private long snapshotBytes;
    /** The sums {@link Volume#sumOverFiles} keeps, by key: updated by {@link #apply} as files change. */
    private final Map<Object, FileSum> sums = new LinkedHashMap<>();

    /** One kept sum: its term and the total of the term over every file now. */
    private static final class FileSum {
        final ToLongFunction<DirectoryEntry> term;
        long total;

        FileSum(ToLongFunction<DirectoryEntry> term) {
            this.term = term;
        }
    }

    private FileTable(VolumeLayout layout, long nextId) {
        this.bitmap = new ClusterBitmap(layout);
        this.nextId = nextId;
        this.snapshotBytes = SNAPSHOT_HEADER;
    }

    /** A table holding only the root directory. */
    static FileTable empty(VolumeLayout layout) {
        FileTable table = new FileTable(layout, ROOT + 1);
        table.add(new FileRecord(ROOT, 0, "", true));
        return table;
    }

    FileRecord record(long id) {
        return byId.get(id);
    }

    FileRecord root() {
        return byId.get(ROOT);
    }

    long nextId() {
        return nextId;
    }

    ClusterBitmap bitmap() {
        return bitmap;
    }

    /**
     * The total of {@code term} over every file (not directory), computed by walking the table the first time a key
     * is asked for and kept up to date by {@link #apply} from then on.
     */
    long sumOverFiles(Object key, ToLongFunction<DirectoryEntry> term) {
        FileSum sum = sums.get(key);
        if (sum == null) {
            sum = new FileSum(term);
            for (FileRecord record : records.values()) {
                if (!record.directory) {
                    sum.total += term.applyAsLong(entry(record));
                }
            }
            sums.put(key, sum);
        }
        return sum.total;
    }

    private static DirectoryEntry entry(FileRecord file) {
        return new DirectoryEntry(file.name, false, file.size);
    }

    /** Adds ({@code sign} 1) or takes away (-1) a file's terms from the kept sums. */
    private void count(FileRecord node, int sign) {
        if (sums.isEmpty() || node.directory) {
            return;
        }
        DirectoryEntry entry = entry(node);
        for (FileSum sum : sums.values()) {
            sum.total += sign * sum.term.applyAsLong(entry);
        }
    }

    /** The size of {@link #snapshot()} now. */
    long snapshotBytes() {
        return snapshotBytes;
    }

    /** An upper bound of how much {@code action} can grow the snapshot. */
    static long growthBound(Action action) {
        if (action instanceof CreateNode create) {
            return RECORD_FIXED + utfLength(create.name());
        } else if (action instanceof MapClusters map) {
            // Mapping k runs splits at most two existing extents and adds k.
            return (long) EXTENT_BYTES * (map.extents().size() + 2);
        } else if (action instanceof Rename rename) {
            return utfLength(rename.name());
        }
        return 0;
    }

    /** Grows whenever a directory is renamed, moved or deleted: paths resolved to directories before may be stale. */
    long directoryChanges() {
        return directoryChanges;
    }

    /** Applies one journal action. Throws IllegalStateException for an action that does not fit (corruption). */
    void apply(Action action) {
        if (action instanceof CreateNode create) {
            FileRecord parent = directory(create.parent());
            String key = VolumePath.key(create.name());
            if (byId.containsKey(create.node()) || parent.children.containsKey(key)) {
                throw new IllegalStateException("node " + create.node() + " or name '" + create.name() + "' taken");
            }
            FileRecord created = new FileRecord(create.node(), create.parent(), create.name(), create.directory());
            add(created);
            count(created, 1);
            nextId = Math.max(nextId, create.node() + 1);
        } else if (action instanceof MapClusters map) {
            FileRecord file = existing(map.node());
            count(file, -1);
            snapshotBytes -= recordBytes(file);
            List<long[]> freed = new ArrayList<>();
            for (Extent extent : map.extents()) {
                file.map(extent, freed);
                bitmap.markUsed(extent.physicalCluster(), extent.count());
            }
            // Clusters past the size stay mapped: they are the file's allocation (Volume.preallocate).
            file.size = map.size();
            for (long[] run : freed) {
                bitmap.markFree(run[0], run[1]);
            }
            snapshotBytes += recordBytes(file);
            count(file, 1);
        } else if (action instanceof Rename rename) {
            FileRecord node = existing(rename.node());
            FileRecord oldParent = directory(node.parent);
            FileRecord newParent = directory(rename.parent());
            String key = VolumePath.key(rename.name());
            Long holder = newParent.children.get(key);
            if (holder != null && holder != node.id) {
                throw new IllegalStateException("name '" + rename.name() + "' taken");
            }
            snapshotBytes -= recordBytes(node);
            count(node, -1);
            if (node.directory) {
                directoryChanges++;
            }
            oldParent.children.remove(VolumePath.key(node.name));
            oldParent.childChanged(node, node.name, false);
            node.parent = rename.parent();
            node.name = rename.name();
            newParent.children.put(key, node.id);
            newParent.childChanged(node, node.name, true);
            snapshotBytes += recordBytes(node);
            count(node, 1);
        } else if (action instanceof Delete delete) {
            FileRecord node = existing(delete.node());
            if (node.id == ROOT || !node.children.isEmpty()) {
                throw new IllegalStateException("node " + node.id + " cannot be deleted");
            }
            for (Extent extent : node.extents.values()) {
                bitmap.markFree(extent.physicalCluster(), extent.count());
            }
            if (node.directory) {
                directoryChanges++;
            }
            directory(node.parent).children.remove(VolumePath.key(node.name));
            directory(node.parent).childChanged(node, node.name, false);
            records.remove(node.id);
            byId.remove(node.id);
            node.deleted = true;
            snapshotBytes -= recordBytes(node);
            count(node, -1);
        }
    }

    private void add(FileRecord record) {
        records.put(record.id, record);
        byId.put(record.id, record);
        link(record);
    }

    private void link(FileRecord record) {
        if (record.id != ROOT) {
            directory(record.parent).children.put(VolumePath.key(record.name), record.id);
            directory(record.parent).childChanged(record, record.name, true);
        }
        for (Extent extent : record.extents.values()) {
            bitmap.markUsed(extent.physicalCluster(), extent.count());
        }
        snapshotBytes += recordBytes(record);
    }

    private FileRecord existing(long id) {
        FileRecord record = byId.get(id);
        if (record == null) {
            throw new IllegalStateException("no file record " + id);
        }
        return record;
    }

    private FileRecord directory(long id) {
        FileRecord record = existing(id);
        if (!record.directory) {
            throw new IllegalStateException("file record " + id + " is not a directory");
        }
        return record;
    }

    private static long recordBytes(FileRecord record) {
        return RECORD_FIXED + utfLength(record.name) + (long) EXTENT_BYTES * record.extents.size();
    }

    /** The length {@link DataOutputStream#writeUTF} gives a string, less its 2-byte prefix. */
    static int utfLength(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            length += c >= 1 && c <= 0x7F ? 1 : c <= 0x7FF ? 2 : 3;
        }
        return length;
    }

    /** The whole table as a checkpoint writes it. Records in id order, so parents come before children. */
    byte[] snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE, snapshotBytes));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(nextId);
            out.writeInt(records.size());
            for (FileRecord record : records.values()) {
                out.writeLong(record.id);
                out.writeLong(record.parent);
                out.writeBoolean(record.directory);
                out.writeUTF(record.name);
                out.writeLong(record.size);
                out.writeInt(record.extents.size());
                for (Extent extent : record.extents.values()) {
                    LogRecord.writeExtent(extent, out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads a checkpoint back; throws on anything malformed. */
    static FileTable restore(VolumeLayout layout, byte[] snapshot) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot));
        FileTable table = new FileTable(layout, in.readLong());
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            long id = in.readLong();
            long parent = in.readLong();
            boolean directory = in.readBoolean();
            FileRecord record = new FileRecord(id, parent, in.readUTF(), directory);
            record.size = in.readLong();
            int extents = in.readInt();
            for (int e = 0; e < extents; e++) {
                Extent extent = LogRecord.readExtent(in);
                record.extents.put(extent.logicalCluster(), extent);
            }
            if (table.records.put(record.id, record) != null) {
                throw new IOException("file record " + id + " twice");
            }
            table.byId.put(record.id, record);
        }
        // Linked in a second pass: a directory moved under a newer one comes before its parent in id order.
        for (FileRecord record : table.records.values()) {
            table.link(record);
        }
        if (table.root() == null || !table.root().directory || in.available() != 0) {
            throw new IOException("checkpoint without a root directory, or with trailing bytes");
        }
        return table;
    }
}
