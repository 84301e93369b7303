package io.github.exha.storage.spi;

/**
 * Why a storage operation failed. The {@link #id()} is stable. Each operation's Javadoc lists the codes it raises;
 * a failed operation changes nothing.
 */
public enum StorageErrorCode {
    /** An argument is malformed: a zero or negative size, a block size that is not a power of two, a blank name. */
    INVALID_ARGUMENT("storage.invalid-argument"),
    /** I/O whose offset or length is not a multiple of the LUN's block size. */
    MISALIGNED_IO("storage.misaligned-io"),
    /** I/O past the end of the LUN. */
    OUT_OF_RANGE("storage.out-of-range"),
    /** No array, LUN, host, link or consistency group of that name. */
    NOT_FOUND("storage.not-found"),
    /** An array, LUN, host, link or consistency group of that name already exists. */
    ALREADY_EXISTS("storage.already-exists"),
    /** The array has not enough free capacity for the LUN. */
    INSUFFICIENT_CAPACITY("storage.insufficient-capacity"),
    /** The host is not among the hosts the LUN is presented to (LUN masking). */
    NOT_PRESENTED("storage.not-presented"),
    /** A write to a LUN whose access state is READ_ONLY (for example a replication target). */
    READ_ONLY("storage.read-only"),
    /** I/O to a LUN whose access state is NOT_READY. */
    NOT_READY("storage.not-ready"),
    /** The LUN is presented to a host or is part of a replication pair, so it cannot be deleted. */
    LUN_IN_USE("storage.lun-in-use"),
    /** The LUN is already in a replication pair. */
    ALREADY_PAIRED("storage.already-paired"),
    /** The two LUNs of a pair differ in capacity or block size. */
    CAPACITY_MISMATCH("storage.capacity-mismatch"),
    /** The operation is not allowed in the consistency group's current state (or the access state needs a pair op). */
    INVALID_STATE("storage.invalid-state"),
    /** The array is powered off or cut off: it cannot be reached. */
    UNREACHABLE("storage.unreachable"),
    /** The plugin does not support this operation (see {@link Capability}). */
    UNSUPPORTED_CAPABILITY("storage.unsupported-capability"),
    /** The plugin was built for an SPI version this host cannot load. */
    INCOMPATIBLE_SPI_VERSION("storage.incompatible-spi-version");

    private final String id;

    StorageErrorCode(String id) {
        this.id = id;
    }

    /** The stable identifier, such as {@code storage.read-only}. */
    public String id() {
        return id;
    }
}
