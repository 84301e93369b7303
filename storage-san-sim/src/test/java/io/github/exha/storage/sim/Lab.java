package io.github.exha.storage.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.exha.storage.kit.ArrayLink;
import io.github.exha.storage.kit.SparseLun;
import io.github.exha.storage.spi.ArraySpec;
import io.github.exha.storage.spi.BlockDevice;
import io.github.exha.storage.spi.ConsistencyGroup;
import io.github.exha.storage.spi.GroupSpec;
import io.github.exha.storage.spi.HostSpec;
import io.github.exha.storage.spi.LinkSpec;
import io.github.exha.storage.spi.LunSpec;
import io.github.exha.storage.spi.ReplicationMode;
import io.github.exha.storage.spi.StorageErrorCode;
import io.github.exha.storage.spi.StorageEvent;
import io.github.exha.storage.spi.StorageException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Two arrays on one virtual time with a link between them: the fixture of the replication tests. */
final class Lab {
    static final long GiB = 1L << 30;
    static final int CHUNK = SparseLun.CHUNK_SIZE;
    /** 1 ms one way, 100 MB/s: a 64 KiB chunk takes 655.36 µs on the wire. */
    static final Duration LATENCY = Duration.ofMillis(1);
    static final long BANDWIDTH = 100_000_000L;

    final TestStorageContext context;
    final SimStorageProvider provider = new SimStorageProvider();
    final SimArray main;
    final SimArray dr;
    final ArrayLink<SimArray> link;

    Lab(long seed) {
        context = new TestStorageContext(seed);
        main = (SimArray) provider.createArray(ArraySpec.of("SAN-MAIN", "Production", "MAIN-0001", 64 * GiB), context);
        dr = (SimArray) provider.createArray(ArraySpec.of("SAN-DR", "Recovery", "DR-0001", 64 * GiB), context);
        main.addHost(new HostSpec("NODE1", List.of("50:06:01:60:00:00:00:01")));
        dr.addHost(new HostSpec("DRNODE1", List.of("50:06:01:60:00:00:00:02")));
        main.connect(dr, new LinkSpec("L1", LATENCY, BANDWIDTH));
        link = main.link("L1");
    }

    Lab() {
        this(42);
    }

    /** A LUN on each array, presented to the local host. */
    void lunPair(String name, long capacity) {
        main.createLun(LunSpec.of(name, capacity));
        main.present(name, "NODE1");
        dr.createLun(LunSpec.of(name, capacity));
        dr.present(name, "DRNODE1");
    }

    ConsistencyGroup group(String name, ReplicationMode mode, String... luns) {
        ConsistencyGroup group = main.createConsistencyGroup(new GroupSpec(name, mode, "SAN-DR", "L1"));
        for (String lun : luns) {
            lunPair(lun, 16L * CHUNK);
            group.addPair(lun, lun);
        }
        return group;
    }

    BlockDevice mainDev(String lun) {
        return main.open(lun, "NODE1");
    }

    BlockDevice drDev(String lun) {
        return dr.open(lun, "DRNODE1");
    }

    List<StorageEvent> events() {
        return context.events;
    }

    static byte[] pattern(int length, long seed) {
        byte[] data = new byte[length];
        new SplittableRandom(seed).nextBytes(data);
        return data;
    }

    static byte[] read(BlockDevice device, long offset, int length) {
        byte[] data = new byte[length];
        device.read(offset, data, 0, length);
        return data;
    }

    static byte[] readAll(BlockDevice device) {
        return read(device, 0, (int) device.capacityBytes());
    }

    /** Asserts the call fails with this code and returns the exception. */
    static StorageException refused(StorageErrorCode code, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected %s", code).isInstanceOf(StorageException.class);
        StorageException e = (StorageException) thrown;
        assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
        return e;
    }
}
