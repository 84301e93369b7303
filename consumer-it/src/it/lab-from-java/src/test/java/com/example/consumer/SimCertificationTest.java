package com.example.consumer;

import io.github.exha.storage.sim.SimStorageProvider;
import io.github.exha.storage.spi.StorageProvider;
import io.github.exha.storage.tck.StorageTck;

/** A vendor certifies its plugin with the TCK by coordinates alone; here the reference plugin stands in. */
class SimCertificationTest extends StorageTck {
    @Override
    protected StorageProvider provider() {
        return new SimStorageProvider();
    }
}
