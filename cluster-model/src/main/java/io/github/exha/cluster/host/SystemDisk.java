package io.github.exha.cluster.host;

import io.github.exha.storage.kit.SparseLun;
import io.github.exha.storage.spi.BlockDevice;
import io.github.exha.storage.spi.LunRef;
import io.github.exha.storage.spi.StorageErrorCode;
import io.github.exha.storage.spi.StorageException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A host's local system disk (Disk 0, holding {@code C:}): an in-memory, sparse block device that belongs to the
 * host alone, so file share witnesses and local folders have a real filesystem. It survives crashes and power
 * cycles like a real local disk. Named as LUN {@code SYSTEM} of a pseudo array named after the host.
 */
final class SystemDisk implements BlockDevice {
    /** CHOICE: the size of every host's system disk, 40 GB, typical for servers of the era. */
    static final long CAPACITY_BYTES = 40L << 30;
    private static final int BLOCK_SIZE = 512;

    private final LunRef lun;
    private final String host;
    // Only blocks holding a non-zero byte take memory (the kit's thin LUN table): a day of logs writes mostly zeros,
    // and a table indexed by number spares a hash lookup per 512-byte block on every read.
    private final SparseLun data = new SparseLun(CAPACITY_BYTES);

    SystemDisk(String host) {
        this.host = Objects.requireNonNull(host, "host");
        this.lun = new LunRef(host, "SYSTEM");
    }

    @Override
    public LunRef lun() {
        return lun;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int blockSize() {
        return BLOCK_SIZE;
    }

    @Override
    public long capacityBytes() {
        return CAPACITY_BYTES;
    }

    @Override
    public void read(long offset, byte[] target, int from, int length) {
        check(offset, target, from, length);
        data.read(offset, target, from, length);
    }

    @Override
    public CompletableFuture<Void> write(long offset, byte[] source, int from, int length) {
        check(offset, source, from, length);
        data.write(offset, source, from, length);
        // A local disk acknowledges at once: nothing replicates it.
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> flush() {
        return CompletableFuture.completedFuture(null);
    }

    private void check(long offset, byte[] buffer, int from, int length) {
        if (buffer == null || from < 0 || length < 0 || from + length > buffer.length) {
            throw new StorageException(StorageErrorCode.INVALID_ARGUMENT, "buffer too small for " + length + " bytes",
                    lun.array(), lun.lun(), host);
        }
        if (offset % BLOCK_SIZE != 0 || length % BLOCK_SIZE != 0) {
            throw new StorageException(StorageErrorCode.MISALIGNED_IO, "I/O at " + offset + " of " + length
                    + " bytes is not aligned to " + BLOCK_SIZE, lun.array(), lun.lun(), host);
        }
        if (offset < 0 || offset + length > CAPACITY_BYTES) {
            throw new StorageException(StorageErrorCode.OUT_OF_RANGE, "I/O at " + offset + " is past the disk's end",
                    lun.array(), lun.lun(), host);
        }
    }

    @Override
    public String toString() {
        return "SystemDisk[" + host + "]";
    }
}
