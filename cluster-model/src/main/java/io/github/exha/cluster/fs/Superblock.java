package io.github.exha.cluster.fs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The root of the volume: its identity and layout, and which checkpoint is current. Exactly one device block,
 * written in one write, alternately to slot 0 and slot 1; the valid one with the higher generation wins, so a
 * checkpoint takes effect atomically when its superblock lands, and a torn superblock leaves the previous one.
 *
 * @param volumeId distinguishes this format of the LUN from earlier ones (their stale journal records)
 * @param label the volume label
 * @param layout where everything is
 * @param generation increases with each checkpoint; the slot is {@code generation % 2}
 * @param checkpointSlot which checkpoint slot holds the current checkpoint
 * @param checkpointLength bytes of the checkpoint
 * @param checkpointCrc CRC-32C of the checkpoint
 * @param journalStartSequence the sequence number of the first journal record after this checkpoint (at ring offset 0)
 */
record Superblock(long volumeId, String label, VolumeLayout layout, long generation, int checkpointSlot,
        int checkpointLength, int checkpointCrc, long journalStartSequence) {
    static final long MAGIC = 0x4558484146533031L; // "EXHAFS01"
    static final int VERSION = 1;

    byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(layout.blockSize());
        out.putLong(MAGIC).putInt(VERSION).putLong(volumeId).putLong(generation);
        out.putInt(layout.blockSize()).putInt(layout.clusterSize()).putLong(layout.clusterCount())
                .putLong(layout.checkpointClusters()).putLong(layout.journalClusters());
        out.putInt(checkpointSlot).putInt(checkpointLength).putInt(checkpointCrc).putLong(journalStartSequence);
        byte[] name = label.getBytes(StandardCharsets.UTF_8);
        out.putShort((short) name.length).put(name);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    /** The superblock in {@code block}, or null when the block holds none (never written, torn, foreign). */
    static Superblock decode(byte[] block) {
        try {
            ByteBuffer in = ByteBuffer.wrap(block);
            if (in.getLong() != MAGIC || in.getInt() != VERSION) {
                return null;
            }
            long volumeId = in.getLong();
            long generation = in.getLong();
            VolumeLayout layout = new VolumeLayout(in.getInt(), in.getInt(), in.getLong(), in.getLong(), in.getLong());
            int slot = in.getInt();
            int length = in.getInt();
            int checkpointCrc = in.getInt();
            long start = in.getLong();
            int nameLength = in.getShort();
            if (nameLength < 0 || nameLength > 128 || slot < 0 || slot > 1 || length < 0) {
                return null;
            }
            byte[] name = new byte[nameLength];
            in.get(name);
            CRC32C crc = new CRC32C();
            crc.update(block, 0, in.position());
            if (in.getInt() != (int) crc.getValue()) {
                return null;
            }
            return new Superblock(volumeId, new String(name, StandardCharsets.UTF_8), layout, generation, slot,
                    length, checkpointCrc, start);
        } catch (RuntimeException e) {
            // Any malformed field (a layout that does not validate, a short buffer) means "no superblock here".
            return null;
        }
    }
}
