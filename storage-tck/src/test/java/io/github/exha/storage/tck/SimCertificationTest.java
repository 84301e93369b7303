package io.github.exha.storage.tck;

import io.github.exha.storage.spi.StorageProvider;

/** Certifies the reference plugin {@code sim} the way a vendor certifies theirs: one class, every rule. */
class SimCertificationTest extends StorageTck {
    @Override
    protected StorageProvider provider() {
        return SimPlugin.provider();
    }
}
