package io.github.exha.exchange.store;

import io.github.exha.cluster.fs.Volume;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * One log generation as a value: its file name, header and message records. {@link #read} takes one from a volume
 * (checking its header and every record's checksum, as the replication service's inspector does), {@link #writeTo}
 * puts one on a volume (as the copier ships it), and {@link DatabaseFile#replay} applies one to a database file.
 *
 * <h2>On disk</h2>
 * A log file is {@link LogFormat#logSize()} bytes long, like a real one, but sparse: a 4 KB header block, then a
 * record area up to {@link LogFormat#recordAreaEnd()} written with zeros when the file is created, then a hole up to
 * the last byte, which is written too. Records follow the header back to back, each a 2-byte length, the payload and
 * a CRC-32C; a zero length ends them. Volumes do not count holes as used, so free space is reckoned with
 * {@link LogDirectory#logicalFreeBytes(Volume)}, which counts log files at their full size as Windows would.
 * A pre-created ({@code E00tmp.log}) or reserve log has a blank header: no generation yet.
 */
public final class LogFile {
    /** Bytes of the header block. */
    static final int HEADER_BYTES = 4096;
    /** "EXHALOG1" in ASCII: the first 8 bytes of every log file. */
    private static final long MAGIC = 0x455848414C4F4731L;
    private static final int ENCODED_HEADER = 8 + 1 + 3 + 8 + 16 + 12;
    /** The first read of a record area: a block holds the records of a typical log. */
    private static final int RECORD_READ = 4096;

    private final String name;
    private final LogHeader header;
    private final List<MessageRecord> records;
    private final long endOffset;

    private LogFile(String name, LogHeader header, List<MessageRecord> records, long endOffset) {
        this.name = name;
        this.header = header;
        this.records = List.copyOf(records);
        this.endOffset = endOffset;
    }

    /** A log value not (yet) on disk, for example one a test builds; {@code name} is the file name it would have. */
    public static LogFile of(String name, LogHeader header, List<MessageRecord> records) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(header, "header");
        long end = HEADER_BYTES;
        for (MessageRecord record : records) {
            end += record.encode().length;
        }
        if (end > header.format().recordAreaEnd()) {
            throw new io.github.exha.core.error.ExhaException(io.github.exha.core.error.CoreErrorCode.INVALID_ARGUMENT,
                    "the records do not fit one log's record area");
        }
        return new LogFile(name, header, records, end);
    }

    /**
     * Reads and checks the log file at {@code path}.
     *
     * @throws io.github.exha.core.error.ExhaException {@code LOG_CORRUPT} (-501) for a blank log, a wrong size, a bad
     *     header or a record failing its checksum; {@code LOG_GENERATION_MISMATCH} (-513) when a closed log's name
     *     names another generation than its header; the volume's errors (FILE_NOT_FOUND (2)...)
     */
    public static LogFile read(Volume volume, String path) {
        long size = volume.size(path);
        byte[] head = readBytes(volume, path, 0, ENCODED_HEADER + 4);
        LogHeader header = decodeHeader(head, path).orElseThrow(() -> EseError.LOG_FILE_CORRUPT.exception(
                "The log file " + path + " holds no log generation yet (a pre-created or reserve log)"));
        LogFormat format = header.format();
        if (size != format.logSize()) {
            throw EseError.LOG_FILE_CORRUPT.exception("The log file " + path + " is " + size + " bytes long; a log of "
                    + format + " is " + format.logSize());
        }
        String name = fileName(path);
        OptionalLong named = format.parseGeneration(header.prefix(), name);
        if (named.isPresent() && named.getAsLong() != header.generation()) {
            throw EseError.LOG_GENERATION_MISMATCH.exception("The log file " + path + " holds generation "
                    + header.generation());
        }
        ByteBuffer in = ByteBuffer.wrap(readRecords(volume, path, (int) (format.recordAreaEnd() - HEADER_BYTES)));
        List<MessageRecord> records = new ArrayList<>();
        long end;
        try {
            while (true) {
                int at = in.position();
                MessageRecord record = MessageRecord.decode(in);
                if (record == null) {
                    end = HEADER_BYTES + at;
                    break;
                }
                records.add(record);
            }
        } catch (IllegalArgumentException e) {
            throw EseError.LOG_FILE_CORRUPT.exception("The log file " + path + " is damaged after " + records.size()
                    + " records: " + e.getMessage());
        }
        return new LogFile(name, header, records, end);
    }

    /**
     * The record area's bytes up to and including the end marker (a zero length), or the whole area when the
     * lengths run to its end: decoding them gives exactly what decoding the whole area gives, since decoding stops
     * at the marker. A log holds a few records in an area of tens of kilobytes, and the inspector and the replayer
     * read every log, so the area is read a block at a time following the records' lengths.
     */
    private static byte[] readRecords(Volume volume, String path, int areaLength) {
        int have = Math.min(areaLength, RECORD_READ);
        byte[] area = readBytes(volume, path, HEADER_BYTES, have);
        int at = 0;
        while (true) {
            int need = at + 2; // the next length
            if (need <= have) {
                int payload = ((area[at] & 0xFF) << 8) | (area[at + 1] & 0xFF);
                if (payload == 0) {
                    return area;
                }
                at += MessageRecord.FRAMING + payload;
                continue;
            }
            if (have == areaLength) {
                return area; // the lengths ran to the area's end: decoding decides what that means
            }
            int grown = Math.min(areaLength, Math.max(need, 2 * have));
            byte[] more = Arrays.copyOf(area, grown);
            volume.read(path, HEADER_BYTES + have, more, have, grown - have);
            area = more;
            have = grown;
        }
    }

    /**
     * The header of the log file at {@code path}: empty for a blank (pre-created or reserve) log.
     *
     * @throws io.github.exha.core.error.ExhaException {@code LOG_CORRUPT} (-501) for a bad header; the volume's errors
     */
    public static Optional<LogHeader> readHeader(Volume volume, String path) {
        return decodeHeader(readBytes(volume, path, 0, ENCODED_HEADER + 4), path);
    }

    /**
     * Writes this log as a new file at {@code path}, at its full logical size and sparse like the store's own logs.
     * The future completes when the device acknowledged every write.
     *
     * @throws io.github.exha.core.error.ExhaException the volume's errors (FILE_EXISTS (80), PATH_NOT_FOUND (3),
     *     DISK_FULL (112)...), before anything is written
     */
    public CompletableFuture<Void> writeTo(Volume volume, String path) {
        byte[] area = new byte[(int) header.format().recordAreaEnd()];
        byte[] encoded = encodeHeader(header);
        System.arraycopy(encoded, 0, area, 0, encoded.length);
        int at = HEADER_BYTES;
        for (MessageRecord record : records) {
            byte[] bytes = record.encode();
            System.arraycopy(bytes, 0, area, at, bytes.length);
            at += bytes.length;
        }
        return create(volume, path, header.format(), area);
    }

    /** The file name, {@code E0000000005.log}. */
    public String name() {
        return name;
    }

    /** The header. */
    public LogHeader header() {
        return header;
    }

    /** The generation. */
    public long generation() {
        return header.generation();
    }

    /** The stream's signature. */
    public LogSignature signature() {
        return header.signature();
    }

    /** The message records, in log order. */
    public List<MessageRecord> records() {
        return records;
    }

    /** The records of one database, in log order. */
    public List<MessageRecord> records(java.util.UUID database) {
        return records.stream().filter(record -> record.database().equals(database)).toList();
    }

    /** Where the records end in the file: the offset the next record would be written at. */
    long endOffset() {
        return endOffset;
    }

    @Override
    public String toString() {
        return "LogFile[" + name + ", generation " + header.generation() + ", " + records.size() + " records]";
    }

    // ---- the file format, for the store's writer -------------------------------------------------------------

    /**
     * Creates a blank log file at {@code path}: a header without generation, the zeroed record area and the last
     * byte, so the file has its full logical size while only the record area and the last cluster hold data.
     */
    static CompletableFuture<Void> createBlank(Volume volume, String path, LogFormat format, LogPrefix prefix) {
        byte[] area = new byte[(int) format.recordAreaEnd()];
        byte[] encoded = encodeBlank(format, prefix);
        System.arraycopy(encoded, 0, area, 0, encoded.length);
        return create(volume, path, format, area);
    }

    private static CompletableFuture<Void> create(Volume volume, String path, LogFormat format, byte[] area) {
        CompletableFuture<Void> created = volume.createFile(path);
        CompletableFuture<Void> body = volume.write(path, 0, area, 0, area.length);
        CompletableFuture<Void> last = volume.write(path, format.logSize() - 1, new byte[1], 0, 1);
        return CompletableFuture.allOf(created, body, last);
    }

    /** Overwrites the header block's encoded part of the log at {@code path}. */
    static CompletableFuture<Void> writeHeader(Volume volume, String path, LogHeader header) {
        byte[] encoded = encodeHeader(header);
        return volume.write(path, 0, encoded, 0, encoded.length);
    }

    /** The bytes a volume allocates to a log file of {@code format}: the record area and the last cluster. */
    static long allocatedBytes(LogFormat format, int clusterSize) {
        long area = (format.recordAreaEnd() + clusterSize - 1) / clusterSize * clusterSize;
        return Math.min(format.logSize(), area + clusterSize);
    }

    static byte[] encodeHeader(LogHeader header) {
        ByteBuffer out = ByteBuffer.allocate(ENCODED_HEADER + 4);
        out.putLong(MAGIC);
        out.put(formatCode(header.format()));
        out.put(header.prefix().value().getBytes(StandardCharsets.US_ASCII));
        out.putLong(header.generation());
        FileCodec.putSignature(out, header.signature());
        FileCodec.putInstant(out, header.created());
        out.putInt(FileCodec.crc(out.array(), 0, ENCODED_HEADER));
        return out.array();
    }

    private static byte[] encodeBlank(LogFormat format, LogPrefix prefix) {
        ByteBuffer out = ByteBuffer.allocate(ENCODED_HEADER + 4);
        out.putLong(MAGIC);
        out.put(formatCode(format));
        out.put(prefix.value().getBytes(StandardCharsets.US_ASCII));
        out.putLong(0);
        out.position(ENCODED_HEADER);
        out.putInt(FileCodec.crc(out.array(), 0, ENCODED_HEADER));
        return out.array();
    }

    static Optional<LogHeader> decodeHeader(byte[] block, String where) {
        if (block.length < ENCODED_HEADER + 4 || ByteBuffer.wrap(block).getLong() != MAGIC) {
            throw EseError.LOG_FILE_CORRUPT.exception(where + " is not a log file (bad header)");
        }
        ByteBuffer in = ByteBuffer.wrap(block);
        in.position(ENCODED_HEADER);
        if (in.getInt() != FileCodec.crc(block, 0, ENCODED_HEADER)) {
            throw EseError.LOG_FILE_CORRUPT.exception("The header of " + where + " fails its checksum");
        }
        in.position(Long.BYTES);
        try {
            return FileCodec.decode(() -> {
                LogFormat format = formatOf(in.get());
                byte[] prefix = new byte[3];
                in.get(prefix);
                LogPrefix logPrefix = new LogPrefix(new String(prefix, StandardCharsets.US_ASCII));
                long generation = in.getLong();
                if (generation == 0) {
                    return Optional.empty();
                }
                LogSignature signature = FileCodec.getSignature(in);
                return Optional.of(new LogHeader(format, logPrefix, generation, signature, FileCodec.getInstant(in)));
            });
        } catch (IllegalArgumentException e) {
            throw EseError.LOG_FILE_CORRUPT.exception("The header of " + where + " is damaged: " + e.getMessage());
        }
    }

    private static byte formatCode(LogFormat format) {
        return switch (format) {
            case EXCHANGE_2003 -> 3;
            case EXCHANGE_2007 -> 7;
        };
    }

    private static LogFormat formatOf(byte code) {
        for (LogFormat format : LogFormat.values()) {
            if (formatCode(format) == code) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown log format " + code);
    }

    static byte[] readBytes(Volume volume, String path, long offset, int length) {
        byte[] bytes = new byte[length];
        volume.read(path, offset, bytes, 0, length);
        return bytes;
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('\\') + 1);
    }
}
