package io.github.exha.storage.sim;

import static io.github.exha.storage.sim.Lab.CHUNK;
import static io.github.exha.storage.sim.Lab.pattern;
import static io.github.exha.storage.sim.Lab.read;
import static io.github.exha.storage.sim.Lab.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.ArraySpec;
import io.github.exha.storage.spi.BlockDevice;
import io.github.exha.storage.spi.Capability;
import io.github.exha.storage.spi.HostSpec;
import io.github.exha.storage.spi.LinkSpec;
import io.github.exha.storage.spi.LunInfo;
import io.github.exha.storage.spi.LunSpec;
import io.github.exha.storage.spi.SpiVersion;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageErrorCode;
import io.github.exha.storage.spi.StorageEvent;
import io.github.exha.storage.spi.StorageException;
import io.github.exha.storage.spi.StorageProvider;
import io.github.exha.storage.spi.StorageProviders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimArrayTest {
    private static final long TB = 1L << 40;

    private TestStorageContext context;
    private SimArray array;
    private BlockDevice device;

    @BeforeEach
    void setUp() {
        context = new TestStorageContext(7);
        array = (SimArray) new SimStorageProvider().createArray(ArraySpec.of("SAN-MAIN", "Production", "S1", 4 * TB),
                context);
        array.addHost(new HostSpec("NODE1", List.of("iqn.1991-05.com.microsoft:node1")));
        array.addHost(new HostSpec("NODE2", List.of("iqn.1991-05.com.microsoft:node2")));
        array.createLun(LunSpec.of("DB1", 16L * CHUNK));
        array.present("DB1", "NODE1");
        device = array.open("DB1", "NODE1");
    }

    @Test
    void theProviderIsFoundByServiceLoaderWithEveryCapability() {
        StorageProvider provider = StorageProviders.find(getClass().getClassLoader(), "sim");
        assertThat(provider).isInstanceOf(SimStorageProvider.class);
        assertThat(provider.spiVersion()).isEqualTo(SpiVersion.CURRENT);
        assertThat(provider.capabilities()).containsExactlyInAnyOrder(Capability.values());
        assertThat(array.vendorId()).isEqualTo("sim");
    }

    @Test
    void vendorOptionsAreValidated() {
        SimStorageProvider provider = new SimStorageProvider();
        StorageException unknown = refused(StorageErrorCode.INVALID_ARGUMENT, () -> provider.createArray(
                new ArraySpec("A", "S", "1", TB, Map.of("cache", "8GB")), context));
        assertThat(unknown.getMessage()).contains("cache").contains("maxLuns");
        refused(StorageErrorCode.INVALID_ARGUMENT, () -> provider.createArray(
                new ArraySpec("A", "S", "1", TB, Map.of("maxLuns", "many")), context));
        refused(StorageErrorCode.INVALID_ARGUMENT, () -> provider.createArray(
                new ArraySpec("A", "S", "1", TB, Map.of("maxLuns", "0")), context));

        StorageArray small = provider.createArray(new ArraySpec("A", "S", "1", TB, Map.of("maxLuns", "1")), context);
        small.createLun(LunSpec.of("ONE", CHUNK));
        refused(StorageErrorCode.INSUFFICIENT_CAPACITY, () -> small.createLun(LunSpec.of("TWO", CHUNK)));
        assertThat(small.luns()).hasSize(1);
    }

    @Test
    void aTwoTerabyteLunCostsOnlyTheChunksWritten() {
        long free = array.freeBytes();
        LunInfo info = array.createLun(LunSpec.of("BIG", 2 * TB));
        assertThat(info.allocatedBytes()).isZero();
        assertThat(array.freeBytes()).isEqualTo(free - 2 * TB);
        array.present("BIG", "NODE1");
        BlockDevice big = array.open("BIG", "NODE1");

        big.write(2 * TB - 4096, pattern(4096, 1), 0, 4096);
        assertThat(array.lun("BIG").allocatedBytes()).isEqualTo(CHUNK);
        assertThat(read(big, 2 * TB - 4096, 4096)).isEqualTo(pattern(4096, 1));
        assertThat(read(big, TB, 8192)).isEqualTo(new byte[8192]);

        // a write spanning a chunk boundary allocates both chunks
        big.write(CHUNK - 512, pattern(1024, 2), 0, 1024);
        assertThat(array.lun("BIG").allocatedBytes()).isEqualTo(3L * CHUNK);
        assertThat(read(big, CHUNK - 512, 1024)).isEqualTo(pattern(1024, 2));
        refused(StorageErrorCode.INSUFFICIENT_CAPACITY, () -> array.createLun(LunSpec.of("HUGE", 2 * TB)));
    }

    @Test
    void dataReadsBackAndUnwrittenBlocksReadAsZeros() {
        byte[] data = pattern(3 * CHUNK, 5);
        CompletableFuture<Void> ack = device.write(512, data, 0, data.length);
        assertThat(ack).isCompleted();
        assertThat(read(device, 512, data.length)).isEqualTo(data);
        assertThat(read(device, 0, 512)).isEqualTo(new byte[512]);
        byte[] buffer = new byte[2048];
        device.read(512, buffer, 1024, 1024);
        assertThat(java.util.Arrays.copyOfRange(buffer, 1024, 2048)).isEqualTo(java.util.Arrays.copyOf(data, 1024));
        assertThat(device.flush()).isCompleted();
        assertThat(device.blockSize()).isEqualTo(512);
        assertThat(device.capacityBytes()).isEqualTo(16L * CHUNK);
    }

    @Test
    void everyRefusedIoNamesItsCodeArrayLunAndHostAndChangesNothing() {
        device.write(0, pattern(CHUNK, 9), 0, CHUNK);
        array.createLun(LunSpec.of("GONE", CHUNK));
        array.present("GONE", "NODE1");
        BlockDevice gone = array.open("GONE", "NODE1");
        array.unpresent("GONE", "NODE1");
        array.deleteLun("GONE");
        BlockDevice hidden = array.open("DB1", "NODE2");
        byte[] buffer = new byte[4096];
        long end = 16L * CHUNK;

        Map<StorageErrorCode, List<ThrowingCallable>> cases = Map.of(
                StorageErrorCode.MISALIGNED_IO, List.of(() -> device.write(100, buffer, 0, 512),
                        () -> device.write(0, buffer, 0, 100), () -> device.read(7, buffer, 0, 512)),
                StorageErrorCode.OUT_OF_RANGE, List.of(() -> device.write(end, buffer, 0, 512),
                        () -> device.write(end - 512, buffer, 0, 1024), () -> device.read(-512, buffer, 0, 512)),
                StorageErrorCode.INVALID_ARGUMENT, List.of(() -> device.write(0, buffer, 3584, 1024),
                        () -> device.write(0, null, 0, 512), () -> device.read(0, buffer, -1, 512),
                        () -> device.write(0, buffer, 0, -512)),
                StorageErrorCode.NOT_PRESENTED, List.of(() -> hidden.write(0, buffer, 0, 512),
                        () -> hidden.read(0, buffer, 0, 512), hidden::flush),
                StorageErrorCode.NOT_FOUND, List.of(() -> gone.write(0, buffer, 0, 512),
                        () -> gone.read(0, buffer, 0, 512), gone::flush));
        List<LunInfo> before = array.luns();
        byte[] dataBefore = read(device, 0, (int) end);
        for (Map.Entry<StorageErrorCode, List<ThrowingCallable>> entry : new java.util.TreeMap<>(cases).entrySet()) {
            for (ThrowingCallable call : entry.getValue()) {
                StorageException e = refused(entry.getKey(), call);
                assertThat(e.array()).contains("SAN-MAIN");
                assertThat(e.lun()).isPresent();
                assertThat(e.host()).isPresent();
                assertThat(e.getMessage()).contains("SAN-MAIN").contains(e.lun().get()).contains(e.host().get());
            }
        }
        assertThat(array.luns()).isEqualTo(before);
        assertThat(read(device, 0, (int) end)).isEqualTo(dataBefore);
    }

    @Test
    void accessStatesAndMaskingAreCheckedOnEveryIo() {
        device.write(0, pattern(512, 1), 0, 512);
        array.setAccessState("DB1", AccessState.READ_ONLY);
        StorageException ro = refused(StorageErrorCode.READ_ONLY, () -> device.write(0, pattern(512, 2), 0, 512));
        assertThat(ro.lun()).contains("DB1");
        assertThat(ro.host()).contains("NODE1");
        assertThat(read(device, 0, 512)).isEqualTo(pattern(512, 1));

        array.setAccessState("DB1", AccessState.NOT_READY);
        refused(StorageErrorCode.NOT_READY, () -> device.write(0, pattern(512, 2), 0, 512));
        refused(StorageErrorCode.NOT_READY, () -> read(device, 0, 512));

        array.setAccessState("DB1", AccessState.READ_WRITE);
        array.unpresent("DB1", "NODE1");
        array.unpresent("DB1", "NODE1");
        refused(StorageErrorCode.NOT_PRESENTED, () -> read(device, 0, 512));
        array.present("DB1", "NODE1");
        array.present("DB1", "NODE1");
        assertThat(read(device, 0, 512)).isEqualTo(pattern(512, 1));
        assertThat(array.lun("DB1").presentedTo()).containsExactly("NODE1");
    }

    @Test
    void managementErrorsUseTheirCodesAndChangeNothing() {
        List<LunInfo> luns = array.luns();
        List<HostSpec> hosts = array.hosts();
        long free = array.freeBytes();
        refused(StorageErrorCode.ALREADY_EXISTS, () -> array.createLun(LunSpec.of("DB1", CHUNK)));
        refused(StorageErrorCode.INSUFFICIENT_CAPACITY, () -> array.createLun(LunSpec.of("X", 8 * TB)));
        refused(StorageErrorCode.NOT_FOUND, () -> array.deleteLun("NOPE"));
        StorageException inUse = refused(StorageErrorCode.LUN_IN_USE, () -> array.deleteLun("DB1"));
        assertThat(inUse.host()).contains("NODE1");
        refused(StorageErrorCode.LUN_IN_USE, () -> array.removeHost("NODE1"));
        refused(StorageErrorCode.NOT_FOUND, () -> array.removeHost("NOPE"));
        refused(StorageErrorCode.ALREADY_EXISTS, () -> array.addHost(new HostSpec("NODE1", List.of("x"))));
        refused(StorageErrorCode.NOT_FOUND, () -> array.present("DB1", "NOPE"));
        refused(StorageErrorCode.NOT_FOUND, () -> array.present("NOPE", "NODE1"));
        refused(StorageErrorCode.NOT_FOUND, () -> array.unpresent("NOPE", "NODE1"));
        refused(StorageErrorCode.NOT_FOUND, () -> array.lun("NOPE"));
        refused(StorageErrorCode.NOT_FOUND, () -> array.setAccessState("NOPE", AccessState.READ_ONLY));
        refused(StorageErrorCode.NOT_FOUND, () -> array.open("NOPE", "NODE1"));
        refused(StorageErrorCode.NOT_FOUND, () -> array.open("DB1", "NOPE"));
        refused(StorageErrorCode.NOT_FOUND, () -> array.consistencyGroup("NOPE"));
        refused(StorageErrorCode.INVALID_ARGUMENT, () -> array.connect(array, new LinkSpec("L", Duration.ZERO, 1)));
        assertThat(array.luns()).isEqualTo(luns);
        assertThat(array.hosts()).isEqualTo(hosts);
        assertThat(array.freeBytes()).isEqualTo(free);
        assertThat(array.links()).isEmpty();

        array.unpresent("DB1", "NODE1");
        array.deleteLun("DB1");
        assertThat(array.freeBytes()).isEqualTo(array.capacityBytes());
        array.removeHost("NODE1");
        assertThat(array.hosts()).extracting(HostSpec::name).containsExactly("NODE2");
    }

    @Test
    void aPoweredOffArrayIsUnreachableAndKeepsItsData() {
        device.write(0, pattern(CHUNK, 3), 0, CHUNK);
        array.powerOff();
        array.powerOff();
        assertThat(array.isPoweredOn()).isFalse();
        StorageException io = refused(StorageErrorCode.UNREACHABLE, () -> read(device, 0, 512));
        assertThat(io.host()).contains("NODE1");
        refused(StorageErrorCode.UNREACHABLE, () -> device.write(0, pattern(512, 4), 0, 512));
        refused(StorageErrorCode.UNREACHABLE, device::flush);
        refused(StorageErrorCode.UNREACHABLE, () -> array.createLun(LunSpec.of("X", CHUNK)));
        refused(StorageErrorCode.UNREACHABLE, () -> array.deleteLun("DB1"));
        refused(StorageErrorCode.UNREACHABLE, () -> array.present("DB1", "NODE2"));
        refused(StorageErrorCode.UNREACHABLE, () -> array.setAccessState("DB1", AccessState.READ_ONLY));
        refused(StorageErrorCode.UNREACHABLE, () -> array.addHost(new HostSpec("N3", List.of("x"))));
        assertThat(array.luns()).hasSize(1);
        array.powerOn();
        array.powerOn();
        assertThat(read(device, 0, CHUNK)).isEqualTo(pattern(CHUNK, 3));
    }

    @Test
    void everyChangeIsAnEvent() {
        context.events.clear();
        array.createLun(LunSpec.of("LOG1", CHUNK));
        array.present("LOG1", "NODE2");
        array.present("LOG1", "NODE2");
        array.setAccessState("LOG1", AccessState.READ_ONLY);
        array.setAccessState("LOG1", AccessState.READ_ONLY);
        array.unpresent("LOG1", "NODE2");
        array.deleteLun("LOG1");
        array.powerOff();
        array.powerOn();
        assertThat(context.events).extracting(StorageEvent::type).containsExactly(StorageEvent.Type.LUN_CREATED,
                StorageEvent.Type.MASKING_CHANGED, StorageEvent.Type.ACCESS_STATE_CHANGED,
                StorageEvent.Type.MASKING_CHANGED, StorageEvent.Type.LUN_DELETED,
                StorageEvent.Type.ARRAY_POWER_CHANGED, StorageEvent.Type.ARRAY_POWER_CHANGED);
        assertThat(context.events.get(1).details()).containsEntry("host", "NODE2").containsEntry("presented", "true");
        assertThat(context.events.get(2).details()).containsEntry("from", "READ_WRITE").containsEntry("to", "READ_ONLY");
        assertThat(context.events.get(5).details()).containsEntry("powered", "off");
        assertThat(context.events).allSatisfy(e -> assertThat(e.array()).isEqualTo("SAN-MAIN"));
    }

    @Test
    void theUnreplicatedWritePathIsCloseToArraycopy() {
        // not a benchmark, a guard against an accidental slow path: 64 MiB of 64 KiB writes, well under a second
        array.createLun(LunSpec.of("FAST", 1024L * CHUNK));
        array.present("FAST", "NODE1");
        BlockDevice fast = array.open("FAST", "NODE1");
        byte[] block = pattern(CHUNK, 1);
        for (int round = 0; round < 3; round++) {
            for (long offset = 0; offset < 1024L * CHUNK; offset += CHUNK) {
                fast.write(offset, block, 0, CHUNK);
            }
        }
        assertThat(array.lun("FAST").allocatedBytes()).isEqualTo(1024L * CHUNK);
    }
}
