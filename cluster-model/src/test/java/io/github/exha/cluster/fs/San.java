package io.github.exha.cluster.fs;

import io.github.exha.cluster.storage.LabStorageContext;
import io.github.exha.core.kernel.Kernel;
import java.time.Instant;
import io.github.exha.storage.spi.ArraySpec;
import io.github.exha.storage.spi.BlockDevice;
import io.github.exha.storage.spi.HostSpec;
import io.github.exha.storage.spi.LunSpec;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageProviders;
import java.util.List;

/** One {@code sim} array with host NODE1, found through the SPI as a lab finds it. */
final class San {
    static final long MiB = 1L << 20;
    static final long GiB = 1L << 30;
    static final String HOST = "NODE1";

    final Kernel kernel;
    final StorageArray array;

    San(long seed) {
        kernel = Kernel.create("fs-test", seed, Instant.parse("2007-03-01T08:00:00Z"));
        array = StorageProviders.find(San.class.getClassLoader(), "sim")
                .createArray(ArraySpec.of("SAN-MAIN", "Production", "MAIN-0001", 1024 * GiB),
                        new LabStorageContext(kernel, "SAN-MAIN"));
        array.addHost(new HostSpec(HOST, List.of("50:06:01:60:00:00:00:01")));
    }

    San() {
        this(42);
    }

    /** A new LUN presented to NODE1, opened. */
    BlockDevice lun(String name, long capacity) {
        array.createLun(LunSpec.of(name, capacity));
        array.present(name, HOST);
        return array.open(name, HOST);
    }

    /** Runs the lab's virtual time until nothing is pending. */
    void runUntilIdle() {
        kernel.scheduler().runUntilIdle();
    }

    /** Removes a LUN made by {@link #lun}. */
    void drop(String name) {
        array.unpresent(name, HOST);
        array.deleteLun(name);
    }
}
