package io.github.exha.exchange.store;

import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;

/**
 * The ESE errors the store raises: the {@code JET_err*} number and symbol of ESE's {@code jet.h} and its description
 * there, each mapped to the store's stable code.
 */
enum EseError {
    LOG_FILE_CORRUPT(StoreErrorCode.LOG_CORRUPT, -501, "JET_errLogFileCorrupt", "Log file is corrupt"),
    LOG_WRITE_FAIL(StoreErrorCode.LOG_WRITE_FAILED, -510, "JET_errLogWriteFail", "Failure writing to log file"),
    LOG_GENERATION_MISMATCH(StoreErrorCode.LOG_GENERATION_MISMATCH, -513, "JET_errLogGenerationMismatch",
            "Name of logfile does not match internal generation number"),
    LOG_SEQUENCE_END(StoreErrorCode.LOG_SEQUENCE_END, -519, "JET_errLogSequenceEnd", "Maximum log file number exceeded"),
    MISSING_LOG_FILE(StoreErrorCode.MISSING_CURRENT_LOG, -528, "JET_errMissingLogFile", "Current log file missing"),
    LOG_DISK_FULL(StoreErrorCode.LOG_DISK_FULL, -529, "JET_errLogDiskFull", "Log disk full"),
    BAD_LOG_SIGNATURE(StoreErrorCode.LOG_SIGNATURE_MISMATCH, -530, "JET_errBadLogSignature",
            "Bad signature for a log file"),
    BAD_CHECKPOINT_SIGNATURE(StoreErrorCode.CHECKPOINT_SIGNATURE_MISMATCH, -532, "JET_errBadCheckpointSignature",
            "Bad signature for a checkpoint file"),
    ATTACHED_DATABASE_MISMATCH(StoreErrorCode.ATTACHED_DATABASE_MISMATCH, -1216, "JET_errAttachedDatabaseMismatch",
            "An outstanding database attachment has been detected at the start or end of recovery, but database is "
            + "missing or does not match attachment info"),
    REQUIRED_LOG_FILES_MISSING(StoreErrorCode.MISSING_LOG, -543, "JET_errRequiredLogFilesMissing",
            "The required log files for recovery is missing"),
    DATABASE_CORRUPTED(StoreErrorCode.DATABASE_CORRUPT, -1206, "JET_errDatabaseCorrupted",
            "Non database file or corrupted db"),
    INVALID_DATABASE_VERSION(StoreErrorCode.DATABASE_VERSION_TOO_NEW, -1209, "JET_errInvalidDatabaseVersion",
            "Database engine is incompatible with database");

    private final StoreErrorCode code;
    private final int number;
    private final String symbol;
    private final String description;

    EseError(StoreErrorCode code, int number, String symbol, String description) {
        this.code = code;
        this.number = number;
        this.symbol = symbol;
        this.description = description;
    }

    /** The exception: what happened, then ESE's number, symbol and description as eseutil prints them. */
    ExhaException exception(String detail) {
        return new ExhaException(code, detail + " (error " + number + " (" + symbol + ", " + description + "))",
                NativeCode.ese(number));
    }
}
