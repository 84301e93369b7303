package io.github.exha.storage.spi;

/** A LUN's access state, as the array administrator (or a replication operation) sets it. */
public enum AccessState {
    /** Hosts it is presented to may read and write. */
    READ_WRITE,
    /** Reads succeed; writes fail with {@link StorageErrorCode#READ_ONLY}. Replication targets are read-only. */
    READ_ONLY,
    /** Every I/O fails with {@link StorageErrorCode#NOT_READY}. */
    NOT_READY
}
