package io.github.exha.storage.tck;

import io.github.exha.storage.spi.StorageProvider;
import io.github.exha.storage.spi.StorageProviders;

/** The reference plugin, found the way a host finds any plugin: by vendor id through ServiceLoader. */
final class SimPlugin {
    private SimPlugin() {
    }

    /** A fresh {@code sim} provider. */
    static StorageProvider provider() {
        return StorageProviders.find(SimPlugin.class.getClassLoader(), "sim");
    }
}
