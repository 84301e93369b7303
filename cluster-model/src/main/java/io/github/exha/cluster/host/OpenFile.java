package io.github.exha.cluster.host;

import java.util.Objects;

/**
 * A file a program keeps open on a host, as {@code openfiles /query} lists it.
 *
 * @param path the file's full Windows path ({@code C:\Program Files\...\First Storage Group\E00.log})
 * @param process the image name of the process holding it ({@code store.exe})
 */
public record OpenFile(String path, String process) {
    /** Validates the values. */
    public OpenFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(process, "process");
    }
}
