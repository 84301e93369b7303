package io.github.exha.archfixtures.layering.compliant.storage.sim;

import io.github.exha.archfixtures.layering.compliant.storage.spi.Lun;

/** storage-san-sim → storage-spi. */
public class SimStorageProvider {
    public Lun createLun(int id) {
        return new Lun(id, 1L << 30);
    }
}
