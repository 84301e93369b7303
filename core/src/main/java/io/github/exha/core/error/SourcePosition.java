package io.github.exha.core.error;

import java.util.Objects;

/**
 * A place in a user's file, 1-based, printed as {@code file:line:column} like compilers do so editors can jump to it.
 *
 * @param file the file name as the user gave it
 * @param line 1-based line
 * @param column 1-based column, counted in UTF-16 code units like most editors
 */
public record SourcePosition(String file, int line, int column) {
    public SourcePosition {
        Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
