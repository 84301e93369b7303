package io.github.exha.storage.spi;

import java.util.Objects;

/**
 * A consistency group to create on its source array.
 *
 * @param name unique on both arrays
 * @param mode SYNC or ASYNC
 * @param targetArray the array that will hold the copies
 * @param link the name of the link to replicate over
 */
public record GroupSpec(String name, ReplicationMode mode, String targetArray, String link) {
    public GroupSpec {
        ArraySpec.requireName(name, "name");
        Objects.requireNonNull(mode, "mode");
        ArraySpec.requireName(targetArray, "targetArray");
        ArraySpec.requireName(link, "link");
    }
}
