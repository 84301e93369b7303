package io.github.exha.cluster.fs;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One journal record: everything one filesystem operation changes in the metadata, applied all or nothing. It is
 * the operation's last write, after the data it references, so a record on disk means the operation is complete.
 *
 * @param sequence consecutive across the volume's life, so a stale record left in the ring is recognised
 * @param actions the metadata changes, in order
 */
record LogRecord(long sequence, List<Action> actions) {
    static final int MAGIC = 0x4A524E4C; // "JRNL"
    static final int HEADER = 4 + 8 + 8 + 4 + 4;

    LogRecord {
        actions = List.copyOf(actions);
    }

    /** A change to the file table. */
    sealed interface Action permits CreateNode, MapClusters, Rename, Delete {
    }

    /** A new empty file or directory. */
    record CreateNode(long node, long parent, String name, boolean directory) implements Action {
    }

    /**
     * Sets a file's size and maps runs of its clusters to new volume clusters; clusters they replace become free.
     * Mapped clusters past the size stay mapped: they are allocated but not part of the file's data (preallocation).
     */
    record MapClusters(long node, long size, List<Extent> extents) implements Action {
        MapClusters {
            extents = List.copyOf(extents);
        }
    }

    /** Moves and/or renames a file or directory. */
    record Rename(long node, long parent, String name) implements Action {
    }

    /** Removes a file (freeing its clusters) or an empty directory. */
    record Delete(long node) implements Action {
    }

    /** The record as written: header, payload, zero padding to whole blocks. */
    byte[] encode(long volumeId, int blockSize) {
        return encode(volumeId, blockSize, payload());
    }

    /** {@link #encode(long, int)} with the payload already encoded. */
    byte[] encode(long volumeId, int blockSize, byte[] payload) {
        byte[] out = new byte[encodedLength(payload.length, blockSize)];
        encodeInto(out, volumeId, blockSize, payload);
        return out;
    }

    /**
     * Writes what {@link #encode(long, int, byte[])} returns into the start of {@code target} (at least
     * {@link #encodedLength} bytes, whatever it held before: the padding is zeroed) and returns its length.
     */
    int encodeInto(byte[] target, long volumeId, int blockSize, byte[] payload) {
        int padded = encodedLength(payload.length, blockSize);
        ByteBuffer out = ByteBuffer.wrap(target, 0, padded);
        out.putInt(MAGIC).putLong(volumeId).putLong(sequence).putInt(payload.length);
        out.putInt(crc(volumeId, sequence, payload));
        out.put(payload);
        Arrays.fill(target, out.position(), padded, (byte) 0);
        return padded;
    }

    /** Bytes {@link #encode} writes. */
    static int encodedLength(int payloadLength, int blockSize) {
        return (HEADER + payloadLength + blockSize - 1) / blockSize * blockSize;
    }

    /** The payload length of a record whose header starts {@code header}, or -1 if it is not this volume's record. */
    static int payloadLength(byte[] header, long volumeId, long sequence) {
        ByteBuffer in = ByteBuffer.wrap(header);
        if (in.getInt() != MAGIC || in.getLong() != volumeId || in.getLong() != sequence) {
            return -1;
        }
        return in.getInt();
    }

    /** The record at the start of {@code bytes}, or null when the checksum shows it is torn or stale. */
    static LogRecord decode(byte[] bytes, long volumeId, long sequence, int payloadLength) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(HEADER - 4);
        int stored = in.getInt();
        byte[] payload = new byte[payloadLength];
        in.get(payload);
        if (stored != crc(volumeId, sequence, payload)) {
            return null;
        }
        try {
            return new LogRecord(sequence, parse(payload));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static int crc(long volumeId, long sequence, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(20).putLong(volumeId).putLong(sequence).putInt(payload.length).flip());
        crc.update(payload);
        return (int) crc.getValue();
    }

    byte[] payload() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(actions.size());
            for (Action action : actions) {
                write(action, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(Action action, DataOutputStream out) throws IOException {
        if (action instanceof CreateNode create) {
            out.writeByte(1);
            out.writeLong(create.node());
            out.writeLong(create.parent());
            out.writeUTF(create.name());
            out.writeBoolean(create.directory());
        } else if (action instanceof MapClusters map) {
            out.writeByte(2);
            out.writeLong(map.node());
            out.writeLong(map.size());
            out.writeInt(map.extents().size());
            for (Extent extent : map.extents()) {
                writeExtent(extent, out);
            }
        } else if (action instanceof Rename rename) {
            out.writeByte(3);
            out.writeLong(rename.node());
            out.writeLong(rename.parent());
            out.writeUTF(rename.name());
        } else if (action instanceof Delete delete) {
            out.writeByte(4);
            out.writeLong(delete.node());
        }
    }

    private static List<Action> parse(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
        int count = in.readInt();
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int kind = in.readByte();
            switch (kind) {
                case 1 -> actions.add(new CreateNode(in.readLong(), in.readLong(), in.readUTF(), in.readBoolean()));
                case 2 -> {
                    long node = in.readLong();
                    long size = in.readLong();
                    int extents = in.readInt();
                    List<Extent> list = new ArrayList<>();
                    for (int e = 0; e < extents; e++) {
                        list.add(readExtent(in));
                    }
                    actions.add(new MapClusters(node, size, list));
                }
                case 3 -> actions.add(new Rename(in.readLong(), in.readLong(), in.readUTF()));
                case 4 -> actions.add(new Delete(in.readLong()));
                default -> throw new IOException("unknown journal action " + kind);
            }
        }
        return actions;
    }

    static void writeExtent(Extent extent, DataOutputStream out) throws IOException {
        out.writeLong(extent.logicalCluster());
        out.writeLong(extent.physicalCluster());
        out.writeLong(extent.count());
    }

    static Extent readExtent(DataInputStream in) throws IOException {
        return new Extent(in.readLong(), in.readLong(), in.readLong());
    }
}
