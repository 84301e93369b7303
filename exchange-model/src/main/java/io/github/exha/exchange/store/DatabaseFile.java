package io.github.exha.exchange.store;

import io.github.exha.cluster.fs.ContentMark;
import io.github.exha.cluster.fs.Volume;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongPredicate;

/**
 * A database file ({@code .edb}) as a value: its header and the message records written to it. The store writes the
 * file as it mounts, flushes and dismounts a database; {@link #read} inspects one (eseutil /mh), and {@link #replay}
 * applies a shipped log to a passive copy.
 *
 * <h2>On disk</h2>
 * A 4 KB header block (magic, length, fields, CRC-32C), then the records appended back to back, framed like the log's.
 * The file's logical size is that of its compact records, not the gigabytes of a real database (CHOICE: nothing here
 * depends on it). A record appended again (the same message id) replaces the earlier one.
 *
 * @param header the header
 * @param records the records, one per message id, in the order first written
 */
public record DatabaseFile(DatabaseHeader header, List<MessageRecord> records) {
    /** Bytes of the header block. */
    static final int HEADER_BYTES = 4096;
    /** "EXHAEDB1" in ASCII: the first 8 bytes of a database file. */
    private static final long MAGIC = 0x4558484145444231L;

    /** Validates the value and copies the records. */
    public DatabaseFile {
        Objects.requireNonNull(header, "header");
        records = List.copyOf(records);
    }

    /**
     * Reads and checks the database file at {@code path}.
     *
     * @throws io.github.exha.core.error.ExhaException {@code DATABASE_CORRUPT} (-1206) for a damaged header or record;
     *     the volume's errors (FILE_NOT_FOUND (2)...)
     */
    public static DatabaseFile read(Volume volume, String path) {
        Decoded decoded = decode(volume, path, null);
        return new DatabaseFile(decoded.header(), new ArrayList<>(decoded.records().values()));
    }

    /**
     * A file's header and its records by message id, in the order first written; read with a cache, the records are
     * null and the cache's {@link ReplayCache#ids} hold the ids of all of them.
     */
    private record Decoded(DatabaseHeader header, Map<Long, MessageRecord> records) {
    }

    /**
     * Reads and checks the file like {@link #read}. With a cache that holds an earlier read of the same file whose
     * bytes the volume vouches are still there unchanged (a replayer only appends records and rewrites the header),
     * only the bytes after them are read and decoded, their ids added to the cache's: the result is the same, since
     * records are decoded one after the other and the earlier read ended exactly where the new bytes start (anything
     * else is stray bytes, refused).
     */
    private static Decoded decode(Volume volume, String path, ReplayCache cache) {
        long size = volume.size(path);
        if (size < HEADER_BYTES || size - HEADER_BYTES > Integer.MAX_VALUE - 8) {
            throw EseError.DATABASE_CORRUPTED.exception("The database file " + path + " is " + size + " bytes long");
        }
        DatabaseHeader header = decodeHeader(LogFile.readBytes(volume, path, 0, HEADER_BYTES), path);
        int bodyLength = (int) (size - HEADER_BYTES);
        Map<Long, MessageRecord> records = cache == null ? new LinkedHashMap<>() : null;
        MessageIdSet ids = null;
        int known = 0;
        if (cache != null && cache.holdsPrefixOf(volume, path, bodyLength)) {
            ids = cache.ids;
            known = cache.bodyLength;
        } else if (cache != null) {
            ids = new MessageIdSet();
        }
        if (cache != null) {
            cache.forget(); // until this read succeeds
        }
        ByteBuffer in = ByteBuffer.wrap(LogFile.readBytes(volume, path, HEADER_BYTES + known, bodyLength - known));
        try {
            MessageRecord record;
            while ((record = MessageRecord.decode(in)) != null) {
                if (records != null) {
                    records.put(record.messageId(), record);
                } else {
                    ids.add(record.messageId());
                }
            }
        } catch (IllegalArgumentException e) {
            throw EseError.DATABASE_CORRUPTED.exception("The database file " + path + " is damaged after "
                    + (records != null ? records.size() : ids.size()) + " records: " + e.getMessage());
        }
        if (in.hasRemaining()) {
            throw EseError.DATABASE_CORRUPTED.exception("The database file " + path + " has " + in.remaining()
                    + " stray bytes at its end");
        }
        if (cache != null) {
            cache.remember(volume, path, volume.mark(path), bodyLength, ids);
        }
        return new Decoded(header, records);
    }

    /**
     * What a passive copy's replayer remembers of its database file between two logs, so that each replay reads and
     * decodes only the records appended since the previous one instead of the whole file (which made a day's replay
     * quadratic). The volume's {@link ContentMark} witnesses that the bytes decoded before are still there unchanged;
     * a file changed in any other way than by appending (or one the volume cannot vouch for: remounted, a device
     * error) is read and decoded in full again, so the result is always exactly that of {@link DatabaseFile#read}.
     * One per copy; not shared between copies.
     */
    public static final class ReplayCache {
        private Volume volume;
        private String path;
        private ContentMark mark;
        private int bodyLength;
        /**
         * The ids of the messages in the file's first {@code bodyLength} bytes: a replay needs no more of them (which
         * of the log's records the file holds already), and a passive copy keeps this for its database's every
         * message, so 8 bytes an id instead of the decoded records (about 250 bytes a message).
         */
        private MessageIdSet ids;

        /** An empty cache. */
        public ReplayCache() {
        }

        private boolean holdsPrefixOf(Volume volume, String path, int bodyLengthNow) {
            return mark != null && this.volume == volume && this.path.equals(path) && bodyLengthNow >= bodyLength
                    && volume.unchangedSince(path, mark, HEADER_BYTES, (long) HEADER_BYTES + bodyLength);
        }

        private void remember(Volume volume, String path, ContentMark mark, int bodyLength, MessageIdSet ids) {
            this.volume = volume;
            this.path = path;
            this.mark = mark;
            this.bodyLength = bodyLength;
            this.ids = ids;
        }

        private void forget() {
            volume = null;
            path = null;
            mark = null;
            ids = null;
        }
    }

    /**
     * Replays one log into the database file at {@code path}, as a passive copy's replayer does: the log's records of
     * the file's owner that the file does not hold yet are appended, then the header becomes Dirty Shutdown requiring
     * just this generation (the next recovery starts there). Replay logs in generation order.
     *
     * @return the file as it is after the replay, once the writes are durable
     * @throws io.github.exha.core.error.ExhaException {@code LOG_SIGNATURE_MISMATCH} (-530) when the log belongs to
     *     another stream than the one the database is attached to; the errors of {@link #read}; the volume's write
     *     errors (DISK_FULL (112)...)
     */
    public static CompletableFuture<DatabaseFile> replay(Volume volume, String path, LogFile log) {
        Replayed replayed = replayed(volume, path, log, null);
        List<MessageRecord> after = new ArrayList<>(replayed.held().values());
        after.addAll(replayed.fresh());
        DatabaseFile result = new DatabaseFile(replayed.header(), after);
        return replayed.written().thenApply(ignored -> result);
    }

    /**
     * {@link #replay(Volume, String, LogFile)} for a passive copy's replayer, which replays log after log into the
     * same file and only needs to know when each is in: the same writes, the same refusals, but the new header alone
     * is returned, without collecting every record the file holds into a {@link DatabaseFile} (which grew with the
     * file at every log of a day's replay); the cache (null for none) spares decoding again the records earlier
     * replays read, with the same result.
     */
    public static CompletableFuture<DatabaseHeader> replayLog(Volume volume, String path, LogFile log,
            ReplayCache cache) {
        Replayed replayed = replayed(volume, path, log, cache);
        return replayed.written().thenApply(ignored -> replayed.header());
    }

    /**
     * What replaying a log did: the file's records before (null with a cache), the log's new ones, the new header, the
     * writes.
     */
    private record Replayed(Map<Long, MessageRecord> held, List<MessageRecord> fresh, DatabaseHeader header,
            CompletableFuture<Void> written) {
    }

    private static Replayed replayed(Volume volume, String path, LogFile log, ReplayCache cache) {
        Decoded file = decode(volume, path, cache);
        Map<Long, MessageRecord> held = file.records();
        LongPredicate holds = held != null ? held::containsKey : cache.ids::contains;
        if (!file.header().logSignature().equals(log.signature())) {
            throw EseError.BAD_LOG_SIGNATURE.exception("The log file " + log.name() + " (" + log.signature().display()
                    + ") does not belong to the log stream of database " + path + " ("
                    + file.header().logSignature().display() + ")");
        }
        Map<Long, MessageRecord> fresh = new LinkedHashMap<>();
        for (MessageRecord record : log.records(file.header().owner().guid())) {
            if (!holds.test(record.messageId())) {
                fresh.put(record.messageId(), record);
            }
        }
        DatabaseHeader header = file.header().with(DatabaseState.DIRTY_SHUTDOWN,
                new LogRange(log.generation(), log.generation()));
        List<MessageRecord> freshList = List.copyOf(fresh.values());
        CompletableFuture<Void> appended = append(volume, path, freshList);
        CompletableFuture<Void> stamped = writeHeader(volume, path, header);
        return new Replayed(held, freshList, header, CompletableFuture.allOf(appended, stamped));
    }

    /**
     * Creates a database file by replaying the first generation of its log stream, as a passive copy seeded from the
     * logs (SCR, whose database appears only once replay starts) does: the first log holds the database's creation.
     *
     * @throws io.github.exha.core.error.ExhaException -1216 when {@code first} is not generation 1
     */
    public static CompletableFuture<DatabaseFile> createByReplay(Volume volume, String path, DatabaseIdentity owner,
            EseVersion version, LogFile first) {
        if (first.generation() != 1) {
            throw EseError.ATTACHED_DATABASE_MISMATCH.exception("The database file " + path + " is missing and log "
                    + first.name() + " is not the first generation of the stream: it cannot be created by replay");
        }
        DatabaseHeader header = new DatabaseHeader(DatabaseState.DIRTY_SHUTDOWN, new LogRange(1, 1), version, owner,
                first.signature());
        return create(volume, path, header).thenCompose(ignored -> replay(volume, path, first));
    }

    /** The message ids the file holds, ascending. */
    public SortedSet<Long> messageIds() {
        TreeSet<Long> ids = new TreeSet<>();
        records.forEach(record -> ids.add(record.messageId()));
        return Collections.unmodifiableSortedSet(ids);
    }

    // ---- the file format, for the store's writer -------------------------------------------------------------

    /** Creates the file with only its header. */
    static CompletableFuture<Void> create(Volume volume, String path, DatabaseHeader header) {
        CompletableFuture<Void> created = volume.createFile(path);
        byte[] block = Arrays.copyOf(encodeHeader(header), HEADER_BYTES);
        return CompletableFuture.allOf(created, volume.write(path, 0, block, 0, block.length));
    }

    /** Appends records at the end of the file. */
    static CompletableFuture<Void> append(Volume volume, String path, List<MessageRecord> records) {
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<byte[]> encoded = new ArrayList<>(records.size());
        int total = 0;
        for (MessageRecord record : records) {
            byte[] bytes = record.encode();
            encoded.add(bytes);
            total += bytes.length;
        }
        byte[] all = new byte[total];
        int at = 0;
        for (byte[] bytes : encoded) {
            System.arraycopy(bytes, 0, all, at, bytes.length);
            at += bytes.length;
        }
        return volume.append(path, all, 0, all.length);
    }

    /** Overwrites the header (one atomic volume write). */
    static CompletableFuture<Void> writeHeader(Volume volume, String path, DatabaseHeader header) {
        byte[] encoded = encodeHeader(header);
        return volume.write(path, 0, encoded, 0, encoded.length);
    }

    private static byte[] encodeHeader(DatabaseHeader header) {
        byte[] name = header.owner().name().getBytes(StandardCharsets.UTF_8);
        int fields = 1 + 8 + 8 + 4 + 4 + 16 + 2 + name.length + 16;
        ByteBuffer out = ByteBuffer.allocate(Long.BYTES + 2 + fields + 4);
        out.putLong(MAGIC);
        out.putShort((short) fields);
        out.put(stateCode(header.state()));
        out.putLong(header.logRequired().low());
        out.putLong(header.logRequired().high());
        out.putInt(header.version().format());
        out.putInt(header.version().update());
        FileCodec.putUuid(out, header.owner().guid());
        FileCodec.putString(out, header.owner().name());
        FileCodec.putSignature(out, header.logSignature());
        out.putInt(FileCodec.crc(out.array(), 0, out.position()));
        return out.array();
    }

    private static DatabaseHeader decodeHeader(byte[] block, String path) {
        if (ByteBuffer.wrap(block).getLong() != MAGIC) {
            throw EseError.DATABASE_CORRUPTED.exception(path + " is not a database file (bad header)");
        }
        ByteBuffer in = ByteBuffer.wrap(block);
        in.position(Long.BYTES);
        int fields = Short.toUnsignedInt(in.getShort());
        int end = Long.BYTES + 2 + fields;
        if (end + 4 > block.length || ByteBuffer.wrap(block, end, 4).getInt() != FileCodec.crc(block, 0, end)) {
            throw EseError.DATABASE_CORRUPTED.exception("The header of database file " + path + " fails its checksum");
        }
        try {
            return FileCodec.decode(() -> {
                DatabaseState state = stateOf(in.get());
                LogRange range = new LogRange(in.getLong(), in.getLong());
                EseVersion version = new EseVersion(in.getInt(), in.getInt());
                java.util.UUID guid = FileCodec.getUuid(in);
                DatabaseIdentity owner = new DatabaseIdentity(FileCodec.getString(in), guid);
                return new DatabaseHeader(state, range, version, owner, FileCodec.getSignature(in));
            });
        } catch (IllegalArgumentException e) {
            throw EseError.DATABASE_CORRUPTED.exception("The header of database file " + path + " is damaged: "
                    + e.getMessage());
        }
    }

    private static byte stateCode(DatabaseState state) {
        return switch (state) {
            case JUST_CREATED -> 1;
            case DIRTY_SHUTDOWN -> 2;
            case CLEAN_SHUTDOWN -> 3;
        };
    }

    private static DatabaseState stateOf(byte code) {
        for (DatabaseState state : DatabaseState.values()) {
            if (stateCode(state) == code) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown database state " + code);
    }
}
