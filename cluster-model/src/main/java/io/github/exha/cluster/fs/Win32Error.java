package io.github.exha.cluster.fs;

import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;

/**
 * The Win32 errors the filesystem raises, with the number and the message text Windows prints, mapped onto the
 * cluster model's stable codes. Several Win32 numbers share one code where ClusterErrorCode groups them (80 and 183).
 */
enum Win32Error {
    FILE_NOT_FOUND(ClusterErrorCode.FILE_NOT_FOUND, 2, "The system cannot find the file specified."),
    PATH_NOT_FOUND(ClusterErrorCode.PATH_NOT_FOUND, 3, "The system cannot find the path specified."),
    ACCESS_DENIED(ClusterErrorCode.ACCESS_DENIED, 5, "Access is denied."),
    WRITE_PROTECT(ClusterErrorCode.WRITE_PROTECTED, 19, "The media is write protected."),
    NOT_READY(ClusterErrorCode.DEVICE_NOT_READY, 21, "The device is not ready."),
    /** CreateFile with CREATE_NEW and CopyFile with fail-if-exists report 80. */
    FILE_EXISTS(ClusterErrorCode.FILE_EXISTS, 80, "The file exists."),
    DISK_FULL(ClusterErrorCode.DISK_FULL, 112, "There is not enough space on the disk."),
    INVALID_NAME(ClusterErrorCode.INVALID_NAME, 123,
            "The filename, directory name, or volume label syntax is incorrect."),
    DIR_NOT_EMPTY(ClusterErrorCode.DIRECTORY_NOT_EMPTY, 145, "The directory is not empty."),
    /** CreateDirectory and MoveFile report 183. */
    ALREADY_EXISTS(ClusterErrorCode.FILE_EXISTS, 183, "Cannot create a file when that file already exists."),
    FILENAME_EXCED_RANGE(ClusterErrorCode.NAME_TOO_LONG, 206, "The filename or extension is too long."),
    UNRECOGNIZED_VOLUME(ClusterErrorCode.UNRECOGNIZED_VOLUME, 1005, "The volume does not contain a recognized file"
            + " system. Please make sure that all required file system drivers are loaded and that the volume is not"
            + " corrupted.");

    private final ClusterErrorCode code;
    private final int number;
    private final String text;

    Win32Error(ClusterErrorCode code, int number, String text) {
        this.code = code;
        this.number = number;
        this.text = text;
    }

    /** The exception, Windows' text first, then what it concerns. */
    ExhaException exception(String detail) {
        return exception(detail, null);
    }

    ExhaException exception(String detail, Throwable cause) {
        return new ExhaException(code, text + " (" + detail + ")", NativeCode.win32(number), null, cause);
    }
}
