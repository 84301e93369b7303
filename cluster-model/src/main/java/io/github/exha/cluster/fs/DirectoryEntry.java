package io.github.exha.cluster.fs;

import java.util.Objects;

/**
 * One entry of a directory listing.
 *
 * @param name the name as it was created (case preserved)
 * @param directory whether it is a directory
 * @param size the file's size in bytes; 0 for a directory
 */
public record DirectoryEntry(String name, boolean directory, long size) {
    /** Validates the entry. */
    public DirectoryEntry {
        Objects.requireNonNull(name, "name");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
    }
}
