package io.github.exha.exchange.store;

import io.github.exha.cluster.fs.Volume;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The checkpoint file ({@code E00.chk}) as a value: the log stream it belongs to and the checkpoint, the oldest
 * generation whose changes may not all be in the databases yet. Recovery starts there; older logs are needed only by
 * backups, and circular logging deletes them.
 *
 * @param signature the log stream's signature
 * @param generation the checkpoint generation, from 1
 */
public record CheckpointFile(LogSignature signature, long generation) {
    /** "EXHACHK1" in ASCII: the first 8 bytes of a checkpoint file. */
    private static final long MAGIC = 0x4558484143484B31L;
    private static final int ENCODED = 8 + 16 + 8;

    /** Validates the checkpoint. */
    public CheckpointFile {
        Objects.requireNonNull(signature, "signature");
        if (generation < 1) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "a checkpoint generation is at least 1: "
                    + generation);
        }
    }

    /**
     * Reads the checkpoint file at {@code path}.
     *
     * @throws io.github.exha.core.error.ExhaException {@code LOG_CORRUPT} (-501) when it is damaged; the volume's
     *     errors (FILE_NOT_FOUND (2)...)
     */
    public static CheckpointFile read(Volume volume, String path) {
        byte[] bytes = LogFile.readBytes(volume, path, 0, (int) Math.min(volume.size(path), ENCODED + 4));
        if (bytes.length < ENCODED + 4 || ByteBuffer.wrap(bytes).getLong() != MAGIC
                || ByteBuffer.wrap(bytes, ENCODED, 4).getInt() != FileCodec.crc(bytes, 0, ENCODED)) {
            throw EseError.LOG_FILE_CORRUPT.exception("The checkpoint file " + path + " is damaged");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, Long.BYTES, ENCODED - Long.BYTES);
        try {
            return FileCodec.decode(() -> new CheckpointFile(FileCodec.getSignature(in), in.getLong()));
        } catch (IllegalArgumentException e) {
            throw EseError.LOG_FILE_CORRUPT.exception("The checkpoint file " + path + " is damaged: " + e.getMessage());
        }
    }

    /** Writes the checkpoint to {@code path}, creating the file if needed; completes when durable. */
    CompletableFuture<Void> write(Volume volume, String path) {
        ByteBuffer out = ByteBuffer.allocate(ENCODED + 4);
        out.putLong(MAGIC);
        FileCodec.putSignature(out, signature);
        out.putLong(generation);
        out.putInt(FileCodec.crc(out.array(), 0, ENCODED));
        CompletableFuture<Void> created = volume.exists(path) ? CompletableFuture.completedFuture(null)
                : volume.createFile(path);
        return CompletableFuture.allOf(created, volume.write(path, 0, out.array(), 0, out.capacity()));
    }
}
