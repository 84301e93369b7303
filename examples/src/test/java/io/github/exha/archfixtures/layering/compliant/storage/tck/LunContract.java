package io.github.exha.archfixtures.layering.compliant.storage.tck;

import io.github.exha.archfixtures.layering.compliant.storage.spi.Lun;
import org.junit.jupiter.api.Test;

/** storage-tck → storage-spi and JUnit. */
public abstract class LunContract {
    protected abstract Lun lun();

    @Test
    void lunHasCapacity() {
        org.junit.jupiter.api.Assertions.assertTrue(lun().capacityBytes() > 0);
    }
}
