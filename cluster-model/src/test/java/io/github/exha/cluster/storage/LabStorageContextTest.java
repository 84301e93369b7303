package io.github.exha.cluster.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.storage.spi.ArraySpec;
import io.github.exha.storage.spi.HostSpec;
import io.github.exha.storage.spi.LunSpec;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageProviders;
import io.github.exha.storage.spi.StorageScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabStorageContextTest {
    private static final Instant START = Instant.parse("2008-03-01T00:00:00Z");

    private static String run(long seed) {
        Kernel kernel = Kernel.create("lab", seed, START);
        StorageArray array = StorageProviders.find(LabStorageContextTest.class.getClassLoader(), "sim")
                .createArray(ArraySpec.of("SAN-MAIN", "Production", "MAIN-01", 1L << 30),
                        new LabStorageContext(kernel, "SAN-MAIN"));
        array.addHost(new HostSpec("NODE1", List.of("iqn.2008-03.com.contoso:node1")));
        array.createLun(LunSpec.of("DB", 1L << 20));
        array.present("DB", "NODE1");
        return kernel.journal().digest();
    }

    @Test
    void storageEventsAreJournaledAsStateChangesOfTheArray() {
        Kernel kernel = Kernel.create("lab", 1, START);
        StorageArray array = StorageProviders.find(getClass().getClassLoader(), "sim")
                .createArray(ArraySpec.of("SAN-MAIN", "Production", "MAIN-01", 1L << 30),
                        new LabStorageContext(kernel, "SAN-MAIN"));
        array.addHost(new HostSpec("NODE1", List.of("iqn.2008-03.com.contoso:node1")));
        array.createLun(LunSpec.of("DB", 1L << 20));
        array.present("DB", "NODE1");
        List<String> names = new ArrayList<>();
        for (JournalEntry entry : kernel.journal().entries()) {
            assertThat(entry.type()).isEqualTo(JournalEntry.Type.STATE_CHANGE);
            assertThat(entry.source()).isEqualTo("SAN-MAIN");
            names.add(entry.name());
        }
        assertThat(names).containsExactly("storage.lun-created", "storage.masking-changed");
        assertThat(kernel.journal().entries().get(1).attributes()).containsEntry("subject", "DB")
                .containsEntry("host", "NODE1");
    }

    @Test
    void scheduledStorageWorkRunsOnTheLabsVirtualTime() {
        Kernel kernel = Kernel.create("lab", 1, START);
        LabStorageContext context = new LabStorageContext(kernel, "A");
        List<Instant> fired = new ArrayList<>();
        context.scheduler().schedule(Duration.ofMillis(5), () -> fired.add(kernel.clock().instant()));
        StorageScheduler.Cancellable cancelled = context.scheduler().schedule(Duration.ofMillis(6),
                () -> fired.add(Instant.EPOCH));
        assertThat(cancelled.cancel()).isTrue();
        kernel.scheduler().runUntilIdle();
        assertThat(fired).containsExactly(START.plusMillis(5));
    }

    @Test
    void sameSeedSameDigest() {
        assertThat(run(3)).isEqualTo(run(3));
    }
}
