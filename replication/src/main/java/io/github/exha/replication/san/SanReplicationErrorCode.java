package io.github.exha.replication.san;

import io.github.exha.core.error.ErrorCategory;
import io.github.exha.core.error.ErrorCode;
import io.github.exha.storage.spi.StorageErrorCode;

/**
 * Error codes of the storage-based replication commands. A refusal by the array keeps the storage SPI's meaning: one
 * code per {@link StorageErrorCode}, whose id is the SPI's id under {@code replication.san.} (so
 * {@code storage.read-only} surfaces as {@code replication.san.storage.read-only}); the rest are the commands' own.
 */
public enum SanReplicationErrorCode implements ErrorCode {
    /** No consistency group of that name on any array of the lab. */
    GROUP_NOT_FOUND("replication.san.group-not-found", ErrorCategory.USER),
    /** No array of that name in the lab. */
    ARRAY_NOT_FOUND("replication.san.array-not-found", ErrorCategory.USER),
    /** The named clustered mailbox server or storage group sits on no replicated LUN. */
    NOT_REPLICATED("replication.san.not-replicated", ErrorCategory.USER),
    /** A command needs exactly one way of naming what it acts on ({@code -Group}, {@code -Server}, ...). */
    AMBIGUOUS_TARGET("replication.san.ambiguous-target", ErrorCategory.USER),
    /** The array refused: {@link StorageErrorCode#INVALID_ARGUMENT}. */
    STORAGE_INVALID_ARGUMENT(StorageErrorCode.INVALID_ARGUMENT, ErrorCategory.USER),
    /** The array refused: {@link StorageErrorCode#MISALIGNED_IO}. */
    STORAGE_MISALIGNED_IO(StorageErrorCode.MISALIGNED_IO, ErrorCategory.INTERNAL),
    /** The array refused: {@link StorageErrorCode#OUT_OF_RANGE}. */
    STORAGE_OUT_OF_RANGE(StorageErrorCode.OUT_OF_RANGE, ErrorCategory.INTERNAL),
    /** The array refused: {@link StorageErrorCode#NOT_FOUND}. */
    STORAGE_NOT_FOUND(StorageErrorCode.NOT_FOUND, ErrorCategory.USER),
    /** The array refused: {@link StorageErrorCode#ALREADY_EXISTS}. */
    STORAGE_ALREADY_EXISTS(StorageErrorCode.ALREADY_EXISTS, ErrorCategory.USER),
    /** The array refused: {@link StorageErrorCode#INSUFFICIENT_CAPACITY}. */
    STORAGE_INSUFFICIENT_CAPACITY(StorageErrorCode.INSUFFICIENT_CAPACITY, ErrorCategory.STATE),
    /** The array refused: {@link StorageErrorCode#NOT_PRESENTED}. */
    STORAGE_NOT_PRESENTED(StorageErrorCode.NOT_PRESENTED, ErrorCategory.STATE),
    /** The array refused: {@link StorageErrorCode#READ_ONLY}. */
    STORAGE_READ_ONLY(StorageErrorCode.READ_ONLY, ErrorCategory.STATE),
    /** The array refused: {@link StorageErrorCode#NOT_READY}. */
    STORAGE_NOT_READY(StorageErrorCode.NOT_READY, ErrorCategory.STATE),
    /** The array refused: {@link StorageErrorCode#LUN_IN_USE}. */
    STORAGE_LUN_IN_USE(StorageErrorCode.LUN_IN_USE, ErrorCategory.STATE),
    /** The array refused: {@link StorageErrorCode#ALREADY_PAIRED}. */
    STORAGE_ALREADY_PAIRED(StorageErrorCode.ALREADY_PAIRED, ErrorCategory.STATE),
    /** The array refused: {@link StorageErrorCode#CAPACITY_MISMATCH}. */
    STORAGE_CAPACITY_MISMATCH(StorageErrorCode.CAPACITY_MISMATCH, ErrorCategory.USER),
    /** The array refused: {@link StorageErrorCode#INVALID_STATE}. */
    STORAGE_INVALID_STATE(StorageErrorCode.INVALID_STATE, ErrorCategory.STATE),
    /** The array refused: {@link StorageErrorCode#UNREACHABLE}. */
    STORAGE_UNREACHABLE(StorageErrorCode.UNREACHABLE, ErrorCategory.STATE),
    /** The array refused: {@link StorageErrorCode#UNSUPPORTED_CAPABILITY}. */
    STORAGE_UNSUPPORTED_CAPABILITY(StorageErrorCode.UNSUPPORTED_CAPABILITY, ErrorCategory.STATE),
    /** The array refused: {@link StorageErrorCode#INCOMPATIBLE_SPI_VERSION}. */
    STORAGE_INCOMPATIBLE_SPI_VERSION(StorageErrorCode.INCOMPATIBLE_SPI_VERSION, ErrorCategory.INTERNAL);

    private final String id;
    private final ErrorCategory category;

    SanReplicationErrorCode(String id, ErrorCategory category) {
        this.id = id;
        this.category = category;
    }

    SanReplicationErrorCode(StorageErrorCode storage, ErrorCategory category) {
        this("replication.san." + storage.id(), category);
    }

    /** The code under which a refusal of the array with {@code code} is reported. */
    public static SanReplicationErrorCode of(StorageErrorCode code) {
        return switch (code) {
            case INVALID_ARGUMENT -> STORAGE_INVALID_ARGUMENT;
            case MISALIGNED_IO -> STORAGE_MISALIGNED_IO;
            case OUT_OF_RANGE -> STORAGE_OUT_OF_RANGE;
            case NOT_FOUND -> STORAGE_NOT_FOUND;
            case ALREADY_EXISTS -> STORAGE_ALREADY_EXISTS;
            case INSUFFICIENT_CAPACITY -> STORAGE_INSUFFICIENT_CAPACITY;
            case NOT_PRESENTED -> STORAGE_NOT_PRESENTED;
            case READ_ONLY -> STORAGE_READ_ONLY;
            case NOT_READY -> STORAGE_NOT_READY;
            case LUN_IN_USE -> STORAGE_LUN_IN_USE;
            case ALREADY_PAIRED -> STORAGE_ALREADY_PAIRED;
            case CAPACITY_MISMATCH -> STORAGE_CAPACITY_MISMATCH;
            case INVALID_STATE -> STORAGE_INVALID_STATE;
            case UNREACHABLE -> STORAGE_UNREACHABLE;
            case UNSUPPORTED_CAPABILITY -> STORAGE_UNSUPPORTED_CAPABILITY;
            case INCOMPATIBLE_SPI_VERSION -> STORAGE_INCOMPATIBLE_SPI_VERSION;
        };
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
