package io.github.exha.storage.spi;

import java.util.concurrent.CompletableFuture;

/**
 * A LUN as one host sees it. Masking and the access state are checked on every I/O (they may change after the
 * device was opened). Offsets and lengths are in bytes and must be multiples of {@link #blockSize()}; a negative
 * offset, or one whose I/O would end past the capacity, is {@link StorageErrorCode#OUT_OF_RANGE}. Checks run in this
 * order, the first failing one deciding the code: array power, LUN existence, masking, buffer bounds, alignment,
 * range, access state.
 */
public interface BlockDevice {
    /** The LUN. */
    LunRef lun();

    /** The host doing the I/O. */
    String host();

    /** The LUN's block size. */
    int blockSize();

    /** The LUN's capacity. */
    long capacityBytes();

    /**
     * Reads {@code length} bytes at {@code offset} into {@code target[from..]}. Never-written blocks read as zeros.
     *
     * @throws StorageException {@link StorageErrorCode#MISALIGNED_IO}, {@link StorageErrorCode#OUT_OF_RANGE},
     *     {@link StorageErrorCode#INVALID_ARGUMENT} (buffer too small), {@link StorageErrorCode#NOT_PRESENTED},
     *     {@link StorageErrorCode#NOT_READY}, {@link StorageErrorCode#NOT_FOUND} (LUN deleted),
     *     {@link StorageErrorCode#UNREACHABLE} (array powered off)
     */
    void read(long offset, byte[] target, int from, int length);

    /**
     * Writes {@code length} bytes from {@code source[from..]} at {@code offset}. The bytes are copied before this
     * returns, so the caller may reuse its buffer. The write is visible to reads on this array at once; the returned
     * future completes when the write is <em>acknowledged</em>: at once when the LUN is not a SYNC replication
     * source, otherwise once the target array has it (or once replication gives up and suspends, when the link
     * or the target is lost). It completes exceptionally with {@link StorageErrorCode#UNREACHABLE} if this array
     * loses power before acknowledging.
     *
     * @throws StorageException {@link StorageErrorCode#MISALIGNED_IO}, {@link StorageErrorCode#OUT_OF_RANGE},
     *     {@link StorageErrorCode#INVALID_ARGUMENT}, {@link StorageErrorCode#NOT_PRESENTED},
     *     {@link StorageErrorCode#READ_ONLY}, {@link StorageErrorCode#NOT_READY}, {@link StorageErrorCode#NOT_FOUND},
     *     {@link StorageErrorCode#UNREACHABLE} — nothing is written then
     */
    CompletableFuture<Void> write(long offset, byte[] source, int from, int length);

    /**
     * Completes once every write acknowledged to this host before the call is durable on this array.
     *
     * @throws StorageException {@link StorageErrorCode#NOT_PRESENTED}, {@link StorageErrorCode#NOT_READY},
     *     {@link StorageErrorCode#NOT_FOUND}, {@link StorageErrorCode#UNREACHABLE}
     */
    CompletableFuture<Void> flush();
}
