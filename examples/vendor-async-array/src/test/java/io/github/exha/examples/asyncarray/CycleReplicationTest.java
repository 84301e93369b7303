package io.github.exha.examples.asyncarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.exha.storage.spi.ArraySpec;
import io.github.exha.storage.spi.BlockDevice;
import io.github.exha.storage.spi.ConsistencyGroup;
import io.github.exha.storage.spi.GroupSpec;
import io.github.exha.storage.spi.HostSpec;
import io.github.exha.storage.spi.LinkSpec;
import io.github.exha.storage.spi.LunSpec;
import io.github.exha.storage.spi.ReplicationMode;
import io.github.exha.storage.spi.ReplicationState;
import io.github.exha.storage.spi.ResyncDirection;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageErrorCode;
import io.github.exha.storage.spi.StorageEvent;
import io.github.exha.storage.spi.StorageException;
import io.github.exha.storage.tck.TckStorageContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What this vendor does differently from {@code sim}, beyond what the TCK checks. */
class CycleReplicationTest {
    private static final long MiB = 1L << 20;

    private final TckStorageContext context = new TckStorageContext(11);
    private final CycleStorageProvider provider = new CycleStorageProvider();
    private final StorageArray main = array("MAIN", Map.of(CycleOptions.CYCLE_SECONDS, "15"));
    private final StorageArray dr = array("DR", Map.of());
    private ConsistencyGroup group;
    private BlockDevice source;
    private BlockDevice target;

    private StorageArray array(String name, Map<String, String> options) {
        StorageArray array = provider.createArray(new ArraySpec(name, name + "-SITE", name + "-0001", 64 * MiB,
                options), context);
        array.addHost(new HostSpec(name + "-NODE", List.of("iqn.2008-06.com.contoso:" + name.toLowerCase())));
        array.createLun(LunSpec.of("LUN", 4 * MiB));
        array.present("LUN", name + "-NODE");
        return array;
    }

    private void replicate() {
        main.connect(dr, new LinkSpec("LINK", Duration.ofMillis(2), 10_000_000L));
        group = main.createConsistencyGroup(new GroupSpec("CG", ReplicationMode.ASYNC, "DR", "LINK"));
        group.addPair("LUN", "LUN");
        group.enable();
        assertTrue(context.runUntil(() -> group.status().state() == ReplicationState.IN_SYNC, Duration.ofMinutes(1)));
        source = main.open("LUN", "MAIN-NODE");
        target = dr.open("LUN", "DR-NODE");
    }

    private static byte[] block(int value) {
        byte[] data = new byte[512];
        Arrays.fill(data, (byte) value);
        return data;
    }

    private static byte[] read(BlockDevice device) {
        byte[] data = new byte[512];
        device.read(0, data, 0, data.length);
        return data;
    }

    @Test
    void aWriteReachesTheTargetOnlyWhenItsCycleClosesAtTheNextMultipleOfTheCycle() {
        replicate();
        Instant written = context.now();
        source.write(0, block(7), 0, 512);
        // the TCK clock starts on a whole minute and the copy took well under 15 s: the cycle closes at :15
        Instant closes = Instant.parse("2008-03-01T00:00:15Z");
        context.runUntil(() -> false, Duration.between(context.now(), closes).minusMillis(1));
        assertArrayEquals(new byte[512], read(target), "shipped before the cycle closed");
        assertEquals(Duration.between(written, context.now()), group.status().recoveryPointObjective());
        context.runFor(Duration.ofMillis(10));
        assertArrayEquals(block(7), read(target), "the closed cycle arrives one transfer time later");
        assertEquals(0, group.status().pendingWrites());
    }

    @Test
    void failoverLosesTheOpenCycleAndCountsIt() {
        replicate();
        source.write(0, block(1), 0, 512);
        context.runFor(Duration.ofSeconds(16));
        source.write(0, block(2), 0, 512);
        source.write(512, block(3), 0, 512);
        main.powerOff();
        group.failover();
        assertEquals(ReplicationState.FAILED_OVER, group.status().state());
        assertArrayEquals(block(1), read(target), "the target holds the last closed cycle");
        StorageEvent failover = context.recordedEvents(StorageEvent.Type.REPLICATION_STATE_CHANGED).stream()
                .filter(e -> "FAILED_OVER".equals(e.details().get("to"))).findFirst().orElseThrow();
        assertEquals("2", failover.details().get("lostWrites"), "the two writes of the open cycle");
    }

    @Test
    void whatTheArrayCannotDoIsRefusedWithUnsupportedCapabilityAndChangesNothing() {
        replicate();
        StorageException sync = assertThrows(StorageException.class, () -> main.createConsistencyGroup(
                new GroupSpec("CG-SYNC", ReplicationMode.SYNC, "DR", "LINK")));
        assertEquals(StorageErrorCode.UNSUPPORTED_CAPABILITY, sync.code());
        group.suspend();
        StorageException backwards = assertThrows(StorageException.class,
                () -> group.resync(ResyncDirection.TARGET_TO_SOURCE));
        assertEquals(StorageErrorCode.UNSUPPORTED_CAPABILITY, backwards.code());
        assertEquals(StorageErrorCode.UNSUPPORTED_CAPABILITY,
                assertThrows(StorageException.class, group::split).code());
        assertEquals(StorageErrorCode.UNSUPPORTED_CAPABILITY,
                assertThrows(StorageException.class, group::reverse).code());
        assertEquals(ReplicationState.SUSPENDED, group.status().state());
        assertEquals(1, main.consistencyGroups().size());
    }

    @Test
    void resumeCopiesEveryWrittenChunkNotOnlyTheChangedOnes() {
        replicate();
        for (int chunk = 0; chunk < 8; chunk++) {
            source.write(chunk * 65536L, block(chunk + 1), 0, 512);
        }
        context.runFor(Duration.ofSeconds(31));
        group.suspend();
        source.write(0, block(9), 0, 512);
        group.resume();
        assertTrue(context.runUntil(() -> group.status().state() == ReplicationState.IN_SYNC, Duration.ofMinutes(1)));
        StorageEvent resumed = context.recordedEvents(StorageEvent.Type.REPLICATION_STATE_CHANGED).stream()
                .filter(e -> e.details().getOrDefault("reason", "").startsWith("resume")).findFirst().orElseThrow();
        assertEquals("resume: full copy of 8 written chunks", resumed.details().get("reason"));
        assertArrayEquals(block(9), read(target));
    }

    @Test
    void theCycleOptionMustBeAPositiveWholeNumberOfSeconds() {
        StorageException bad = assertThrows(StorageException.class, () -> provider.createArray(
                new ArraySpec("X", "S", "X-1", MiB, Map.of(CycleOptions.CYCLE_SECONDS, "0.5")), context));
        assertEquals(StorageErrorCode.INVALID_ARGUMENT, bad.code());
        assertTrue(bad.getMessage().contains("cycleSeconds must be a positive integer"), bad.getMessage());
    }
}
