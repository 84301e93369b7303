package io.github.exha.cluster.fs;

import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.cluster.fs.LogRecord.Action;
import io.github.exha.cluster.fs.LogRecord.CreateNode;
import io.github.exha.cluster.fs.LogRecord.Delete;
import io.github.exha.cluster.fs.LogRecord.MapClusters;
import io.github.exha.cluster.fs.LogRecord.Rename;
import io.github.exha.core.error.ExhaException;
import io.github.exha.storage.spi.BlockDevice;
import io.github.exha.storage.spi.StorageErrorCode;
import io.github.exha.storage.spi.StorageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.zip.CRC32C;

/**
 * A mounted volume: the filesystem on one LUN, as one host sees it. Reads see every completed call at once; each
 * mutating call returns a future that completes when the device has acknowledged every block write the call issued
 * (later on a SYNC-replicated LUN), which is when a caller may consider the change durable. See the package
 * documentation for the on-disk layout and why any prefix of the writes mounts to a consistent state.
 *
 * <p>Errors are {@link ExhaException}s with {@link ClusterErrorCode}s and the Win32 number. A call that fails changes
 * nothing: every check and every device refusal comes before the in-memory state changes.
 */
public final class Volume {
    /** The longest volume label NTFS accepts. */
    public static final int MAX_LABEL_LENGTH = 32;
    /** Largest single device write, so copying a large file does not need a buffer of its size. */
    private static final int MAX_RUN_CLUSTERS = 256;
    private static final int PARSED_PATHS = 256;

    private final BlockDevice device;
    private final VolumeLayout layout;
    private final long volumeId;
    private final String label;
    private final FileTable table;
    private Superblock superblock;
    private long journalPosition;
    private long nextSequence;
    /** Grows at every device error this volume sees: content marks issued before one are no longer believed. */
    private long witnessEpoch;
    private boolean mounted = true;
    /**
     * Directories resolved lately, by the keys of their path: a log's path walks the same three or four directories
     * at every call. A directory renamed, moved or deleted clears it ({@link FileTable#directoryChanges()}); creating
     * and deleting files does not change which directory a path names.
     */
    private final Map<List<String>, FileRecord> directories = new HashMap<>();
    private long directoriesEpoch;
    /**
     * Paths parsed lately, by the string the caller gave: the same few paths (a log folder, the current log, the
     * database file) are named at every call, and parsing checks every name. Bounded, so it costs little per volume.
     */
    private final Map<String, Parsed> parsed = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
            return size() > PARSED_PATHS;
        }
    };
    /** The entry of the path parsed last: the lookups right after a parse find what it resolved to last time. */
    private Parsed lastParsed;
    /** The write path's staging buffer for partial runs and journal records (see {@link #staging(int)}); null in use. */
    private byte[] staging;

    /**
     * A path parsed lately and what it resolved to last time: its parent directory (valid while no directory is
     * renamed, moved or deleted) and its record (checked before use: still live, same parent, same name).
     */
    private static final class Parsed {
        final VolumePath path;
        FileRecord parent;
        long parentEpoch;
        FileRecord leaf;
        String leafName;

        Parsed(VolumePath path) {
            this.path = path;
        }
    }

    private Volume(BlockDevice device, Superblock superblock, FileTable table, long journalPosition,
            long nextSequence) {
        this.device = device;
        this.layout = superblock.layout();
        this.volumeId = superblock.volumeId();
        this.label = superblock.label();
        this.superblock = superblock;
        this.table = table;
        this.journalPosition = journalPosition;
        this.nextSequence = nextSequence;
    }

    // ---- format and mount ------------------------------------------------------------------------------------

    /**
     * Writes an empty filesystem over the whole LUN with the default layout. Only the metadata heads are written,
     * so formatting a sparse LUN of any size is quick.
     *
     * @throws ExhaException INVALID_NAME (123) for a bad label, WRITE_PROTECTED (19), DEVICE_NOT_READY (21)
     */
    public static CompletableFuture<Void> format(BlockDevice device, String label) {
        return format(device, label, VolumeLayout.forDevice(device.capacityBytes(), device.blockSize()));
    }

    /**
     * Writes an empty filesystem with an explicit layout (tests use small journals to exercise checkpoints).
     *
     * @throws ExhaException INVALID_NAME (123), WRITE_PROTECTED (19), DEVICE_NOT_READY (21), or UNRECOGNIZED_VOLUME
     *     (1005) when the layout does not fit the device
     */
    public static CompletableFuture<Void> format(BlockDevice device, String label, VolumeLayout layout) {
        Objects.requireNonNull(device, "device");
        checkLabel(label);
        if (layout.blockSize() != device.blockSize()
                || layout.clusterCount() * layout.clusterSize() > device.capacityBytes()) {
            throw Win32Error.UNRECOGNIZED_VOLUME.exception("layout " + layout + " does not fit LUN " + device.lun());
        }
        // A new volume id makes every journal record of an earlier format of this LUN stale.
        long previous = 0;
        for (int slot = 0; slot < 2; slot++) {
            Superblock old = Superblock.decode(read(device, layout.superblockOffset(slot), layout.blockSize()));
            if (old != null) {
                previous = Math.max(previous, old.volumeId());
            }
        }
        long volumeId = previous != 0 ? previous + 1
                : (((long) device.lun().toString().hashCode() << 32) ^ label.hashCode()) & Long.MAX_VALUE | 1;
        byte[] checkpoint = FileTable.empty(layout).snapshot();
        Superblock first = new Superblock(volumeId, label, layout, 0, 0, checkpoint.length, crc(checkpoint), 1);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        // The other slot is cleared first so an older superblock with a higher generation cannot win at mount.
        writes.add(write(device, layout.superblockOffset(1), new byte[layout.blockSize()]));
        writes.add(write(device, layout.checkpointOffset(0), pad(checkpoint, layout.blockSize())));
        writes.add(write(device, layout.journalOffset(), new byte[layout.blockSize()]));
        writes.add(write(device, layout.superblockOffset(0), first.encode()));
        return all(writes);
    }

    /**
     * Mounts the filesystem on a device: reads the current checkpoint and replays the journal records after it.
     * Writes nothing.
     *
     * @throws ExhaException UNRECOGNIZED_VOLUME (1005) when the device holds no valid filesystem, DEVICE_NOT_READY (21)
     */
    public static Volume mount(BlockDevice device) {
        Objects.requireNonNull(device, "device");
        int block = device.blockSize();
        Superblock best = null;
        for (int slot = 0; slot < 2; slot++) {
            Superblock candidate = Superblock.decode(read(device, (long) slot * block, block));
            if (candidate != null && (best == null || candidate.generation() > best.generation())) {
                best = candidate;
            }
        }
        String where = "LUN " + device.lun() + " seen from " + device.host();
        if (best == null || best.layout().blockSize() != block
                || best.layout().clusterCount() * best.layout().clusterSize() > device.capacityBytes()
                || best.checkpointLength() > best.layout().checkpointBytes()) {
            throw Win32Error.UNRECOGNIZED_VOLUME.exception(where);
        }
        VolumeLayout layout = best.layout();
        byte[] checkpoint = Arrays.copyOf(read(device, layout.checkpointOffset(best.checkpointSlot()),
                roundUp(best.checkpointLength(), block)), best.checkpointLength());
        if (crc(checkpoint) != best.checkpointCrc()) {
            throw Win32Error.UNRECOGNIZED_VOLUME.exception(where + ": the checkpoint is corrupt");
        }
        FileTable table;
        try {
            table = FileTable.restore(layout, checkpoint);
        } catch (IOException | RuntimeException e) {
            throw Win32Error.UNRECOGNIZED_VOLUME.exception(where + ": the checkpoint is corrupt", e);
        }
        // Replay: records follow each other from the ring's start; the first one that is not the next sequence
        // number, or fails its checksum, is where the operations issued before the cut end.
        long position = 0;
        long sequence = best.journalStartSequence();
        while (position + block <= layout.journalBytes()) {
            byte[] head = read(device, layout.journalOffset() + position, block);
            int payload = LogRecord.payloadLength(head, best.volumeId(), sequence);
            if (payload < 0) {
                break;
            }
            int length = LogRecord.encodedLength(payload, block);
            if (payload > layout.journalBytes() || position + length > layout.journalBytes()) {
                break;
            }
            byte[] bytes = length == block ? head : read(device, layout.journalOffset() + position, length);
            LogRecord record = LogRecord.decode(bytes, best.volumeId(), sequence, payload);
            if (record == null) {
                break;
            }
            try {
                for (Action action : record.actions()) {
                    table.apply(action);
                }
            } catch (RuntimeException e) {
                throw Win32Error.UNRECOGNIZED_VOLUME.exception(where + ": journal record " + sequence
                        + " does not apply", e);
            }
            position += length;
            sequence++;
        }
        return new Volume(device, best, table, position, sequence);
    }

    /**
     * A path inside a volume as Win32 normalises it ({@code \a\.\b\..\c.} gives {@code \a\c}): separators
     * collapsed, {@code .} and {@code ..} resolved, trailing dots and spaces of names stripped, case kept. Two paths
     * name the same file when their normal forms are equal ignoring case.
     *
     * @throws ExhaException INVALID_NAME (123), NAME_TOO_LONG (206)
     */
    public static String normalize(String path) {
        return VolumePath.parse(path).toString();
    }

    /** Detaches the volume; every later call fails with VOLUME_STATE. Writes nothing (all is on the device). */
    public void dismount() {
        requireMounted();
        mounted = false;
    }

    /** Whether the volume is mounted. */
    public boolean isMounted() {
        return mounted;
    }

    /** The volume label. */
    public String label() {
        return label;
    }

    /** The device it is mounted from. */
    public BlockDevice device() {
        return device;
    }

    /** Where the volume keeps what. */
    public VolumeLayout layout() {
        return layout;
    }

    /** The volume's size: the whole LUN, metadata areas included. */
    public long totalBytes() {
        return layout.clusterCount() * layout.clusterSize();
    }

    /**
     * Bytes new data can still take: free data clusters. A write needing more new clusters than this fails with
     * DISK_FULL (overwriting data needs new clusters too, since data is copied on write).
     */
    public long freeBytes() {
        requireMounted();
        return table.bitmap().free() * layout.clusterSize();
    }

    // ---- namespace ---------------------------------------------------------------------------------------------

    /**
     * Creates a directory; its parent must exist.
     *
     * @throws ExhaException PATH_NOT_FOUND (3), FILE_EXISTS (183), INVALID_NAME (123), NAME_TOO_LONG (206),
     *     DISK_FULL (112), WRITE_PROTECTED (19), DEVICE_NOT_READY (21)
     */
    public CompletableFuture<Void> createDirectory(String path) {
        return create(path, true);
    }

    /**
     * Creates an empty file; its directory must exist.
     *
     * @throws ExhaException PATH_NOT_FOUND (3), FILE_EXISTS (80), INVALID_NAME (123), NAME_TOO_LONG (206),
     *     DISK_FULL (112), WRITE_PROTECTED (19), DEVICE_NOT_READY (21)
     */
    public CompletableFuture<Void> createFile(String path) {
        return create(path, false);
    }

    private CompletableFuture<Void> create(String path, boolean directory) {
        requireMounted();
        VolumePath target = parse(path);
        Win32Error exists = directory ? Win32Error.ALREADY_EXISTS : Win32Error.FILE_EXISTS;
        if (target.isRoot()) {
            throw exists.exception(describe(target));
        }
        FileRecord parent = parentDirectory(target);
        if (parent.children.containsKey(VolumePath.key(target.name()))) {
            throw exists.exception(describe(target));
        }
        return commit(prepare(List.of(new CreateNode(table.nextId(), parent.id, target.name(), directory)), target),
                List.of());
    }

    /**
     * The entries of a directory, sorted case-insensitively.
     *
     * @throws ExhaException PATH_NOT_FOUND (3) (also for a file), INVALID_NAME (123), NAME_TOO_LONG (206)
     */
    public List<DirectoryEntry> list(String directoryPath) {
        requireMounted();
        VolumePath path = parse(directoryPath);
        FileRecord directory = path.isRoot() ? table.root() : lookup(path);
        if (directory == null || !directory.directory) {
            throw Win32Error.PATH_NOT_FOUND.exception(describe(path));
        }
        List<DirectoryEntry> entries = new ArrayList<>();
        for (long id : directory.children.values()) {
            FileRecord child = table.record(id);
            entries.add(new DirectoryEntry(child.name, child.directory, child.directory ? 0 : child.size));
        }
        return List.copyOf(entries);
    }

    /**
     * A value computed by {@code derive} from the names of the files (not directories) in a directory, in
     * {@link #list} order, and kept until a file or directory in it is added, removed or renamed: for callers that
     * read a folder's names far more often than they change (the replication service looks at its log folders every
     * second). {@code key} identifies the computation (records compare by value); another key computes again. The
     * function must depend on the names alone.
     *
     * @throws ExhaException PATH_NOT_FOUND (3) as {@link #list}
     */
    public <T> T fromFileNames(String directoryPath, Object key, Function<List<String>, T> derive) {
        return fromFileNames(directoryPath, key, derive, null);
    }

    /**
     * {@link #fromFileNames(String, Object, Function)} for a value that can be brought up to date from the names
     * added and removed since it was derived ({@code update}, null for none), instead of derived again from every
     * name: for folders that grow by one file at a time to thousands (a day's logs). The update must give exactly
     * what {@code derive} would give for the folder's names now, whatever the order of the changes: it receives
     * every name added and every name removed since (a name added then removed appears in both).
     *
     * @throws ExhaException PATH_NOT_FOUND (3) as {@link #list}
     */
    @SuppressWarnings("unchecked")
    public <T> T fromFileNames(String directoryPath, Object key, Function<List<String>, T> derive,
            NameChanges<T> update) {
        requireMounted();
        VolumePath path = parse(directoryPath);
        FileRecord directory = path.isRoot() ? table.root() : lookup(path);
        if (directory == null || !directory.directory) {
            throw Win32Error.PATH_NOT_FOUND.exception(describe(path));
        }
        if (!key.equals(directory.derivedKey)) {
            List<String> names = new ArrayList<>();
            for (long id : directory.children.values()) {
                FileRecord child = table.record(id);
                if (!child.directory) {
                    names.add(child.name);
                }
            }
            directory.childrenChanged();
            directory.derived = derive.apply(List.copyOf(names));
            directory.derivedKey = key;
            directory.derivedUpdate = (NameChanges<Object>) update;
        } else if (!directory.addedNames.isEmpty() || !directory.removedNames.isEmpty()) {
            directory.derived = directory.derivedUpdate.apply(directory.derived, List.copyOf(directory.addedNames),
                    List.copyOf(directory.removedNames));
            directory.addedNames.clear();
            directory.removedNames.clear();
        }
        return (T) directory.derived;
    }

    /**
     * Brings a value derived from a folder's file names up to date ({@link #fromFileNames(String, Object, Function,
     * NameChanges)}).
     *
     * @param <T> the value
     */
    @FunctionalInterface
    public interface NameChanges<T> {
        /** The value for the names now, from the value before and the file names added and removed since. */
        T apply(T derived, List<String> added, List<String> removed);
    }

    /**
     * The total of {@code term} over every file (not directory) of the volume, kept up to date as files are created,
     * resized, renamed and deleted rather than computed by walking the volume each time: for callers that need a
     * volume-wide figure often (the store asks how much room its logs really take at every log roll). {@code key}
     * identifies the term (records compare by value) and the first call with a key walks the volume once. The term
     * must depend on the entry alone (name and size) and be cheap: it runs at every change of every file.
     */
    public long sumOverFiles(Object key, ToLongFunction<DirectoryEntry> term) {
        requireMounted();
        return table.sumOverFiles(key, term);
    }

    /**
     * A witness of the bytes of the file at {@code path} as they are now. {@link #unchangedSince} later tells whether
     * a range of them was written since, so a reader that keeps what it decoded (a passive copy's replayer keeps the
     * records of its database file) need not read and compare the bytes again. The volume sees every change made
     * through it; a device error it sees makes it forget what it knew (the device may have lost acknowledged-to-none
     * writes), and a dismount ends every mark.
     *
     * @throws ExhaException FILE_NOT_FOUND (2), PATH_NOT_FOUND (3), ACCESS_DENIED (5) for a directory
     */
    public ContentMark mark(String path) {
        requireMounted();
        FileRecord file = file(parse(path));
        if (file.changes == null) {
            file.changes = new ContentChanges(nextSequence);
        }
        return new ContentMark(this, file.id, nextSequence, witnessEpoch);
    }

    /**
     * Whether no byte in [{@code from}, {@code to}) of the file at {@code path} can have changed since {@code mark}
     * was taken: the same file (not deleted, nor replaced by another under its name), on this mount, with no device
     * error since, and no write through this volume touching the range. False whenever it cannot tell; a false
     * answer only means "read it again".
     *
     * @throws ExhaException INVALID_NAME (123), NAME_TOO_LONG (206)
     */
    public boolean unchangedSince(String path, ContentMark mark, long from, long to) {
        if (!mounted || mark.volume != this || mark.epoch != witnessEpoch) {
            return false;
        }
        FileRecord file = find(parse(path));
        return file != null && file.id == mark.fileId && file.changes != null
                && file.changes.unchangedSince(mark.sequence, from, to);
    }

    /**
     * Whether a file or directory exists at {@code path} (false when a directory on the way is missing).
     *
     * @throws ExhaException INVALID_NAME (123), NAME_TOO_LONG (206)
     */
    public boolean exists(String path) {
        requireMounted();
        return find(parse(path)) != null;
    }

    /**
     * Whether {@code path} names a directory.
     *
     * @throws ExhaException INVALID_NAME (123), NAME_TOO_LONG (206)
     */
    public boolean isDirectory(String path) {
        requireMounted();
        FileRecord record = find(parse(path));
        return record != null && record.directory;
    }

    /**
     * A file's size in bytes.
     *
     * @throws ExhaException FILE_NOT_FOUND (2), PATH_NOT_FOUND (3), ACCESS_DENIED (5) for a directory
     */
    public long size(String path) {
        requireMounted();
        return file(parse(path)).size;
    }

    /**
     * Renames or moves a file or directory, also to another directory. Changing only the case of a name is allowed.
     *
     * @throws ExhaException FILE_NOT_FOUND (2), PATH_NOT_FOUND (3), FILE_EXISTS (183), ACCESS_DENIED (5) for the root
     *     or for moving a directory into itself, INVALID_NAME (123), NAME_TOO_LONG (206), WRITE_PROTECTED (19),
     *     DEVICE_NOT_READY (21)
     */
    public CompletableFuture<Void> rename(String from, String to) {
        requireMounted();
        VolumePath source = parse(from);
        VolumePath target = parse(to);
        FileRecord node = existing(source);
        if (source.isRoot() || target.isRoot()) {
            throw Win32Error.ACCESS_DENIED.exception("cannot move the root directory: " + describe(source));
        }
        FileRecord parent = parentDirectory(target);
        Long holder = parent.children.get(VolumePath.key(target.name()));
        if (holder != null && holder != node.id) {
            throw Win32Error.ALREADY_EXISTS.exception(describe(target));
        }
        if (node.directory && source.contains(target) && holder == null) {
            // Windows refuses to move a folder into itself; ACCESS_DENIED is the closest code exha has.
            throw Win32Error.ACCESS_DENIED.exception("cannot move " + describe(source) + " into itself");
        }
        return commit(prepare(List.of(new Rename(node.id, parent.id, target.name())), target), List.of());
    }

    /**
     * Deletes a file, or an empty directory.
     *
     * @throws ExhaException FILE_NOT_FOUND (2), PATH_NOT_FOUND (3), DIRECTORY_NOT_EMPTY (145), ACCESS_DENIED (5) for
     *     the root, WRITE_PROTECTED (19), DEVICE_NOT_READY (21)
     */
    public CompletableFuture<Void> delete(String path) {
        requireMounted();
        VolumePath target = parse(path);
        if (target.isRoot()) {
            throw Win32Error.ACCESS_DENIED.exception("cannot delete the root directory");
        }
        FileRecord node = existing(target);
        if (!node.children.isEmpty()) {
            throw Win32Error.DIR_NOT_EMPTY.exception(describe(target));
        }
        return commit(prepare(List.of(new Delete(node.id)), target), List.of());
    }

    // ---- data --------------------------------------------------------------------------------------------------

    /**
     * Appends bytes to the end of a file.
     *
     * @throws ExhaException as {@link #write}
     */
    public CompletableFuture<Void> append(String path, byte[] data, int from, int length) {
        requireMounted();
        return write(path, file(parse(path)).size, data, from, length);
    }

    /**
     * Writes bytes at {@code offset}, overwriting and/or extending the file; a gap past the old end reads as zeros.
     *
     * @throws ExhaException FILE_NOT_FOUND (2), PATH_NOT_FOUND (3), ACCESS_DENIED (5) for a directory, DISK_FULL (112),
     *     WRITE_PROTECTED (19), DEVICE_NOT_READY (21)
     */
    public CompletableFuture<Void> write(String path, long offset, byte[] data, int from, int length) {
        requireMounted();
        VolumePath target = parse(path);
        FileRecord file = file(target);
        Objects.checkFromIndexSize(from, length, data.length);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        if (length == 0) {
            return CompletableFuture.completedFuture(null);
        }
        int cluster = layout.clusterSize();
        long size = file.size;
        long end = offset + length;
        long newSize = Math.max(size, end);
        long first = offset / cluster;
        long last = (end - 1) / cluster;
        // Clusters needing new space: unmapped ones, and mapped ones whose bytes before the current end change
        // (copy on write: a block the durable metadata references is never overwritten). The rest are written in
        // place, only at or past the current end, which no durable state can see.
        List<Long> fresh = new ArrayList<>();
        List<Long> inPlace = new ArrayList<>();
        long tail = size % cluster != 0 ? size / cluster : -1;
        if (tail >= 0 && tail < first && file.physical(tail) >= 0) {
            inPlace.add(tail); // its bytes past the old end become part of the file: they must read as zeros
        }
        // Clusters preallocated past the end (see preallocate) that the gap before the write covers were never
        // written: they become part of the file too, so they are zeroed in place.
        long pastEnd = (size + cluster - 1) / cluster;
        // Only the extents overlapping [pastEnd, first): a file grown by appends has one per append's cluster.
        Long overlapping = pastEnd < first ? file.extents.floorKey(pastEnd) : null;
        Map<Long, Extent> gap = pastEnd >= first ? Map.of()
                : file.extents.subMap(overlapping == null ? pastEnd : overlapping, true, first, false);
        for (Extent extent : gap.values()) {
            for (long c = Math.max(pastEnd, extent.logicalCluster()); c < Math.min(first, extent.logicalEnd()); c++) {
                if (c != tail) {
                    inPlace.add(c);
                }
            }
        }
        for (long c = first; c <= last; c++) {
            if (file.physical(c) < 0 || Math.max(offset, c * cluster) < size) {
                fresh.add(c);
            } else {
                inPlace.add(c);
            }
        }
        if (fresh.size() > table.bitmap().free()) {
            throw Win32Error.DISK_FULL.exception(describe(target) + ": " + length + " bytes need " + fresh.size()
                    + " clusters of " + cluster + " bytes, " + table.bitmap().free() + " are free");
        }
        long hint = file.physical(first - 1) >= 0 ? file.physical(first - 1) + 1 : file.nextPhysicalHint();
        List<Extent> extents = place(fresh, hint);
        List<Action> actions = List.of(new MapClusters(file.id, newSize, extents));
        Prepared record = prepare(actions, target);
        if (file.changes != null) {
            // Bytes between the old end and the offset become zeros: part of the change.
            file.changes.add(record.record().sequence(), Math.min(offset, size), end);
        }
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (long c : inPlace) {
            long physical = file.physical(c);
            long clusterStart = c * cluster;
            long regionStart = Math.max(size, clusterStart) / layout.blockSize() * layout.blockSize();
            byte[] region = readDevice(layout.clusterOffset(physical) + (regionStart - clusterStart),
                    (int) (clusterStart + cluster - regionStart));
            overlay(region, 0, region.length, regionStart, size, data, from, offset, end);
            writes.add(write(device, layout.clusterOffset(physical) + (regionStart - clusterStart), region));
        }
        for (Extent extent : split(extents)) {
            long runStart = extent.logicalCluster() * cluster;
            int runBytes = (int) extent.count() * cluster;
            long physicalOffset = layout.clusterOffset(extent.physicalCluster());
            if (offset <= runStart && runStart + runBytes <= end) {
                // The write covers the whole run: its new bytes are the caller's, which the device copies before
                // returning (BlockDevice's contract), so no staging buffer and no read of the old clusters.
                writes.add(write(device, physicalOffset, data, from + (int) (runStart - offset), runBytes));
                continue;
            }
            byte[] run = staging(runBytes);
            for (int i = 0; i < extent.count(); i++) {
                long c = extent.logicalCluster() + i;
                long clusterStart = c * cluster;
                if (offset <= clusterStart && clusterStart + cluster <= end) {
                    System.arraycopy(data, from + (int) (clusterStart - offset), run, i * cluster, cluster);
                    continue;
                }
                // A cluster the write covers only in part keeps its other bytes (copy on write).
                long old = file.physical(c);
                if (old >= 0) {
                    readDeviceInto(layout.clusterOffset(old), run, i * cluster, cluster);
                } else {
                    Arrays.fill(run, i * cluster, (i + 1) * cluster, (byte) 0);
                }
                overlay(run, i * cluster, cluster, clusterStart, size, data, from, offset, end);
            }
            writes.add(write(device, physicalOffset, run, 0, runBytes));
            staging = run;
        }
        return commit(record, writes);
    }

    /**
     * A buffer of at least {@code bytes} (holding stale bytes: the caller overwrites what it writes) to stage a run of
     * clusters or a journal record in. A device copies what it is given before its write returns (BlockDevice's
     * contract), so one buffer serves every write: appending a record to a log rewrites its last cluster elsewhere
     * (copy on write) and journals it, and new arrays for both were the largest allocation of a simulated day. It is
     * taken from the volume while in use (the caller puts it back), so a write that re-entered this volume from a
     * device callback would stage in a fresh one.
     */
    private byte[] staging(int bytes) {
        byte[] buffer = staging;
        staging = null;
        if (buffer == null || buffer.length < bytes) {
            return new byte[bytes];
        }
        return buffer; // every cluster of the run is then copied, read or zeroed in full
    }

    /**
     * Allocates clusters to a file past its end without writing them, as a program that reserves disk space does
     * ({@code SetFileInformationByHandle} with {@code FileAllocationInfo}, a download or a database growing in
     * advance): the file's size does not change and nothing is written, but the clusters are taken, so
     * {@link #freeBytes()} drops by {@code bytes} rounded up to whole clusters. Deleting the file frees them; a later
     * write into the allocation zeroes whatever of it becomes part of the file before the written bytes.
     *
     * @throws ExhaException FILE_NOT_FOUND (2), PATH_NOT_FOUND (3), ACCESS_DENIED (5) for a directory, DISK_FULL (112)
     *     when fewer clusters are free, WRITE_PROTECTED (19), DEVICE_NOT_READY (21)
     */
    public CompletableFuture<Void> preallocate(String path, long bytes) {
        requireMounted();
        VolumePath target = parse(path);
        FileRecord file = file(target);
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
        int cluster = layout.clusterSize();
        long count = (bytes + cluster - 1) / cluster;
        if (count == 0) {
            return CompletableFuture.completedFuture(null);
        }
        if (count > table.bitmap().free()) {
            throw Win32Error.DISK_FULL.exception(describe(target) + ": allocating " + bytes + " bytes needs " + count
                    + " clusters of " + cluster + " bytes, " + table.bitmap().free() + " are free");
        }
        long start = Math.max((file.size + cluster - 1) / cluster, file.extents.isEmpty() ? 0
                : file.extents.lastEntry().getValue().logicalEnd());
        List<Long> logical = new ArrayList<>();
        for (long c = 0; c < count; c++) {
            logical.add(start + c);
        }
        List<Extent> extents = place(logical, file.nextPhysicalHint());
        return commit(prepare(List.of(new MapClusters(file.id, file.size, extents)), target), List.of());
    }

    /**
     * Reads up to {@code length} bytes at {@code offset}; fewer at the end of the file, 0 at or past it.
     *
     * @return bytes read
     * @throws ExhaException FILE_NOT_FOUND (2), PATH_NOT_FOUND (3), ACCESS_DENIED (5) for a directory, DEVICE_NOT_READY
     *     (21)
     */
    public int read(String path, long offset, byte[] target, int from, int length) {
        requireMounted();
        FileRecord file = file(parse(path));
        Objects.checkFromIndexSize(from, length, target.length);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        if (offset >= file.size || length == 0) {
            return 0;
        }
        int count = (int) Math.min(length, file.size - offset);
        int cluster = layout.clusterSize();
        int block = layout.blockSize();
        long position = offset;
        long end = offset + count;
        while (position < end) {
            long c = position / cluster;
            Extent extent = file.extentAt(c);
            int done = (int) (position - offset);
            if (extent == null) {
                // A hole: up to the next mapped cluster or the end, zeros.
                Long next = file.extents.ceilingKey(c);
                long stop = Math.min(end, next == null ? end : next * cluster);
                Arrays.fill(target, from + done, from + done + (int) (stop - position), (byte) 0);
                position = stop;
                continue;
            }
            long stop = Math.min(end, Math.min(extent.logicalEnd() * cluster, position + (1L << 20)));
            long physical = layout.clusterOffset(extent.physicalCluster()) + (position
                    - extent.logicalCluster() * cluster);
            int run = (int) (stop - position);
            if (physical % block == 0 && run % block == 0) {
                readDeviceInto(physical, target, from + done, run); // aligned: no staging buffer
                position = stop;
                continue;
            }
            long alignedStart = physical / block * block;
            long alignedEnd = roundUp(physical + run, block);
            byte[] bytes = readDevice(alignedStart, (int) (alignedEnd - alignedStart));
            System.arraycopy(bytes, (int) (physical - alignedStart), target, from + done, run);
            position = stop;
        }
        return count;
    }

    /**
     * Copies a file (its data is copied, not shared).
     *
     * @throws ExhaException FILE_NOT_FOUND (2), PATH_NOT_FOUND (3), ACCESS_DENIED (5) for a directory, FILE_EXISTS
     *     (80), DISK_FULL (112), WRITE_PROTECTED (19), DEVICE_NOT_READY (21)
     */
    public CompletableFuture<Void> copy(String from, String to) {
        requireMounted();
        VolumePath source = parse(from);
        VolumePath target = parse(to);
        FileRecord file = file(source);
        if (target.isRoot()) {
            throw Win32Error.ACCESS_DENIED.exception(describe(target));
        }
        FileRecord parent = parentDirectory(target);
        if (parent.children.containsKey(VolumePath.key(target.name()))) {
            throw Win32Error.FILE_EXISTS.exception(describe(target));
        }
        List<Long> clusters = new ArrayList<>();
        for (Extent extent : file.extents.values()) {
            for (long c = extent.logicalCluster(); c < extent.logicalEnd(); c++) {
                clusters.add(c);
            }
        }
        if (clusters.size() > table.bitmap().free()) {
            throw Win32Error.DISK_FULL.exception(describe(target) + ": copying " + file.size + " bytes needs "
                    + clusters.size() + " clusters, " + table.bitmap().free() + " are free");
        }
        List<Extent> extents = place(clusters, -1);
        long id = table.nextId();
        Prepared record = prepare(List.of(new CreateNode(id, parent.id, target.name(), false),
                new MapClusters(id, file.size, extents)), target);
        int cluster = layout.clusterSize();
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (Extent extent : split(extents)) {
            byte[] run = new byte[(int) extent.count() * cluster];
            for (int i = 0; i < extent.count(); i++) {
                long c = extent.logicalCluster() + i;
                byte[] one = readDevice(layout.clusterOffset(file.physical(c)), cluster);
                // Bytes past the end may hold anything; the copy's must read as zeros if it ever grows.
                long keep = Math.max(0, Math.min(cluster, file.size - c * cluster));
                Arrays.fill(one, (int) keep, cluster, (byte) 0);
                System.arraycopy(one, 0, run, i * cluster, cluster);
            }
            writes.add(write(device, layout.clusterOffset(extent.physicalCluster()), run));
        }
        return commit(record, writes);
    }

    /**
     * Writes a checkpoint now: the file table to the spare checkpoint slot, then the superblock pointing at it, and
     * restarts the journal. Happens by itself whenever the journal ring is full.
     *
     * @throws ExhaException WRITE_PROTECTED (19), DEVICE_NOT_READY (21)
     */
    public CompletableFuture<Void> checkpoint() {
        requireMounted();
        return writeCheckpoint();
    }

    // ---- the write path ----------------------------------------------------------------------------------------

    /** An operation's journal record and its encoded payload, encoded once for the size check and the write. */
    private record Prepared(LogRecord record, byte[] payload) {
    }

    /** Checks an operation's journal record fits the journal and its metadata the checkpoint slot. */
    private Prepared prepare(List<Action> actions, VolumePath target) {
        LogRecord record = new LogRecord(nextSequence, actions);
        long growth = 0;
        for (Action action : actions) {
            growth += FileTable.growthBound(action);
        }
        byte[] payload = record.payload();
        if (LogRecord.encodedLength(payload.length, layout.blockSize()) > layout.journalBytes()
                || table.snapshotBytes() + growth > layout.checkpointBytes()) {
            throw Win32Error.DISK_FULL.exception(describe(target) + ": the volume's metadata area is full");
        }
        return new Prepared(record, payload);
    }

    /**
     * The last step of every operation: checkpoint if the ring is full, write the journal record (after the data),
     * then apply it. Data writes were issued by the caller; if the device refused one, we never got here.
     */
    private CompletableFuture<Void> commit(Prepared prepared, List<CompletableFuture<Void>> dataWrites) {
        LogRecord record = prepared.record();
        int length = LogRecord.encodedLength(prepared.payload().length, layout.blockSize());
        byte[] bytes = staging(length);
        record.encodeInto(bytes, volumeId, layout.blockSize(), prepared.payload());
        List<CompletableFuture<Void>> writes = new ArrayList<>(dataWrites);
        if (journalPosition + length > layout.journalBytes()) {
            writes.add(writeCheckpoint());
        }
        writes.add(write(device, layout.journalOffset() + journalPosition, bytes, 0, length));
        staging = bytes;
        for (Action action : record.actions()) {
            table.apply(action);
        }
        journalPosition += length;
        nextSequence++;
        return watched(all(writes));
    }

    private CompletableFuture<Void> writeCheckpoint() {
        byte[] snapshot = table.snapshot();
        int slot = 1 - superblock.checkpointSlot();
        Superblock next = new Superblock(volumeId, label, layout, superblock.generation() + 1, slot, snapshot.length,
                crc(snapshot), nextSequence);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        writes.add(write(device, layout.checkpointOffset(slot), pad(snapshot, layout.blockSize())));
        // One block write switches to the new checkpoint; until it lands the old checkpoint and journal stand.
        writes.add(write(device, layout.superblockOffset((int) (next.generation() % 2)), next.encode()));
        superblock = next;
        journalPosition = 0;
        return all(writes);
    }

    /** Chooses volume clusters for the given file clusters, as extents in file order. */
    private List<Extent> place(List<Long> logical, long hint) {
        List<Extent> extents = new ArrayList<>();
        if (logical.isEmpty()) {
            return extents;
        }
        int index = 0;
        for (long[] run : table.bitmap().choose(logical.size(), hint)) {
            for (long i = 0; i < run[1]; i++) {
                long c = logical.get(index++);
                long p = run[0] + i;
                Extent lastExtent = extents.isEmpty() ? null : extents.get(extents.size() - 1);
                if (lastExtent != null && lastExtent.logicalEnd() == c && lastExtent.physicalEnd() == p) {
                    extents.set(extents.size() - 1, new Extent(lastExtent.logicalCluster(),
                            lastExtent.physicalCluster(), lastExtent.count() + 1));
                } else {
                    extents.add(new Extent(c, p, 1));
                }
            }
        }
        return extents;
    }

    /** Splits extents into runs of at most {@link #MAX_RUN_CLUSTERS}, the size of one device write. */
    private static List<Extent> split(List<Extent> extents) {
        List<Extent> out = new ArrayList<>();
        for (Extent extent : extents) {
            for (long i = 0; i < extent.count(); i += MAX_RUN_CLUSTERS) {
                out.add(new Extent(extent.logicalCluster() + i, extent.physicalCluster() + i,
                        Math.min(MAX_RUN_CLUSTERS, extent.count() - i)));
            }
        }
        return out;
    }

    /**
     * Makes {@code buffer[at..at+length)} (file bytes from {@code regionStart}) what the file holds after writing
     * {@code data[from..]} at [offset, end): bytes at or past the old {@code size} become zeros first.
     */
    private static void overlay(byte[] buffer, int at, int length, long regionStart, long size, byte[] data,
            int from, long offset, long end) {
        long regionEnd = regionStart + length;
        if (size < regionEnd) {
            Arrays.fill(buffer, at + (int) Math.max(0, size - regionStart), at + length, (byte) 0);
        }
        long lo = Math.max(offset, regionStart);
        long hi = Math.min(end, regionEnd);
        if (lo < hi) {
            System.arraycopy(data, from + (int) (lo - offset), buffer, at + (int) (lo - regionStart),
                    (int) (hi - lo));
        }
    }

    // ---- lookups -----------------------------------------------------------------------------------------------

    /** {@link VolumePath#parse}, remembered for the paths named lately (see {@link #parsed}). */
    private VolumePath parse(String path) {
        Parsed known = path == null ? null : parsed.get(path);
        if (known == null) {
            known = new Parsed(VolumePath.parse(path));
            parsed.put(path, known);
        }
        lastParsed = known;
        return known.path;
    }

    /** The directory that holds {@code path}'s last name; PATH_NOT_FOUND when it does not exist or is a file. */
    private FileRecord parentDirectory(VolumePath path) {
        List<String> keys = path.keys();
        if (keys.size() <= 1) {
            return table.root();
        }
        Parsed entry = lastParsed != null && lastParsed.path == path ? lastParsed : null;
        if (entry != null && entry.parent != null && entry.parentEpoch == table.directoryChanges()) {
            return entry.parent;
        }
        if (directoriesEpoch != table.directoryChanges()) {
            directories.clear();
            directoriesEpoch = table.directoryChanges();
        }
        List<String> parentKeys = keys.subList(0, keys.size() - 1);
        FileRecord known = directories.get(parentKeys);
        if (known != null) {
            return remember(entry, known);
        }
        FileRecord directory = table.root();
        for (int i = 0; i < keys.size() - 1; i++) {
            Long id = directory.children.get(keys.get(i));
            FileRecord next = id == null ? null : table.record(id);
            if (next == null || !next.directory) {
                throw Win32Error.PATH_NOT_FOUND.exception(describe(path));
            }
            directory = next;
        }
        if (directories.size() >= PARSED_PATHS) {
            directories.clear();
        }
        directories.put(List.copyOf(parentKeys), directory);
        return remember(entry, directory);
    }

    private FileRecord remember(Parsed entry, FileRecord parent) {
        if (entry != null) {
            entry.parent = parent;
            entry.parentEpoch = table.directoryChanges();
        }
        return parent;
    }

    /** The record at {@code path}, null when the last name is missing; PATH_NOT_FOUND for a missing directory. */
    private FileRecord lookup(VolumePath path) {
        if (path.isRoot()) {
            return table.root();
        }
        FileRecord parent = parentDirectory(path);
        Parsed entry = lastParsed != null && lastParsed.path == path ? lastParsed : null;
        if (entry != null) {
            FileRecord leaf = entry.leaf;
            // Still the record under this name: not deleted, not moved, not renamed (a rename sets a new name).
            if (leaf != null && !leaf.deleted && leaf.parent == parent.id && leaf.name == entry.leafName) {
                return leaf;
            }
        }
        Long id = parent.children.get(path.nameKey());
        FileRecord found = id == null ? null : table.record(id);
        if (entry != null) {
            entry.leaf = found;
            entry.leafName = found == null ? null : found.name;
        }
        return found;
    }

    private FileRecord find(VolumePath path) {
        try {
            return lookup(path);
        } catch (ExhaException e) {
            return null;
        }
    }

    private FileRecord existing(VolumePath path) {
        FileRecord record = lookup(path);
        if (record == null) {
            throw Win32Error.FILE_NOT_FOUND.exception(describe(path));
        }
        return record;
    }

    private FileRecord file(VolumePath path) {
        FileRecord record = existing(path);
        if (record.directory) {
            throw Win32Error.ACCESS_DENIED.exception(describe(path) + " is a directory");
        }
        return record;
    }

    private String describe(VolumePath path) {
        return "'" + path + "' on volume '" + label + "', LUN " + device.lun();
    }

    private void requireMounted() {
        if (!mounted) {
            throw new ExhaException(ClusterErrorCode.VOLUME_STATE, "The volume '" + label + "' on LUN "
                    + device.lun() + " is not mounted.");
        }
    }

    private static void checkLabel(String label) {
        Objects.requireNonNull(label, "label");
        if (label.length() > MAX_LABEL_LENGTH) {
            throw Win32Error.INVALID_NAME.exception("the volume label '" + label + "' is longer than "
                    + MAX_LABEL_LENGTH + " characters");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c < 32 || "<>:\"|?*/\\".indexOf(c) >= 0) {
                throw Win32Error.INVALID_NAME.exception("the volume label '" + label + "' contains '" + c + "'");
            }
        }
    }

    // ---- device access -----------------------------------------------------------------------------------------

    // A mounted volume's device I/O: an error also ends what the content marks knew (see mark).

    private byte[] readDevice(long offset, int length) {
        try {
            return read(device, offset, length);
        } catch (ExhaException e) {
            witnessEpoch++;
            throw e;
        }
    }

    private void readDeviceInto(long offset, byte[] target, int at, int length) {
        try {
            readInto(device, offset, target, at, length);
        } catch (ExhaException e) {
            witnessEpoch++;
            throw e;
        }
    }

    private CompletableFuture<Void> watched(CompletableFuture<Void> acknowledged) {
        if (acknowledged.isDone() && !acknowledged.isCompletedExceptionally()) {
            return acknowledged;
        }
        acknowledged.whenComplete((ignored, failure) -> {
            if (failure != null) {
                witnessEpoch++;
            }
        });
        return acknowledged;
    }

    private static byte[] read(BlockDevice device, long offset, int length) {
        byte[] bytes = new byte[length];
        readInto(device, offset, bytes, 0, length);
        return bytes;
    }

    private static void readInto(BlockDevice device, long offset, byte[] target, int at, int length) {
        try {
            device.read(offset, target, at, length);
        } catch (StorageException e) {
            throw translate(e);
        }
    }

    private static CompletableFuture<Void> write(BlockDevice device, long offset, byte[] bytes) {
        return write(device, offset, bytes, 0, bytes.length);
    }

    private static CompletableFuture<Void> write(BlockDevice device, long offset, byte[] bytes, int from,
            int length) {
        try {
            return device.write(offset, bytes, from, length);
        } catch (StorageException e) {
            throw translate(e);
        }
    }

    /** A device refusal as Windows reports it for a disk. */
    static ExhaException translate(StorageException e) {
        String detail = e.getMessage();
        StorageErrorCode code = e.code();
        switch (code) {
            case READ_ONLY:
                return Win32Error.WRITE_PROTECT.exception(detail, e);
            case NOT_PRESENTED:
            case NOT_READY:
            case UNREACHABLE:
            case NOT_FOUND:
                return Win32Error.NOT_READY.exception(detail, e);
            case INVALID_ARGUMENT:
            case MISALIGNED_IO:
            case OUT_OF_RANGE:
            case ALREADY_EXISTS:
            case INSUFFICIENT_CAPACITY:
            case LUN_IN_USE:
            case ALREADY_PAIRED:
            case CAPACITY_MISMATCH:
            case INVALID_STATE:
            case UNSUPPORTED_CAPABILITY:
            case INCOMPATIBLE_SPI_VERSION:
                return new ExhaException(ClusterErrorCode.INTERNAL, "The filesystem issued I/O the device refused: "
                        + detail, null, null, e);
        }
        throw new IllegalStateException("unknown storage error " + code);
    }

    /** Completes when all complete; a failed acknowledgement becomes the Win32 error. */
    private static CompletableFuture<Void> all(List<CompletableFuture<Void>> writes) {
        boolean acknowledged = true;
        for (CompletableFuture<Void> write : writes) {
            acknowledged &= write.isDone() && !write.isCompletedExceptionally();
        }
        if (acknowledged) {
            return CompletableFuture.completedFuture(null); // a local disk acknowledges at once: no combinators
        }
        return CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0])).handle((ignored, failure) -> {
            if (failure == null) {
                return null;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof StorageException storage) {
                throw translate(storage);
            }
            throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        });
    }

    private static byte[] pad(byte[] bytes, int block) {
        return Arrays.copyOf(bytes, Math.max(block, roundUp(bytes.length, block)));
    }

    private static int roundUp(int length, int block) {
        return (length + block - 1) / block * block;
    }

    private static long roundUp(long length, int block) {
        return (length + block - 1) / block * block;
    }

    private static int crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
