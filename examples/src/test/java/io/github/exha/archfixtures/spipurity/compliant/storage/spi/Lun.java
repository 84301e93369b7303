package io.github.exha.archfixtures.spipurity.compliant.storage.spi;

import java.util.List;
import java.util.Objects;

/** A record validated in its compact constructor, with a copied collection: JDK only. */
public record Lun(int id, long capacityBytes, LunAccess access, List<String> maskedTo) {
    public Lun {
        Objects.requireNonNull(access, "access");
        if (capacityBytes <= 0) {
            throw new StorageException("capacity must be positive: " + capacityBytes);
        }
        maskedTo = List.copyOf(maskedTo);
    }
}
