package io.github.exha.examples.asyncarray;

import io.github.exha.storage.spi.StorageProvider;
import io.github.exha.storage.spi.StorageProviders;
import io.github.exha.storage.tck.StorageTck;

/**
 * Certifies the plugin: the whole TCK in one class. The provider is found the way exha finds it, through
 * {@link java.util.ServiceLoader} by vendor id, so a missing or wrong {@code META-INF/services} entry fails here.
 */
class AsyncArrayCertificationTest extends StorageTck {
    @Override
    protected StorageProvider provider() {
        return StorageProviders.find(AsyncArrayCertificationTest.class.getClassLoader(),
                CycleStorageProvider.VENDOR_ID);
    }
}
