package io.github.exha.replication.continuous;

import io.github.exha.core.error.ExhaException;

/**
 * Where a copy keeps its files on its target machine: for CCR and SCR the source's own paths, for LCR the
 * {@code -CopyLogFolderPath}, {@code -CopySystemFolderPath} and {@code -CopyEdbFilePath} given when it was enabled.
 *
 * @param logFolder the copy's log folder, a full Windows path
 * @param systemFolder the copy's system folder (checkpoint), a full Windows path
 * @param edbFile the passive database file; empty until {@code Enable-DatabaseCopy} gave it (LCR)
 */
public record CopyPaths(String logFolder, String systemFolder, String edbFile) {
    /** Validates the paths. */
    public CopyPaths {
        requireFull(logFolder, "CopyLogFolderPath");
        requireFull(systemFolder, "CopySystemFolderPath");
        if (!edbFile.isEmpty()) {
            requireFull(edbFile, "CopyEdbFilePath");
        }
    }

    /** The same paths with the passive database file at {@code path}. */
    public CopyPaths withEdbFile(String path) {
        return new CopyPaths(logFolder, systemFolder, path);
    }

    /** Whether the database copy's path is known. */
    public boolean hasEdbFile() {
        return !edbFile.isEmpty();
    }

    static String requireFull(String path, String parameter) {
        if (path == null || path.length() < 3 || path.charAt(1) != ':' || path.charAt(2) != '\\'
                || !Character.isLetter(path.charAt(0))) {
            throw new ExhaException(ReplicationErrorCode.INVALID_ARGUMENT, "The " + parameter + " '" + path
                    + "' is not a full local path such as L:\\Logs\\SG1.");
        }
        return path;
    }
}
