package io.github.exha.storage.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.ArraySpec;
import io.github.exha.storage.spi.BlockDevice;
import io.github.exha.storage.spi.HostSpec;
import io.github.exha.storage.spi.LunInfo;
import io.github.exha.storage.spi.LunRef;
import io.github.exha.storage.spi.LunSpec;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageErrorCode;
import io.github.exha.storage.spi.StorageEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Rules 2.x: an array's LUNs, capacity, hosts, LUN masking, access states and power. Every refused operation must
 * leave the array exactly as it was. Extend it and implement {@link #provider()}.
 */
public abstract class ArrayContract extends StorageContract {
    private StorageArray array;

    /** The primary array of this test, with {@link #primaryHost()} registered. */
    protected final StorageArray array() {
        if (array == null) {
            array = newArray(primaryArraySpec(), primaryHost());
        }
        return array;
    }

    /** A LUN of {@link #lunSizeBytes()} presented to the primary host, with a pattern written at offset 0. */
    private BlockDevice presentedLunWithData(String name) {
        array().createLun(new LunSpec(name, lunSizeBytes(), blockSize()));
        array().present(name, primaryHost());
        BlockDevice device = array().open(name, primaryHost());
        writeAcknowledged(device, 0, pattern(4 * blockSize(), 1));
        return device;
    }

    /** Rule 2.1. */
    @Test
    @DisplayName("2.1 A new LUN is READ_WRITE, presented to no host, listed and reported as specified")
    public void r2_1_newLunIsReadWriteUnpresentedAndListed() {
        LunInfo info = array().createLun(new LunSpec("DB1", lunSizeBytes(), blockSize()));
        assertEquals(new LunRef(array().name(), "DB1"), info.ref());
        assertEquals(lunSizeBytes(), info.capacityBytes());
        assertEquals(blockSize(), info.blockSize());
        assertEquals(AccessState.READ_WRITE, info.accessState());
        assertTrue(info.presentedTo().isEmpty(), "a new LUN is presented to no host");
        assertEquals(info, array().lun("DB1"));
        assertEquals(List.of(info), array().luns());
        assertTrue(context().recordedEvents(StorageEvent.Type.LUN_CREATED).stream()
                .anyMatch(e -> e.subject().equals("DB1") && e.array().equals(array().name())
                        && e.time().equals(context().now())), "LUN_CREATED event at the context's time");
    }

    /** Rule 2.2. */
    @Test
    @DisplayName("2.2 LUNs are listed sorted by name; a deleted LUN is gone")
    public void r2_2_lunsAreListedSortedByNameAndDeletedOnesAreGone() {
        for (String name : List.of("LOG2", "DB1", "LOG1", "DB2")) {
            array().createLun(new LunSpec(name, lunSizeBytes(), blockSize()));
        }
        assertEquals(List.of("DB1", "DB2", "LOG1", "LOG2"), names(array().luns()));
        array().deleteLun("DB2");
        assertEquals(List.of("DB1", "LOG1", "LOG2"), names(array().luns()));
        assertRefusedAndUnchanged(StorageErrorCode.NOT_FOUND, () -> array().lun("DB2"), "lun() of a deleted LUN",
                array());
        assertTrue(context().recordedEvents(StorageEvent.Type.LUN_DELETED).stream()
                .anyMatch(e -> e.subject().equals("DB2")), "LUN_DELETED event");
    }

    /** Rule 2.3. */
    @Test
    @DisplayName("2.3 A LUN reserves its capacity; deleting it gives it back")
    public void r2_3_lunReservesItsCapacityAndDeleteGivesItBack() {
        long free = array().freeBytes();
        assertEquals(array().capacityBytes(), free);
        array().createLun(new LunSpec("DB1", lunSizeBytes(), blockSize()));
        assertEquals(free - lunSizeBytes(), array().freeBytes());
        array().createLun(new LunSpec("DB2", 2 * lunSizeBytes(), blockSize()));
        assertEquals(free - 3 * lunSizeBytes(), array().freeBytes());
        array().deleteLun("DB1");
        assertEquals(free - 2 * lunSizeBytes(), array().freeBytes());
    }

    /** Rule 2.4. */
    @Test
    @DisplayName("2.4 A duplicate LUN name is refused with ALREADY_EXISTS and changes nothing")
    public void r2_4_duplicateLunNameIsRefusedWithAlreadyExists() {
        presentedLunWithData("DB1");
        assertRefusedAndUnchanged(StorageErrorCode.ALREADY_EXISTS,
                () -> array().createLun(new LunSpec("DB1", 2 * lunSizeBytes(), blockSize())), "createLun DB1 twice",
                array());
    }

    /** Rule 2.5. */
    @Test
    @DisplayName("2.5 Zero, negative and misaligned sizes and blank names are refused by the SPI's records")
    public void r2_5_invalidSpecsAreRefusedByTheRecords() {
        assertThrows(IllegalArgumentException.class, () -> new LunSpec("DB1", 0, 512));
        assertThrows(IllegalArgumentException.class, () -> new LunSpec("DB1", -512, 512));
        assertThrows(IllegalArgumentException.class, () -> new LunSpec("DB1", 1000, 512));
        assertThrows(IllegalArgumentException.class, () -> new LunSpec("DB1", 4096, 1000));
        assertThrows(IllegalArgumentException.class, () -> new LunSpec(" ", 4096, 512));
        assertThrows(IllegalArgumentException.class, () -> ArraySpec.of("A", "S", "1", 0));
        assertThrows(IllegalArgumentException.class, () -> new HostSpec("H", List.of()));
        // The records stop bad values before the array sees them: nothing reached the plugin.
        assertTrue(array().luns().isEmpty());
    }

    /** Rule 2.6. */
    @Test
    @DisplayName("2.6 A LUN larger than the free capacity is refused with INSUFFICIENT_CAPACITY and changes nothing")
    public void r2_6_lunLargerThanFreeCapacityIsRefusedWithInsufficientCapacity() {
        presentedLunWithData("DB1");
        long tooBig = (array().freeBytes() / blockSize() + 1) * blockSize();
        assertRefusedAndUnchanged(StorageErrorCode.INSUFFICIENT_CAPACITY,
                () -> array().createLun(new LunSpec("HUGE", tooBig, blockSize())), "createLun bigger than free",
                array());
        long exactly = array().freeBytes() / blockSize() * blockSize();
        array().createLun(new LunSpec("REST", exactly, blockSize()));
        assertTrue(array().freeBytes() < blockSize(), "all capacity may be given to LUNs");
    }

    /** Rule 2.7. */
    @Test
    @DisplayName("2.7 Unknown LUNs and hosts are refused with NOT_FOUND and change nothing")
    public void r2_7_unknownLunsAndHostsAreRefusedWithNotFound() {
        presentedLunWithData("DB1");
        StorageArray a = array();
        assertRefusedAndUnchanged(StorageErrorCode.NOT_FOUND, () -> a.lun("NOPE"), "lun(NOPE)", a);
        assertRefusedAndUnchanged(StorageErrorCode.NOT_FOUND, () -> a.deleteLun("NOPE"), "deleteLun(NOPE)", a);
        assertRefusedAndUnchanged(StorageErrorCode.NOT_FOUND, () -> a.present("NOPE", primaryHost()),
                "present(NOPE)", a);
        assertRefusedAndUnchanged(StorageErrorCode.NOT_FOUND, () -> a.present("DB1", "NO-HOST"),
                "present to an unknown host", a);
        assertRefusedAndUnchanged(StorageErrorCode.NOT_FOUND, () -> a.unpresent("DB1", "NO-HOST"),
                "unpresent from an unknown host", a);
        assertRefusedAndUnchanged(StorageErrorCode.NOT_FOUND, () -> a.setAccessState("NOPE", AccessState.READ_ONLY),
                "setAccessState(NOPE)", a);
        assertRefusedAndUnchanged(StorageErrorCode.NOT_FOUND, () -> a.open("NOPE", primaryHost()), "open(NOPE)", a);
        assertRefusedAndUnchanged(StorageErrorCode.NOT_FOUND, () -> a.open("DB1", "NO-HOST"),
                "open for an unknown host", a);
        assertRefusedAndUnchanged(StorageErrorCode.NOT_FOUND, () -> a.removeHost("NO-HOST"), "removeHost(NO-HOST)",
                a);
        assertRefusedAndUnchanged(StorageErrorCode.NOT_FOUND, () -> a.consistencyGroup("NO-GROUP"),
                "consistencyGroup(NO-GROUP)", a);
    }

    /** Rule 2.8. */
    @Test
    @DisplayName("2.8 Hosts are added, listed sorted and removed; a duplicate host is refused with ALREADY_EXISTS")
    public void r2_8_hostsAreAddedListedAndRemoved() {
        StorageArray a = array();
        HostSpec node2 = new HostSpec("NODE2", List.of(initiator("NODE2"), "iqn.1991-05.com.microsoft:node2"));
        HostSpec node0 = new HostSpec("NODE0", List.of(initiator("NODE0")));
        a.addHost(node2);
        a.addHost(node0);
        assertEquals(List.of("NODE0", "NODE2", primaryHost()).stream().sorted().toList(),
                a.hosts().stream().map(HostSpec::name).toList());
        assertTrue(a.hosts().contains(node2), "the host keeps its initiators");
        assertRefusedAndUnchanged(StorageErrorCode.ALREADY_EXISTS,
                () -> a.addHost(new HostSpec("NODE2", List.of(initiator("OTHER")))), "addHost NODE2 twice", a);
        a.removeHost("NODE2");
        assertFalse(a.hosts().stream().anyMatch(h -> h.name().equals("NODE2")));
    }

    /** Rule 2.9. */
    @Test
    @DisplayName("2.9 Presenting and hiding a LUN are idempotent and reported in presentedTo")
    public void r2_9_presentAndUnpresentAreIdempotent() {
        StorageArray a = array();
        a.addHost(new HostSpec("NODE2", List.of(initiator("NODE2"))));
        a.createLun(new LunSpec("DB1", lunSizeBytes(), blockSize()));
        a.present("DB1", primaryHost());
        a.present("DB1", primaryHost());
        a.present("DB1", "NODE2");
        assertEquals(Set.of(primaryHost(), "NODE2"), a.lun("DB1").presentedTo());
        a.unpresent("DB1", "NODE2");
        a.unpresent("DB1", "NODE2");
        assertEquals(Set.of(primaryHost()), a.lun("DB1").presentedTo());
        assertTrue(context().recordedEvents(StorageEvent.Type.MASKING_CHANGED).stream()
                .anyMatch(e -> e.subject().equals("DB1")), "MASKING_CHANGED event");
    }

    /** Rule 2.10. */
    @Test
    @DisplayName("2.10 Removing a host a LUN is presented to is refused with LUN_IN_USE and changes nothing")
    public void r2_10_removingAHostWithAPresentedLunIsRefusedWithLunInUse() {
        presentedLunWithData("DB1");
        assertRefusedAndUnchanged(StorageErrorCode.LUN_IN_USE, () -> array().removeHost(primaryHost()),
                "removeHost with DB1 presented", array());
    }

    /** Rule 2.11. */
    @Test
    @DisplayName("2.11 Deleting a presented LUN is refused with LUN_IN_USE and changes nothing")
    public void r2_11_deletingAPresentedLunIsRefusedWithLunInUse() {
        presentedLunWithData("DB1");
        assertRefusedAndUnchanged(StorageErrorCode.LUN_IN_USE, () -> array().deleteLun("DB1"),
                "deleteLun of a presented LUN", array());
        array().unpresent("DB1", primaryHost());
        array().deleteLun("DB1");
        assertTrue(array().luns().isEmpty());
    }

    /** Rule 2.12. */
    @Test
    @DisplayName("2.12 Access state changes are reported by lun() and emit ACCESS_STATE_CHANGED")
    public void r2_12_accessStateChangesAreReportedAndEmitEvents() {
        presentedLunWithData("DB1");
        for (AccessState state : List.of(AccessState.READ_ONLY, AccessState.NOT_READY, AccessState.READ_WRITE)) {
            array().setAccessState("DB1", state);
            assertEquals(state, array().lun("DB1").accessState());
        }
        List<StorageEvent> events = context().recordedEvents(StorageEvent.Type.ACCESS_STATE_CHANGED).stream()
                .filter(e -> e.subject().equals("DB1")).toList();
        assertEquals(List.of(Map.of("from", "READ_WRITE", "to", "READ_ONLY"), Map.of("from", "READ_ONLY", "to",
                "NOT_READY"), Map.of("from", "NOT_READY", "to", "READ_WRITE")),
                events.stream().map(e -> Map.of("from", e.details().get("from"), "to", e.details().get("to")))
                        .toList(), "one ACCESS_STATE_CHANGED event per change, with from and to");
    }

    /** Rule 2.13. */
    @Test
    @DisplayName("2.13 A powered-off array refuses management and I/O with UNREACHABLE; accessors still answer")
    public void r2_13_poweredOffArrayRefusesManagementAndIoWithUnreachable() {
        BlockDevice device = presentedLunWithData("DB1");
        StorageArray a = array();
        a.powerOff();
        a.powerOff();
        assertFalse(a.isPoweredOn());
        assertRefusedAndUnchanged(StorageErrorCode.UNREACHABLE,
                () -> a.createLun(new LunSpec("DB2", lunSizeBytes(), blockSize())), "createLun while off", a);
        assertRefusedAndUnchanged(StorageErrorCode.UNREACHABLE, () -> a.deleteLun("DB1"), "deleteLun while off", a);
        assertRefusedAndUnchanged(StorageErrorCode.UNREACHABLE,
                () -> a.addHost(new HostSpec("NODE2", List.of(initiator("NODE2")))), "addHost while off", a);
        assertRefusedAndUnchanged(StorageErrorCode.UNREACHABLE, () -> a.unpresent("DB1", primaryHost()),
                "unpresent while off", a);
        assertRefusedAndUnchanged(StorageErrorCode.UNREACHABLE, () -> a.setAccessState("DB1", AccessState.READ_ONLY),
                "setAccessState while off", a);
        assertRefusedAndUnchanged(StorageErrorCode.UNREACHABLE, () -> device.read(0, new byte[512], 0, 512),
                "read while off", array());
        assertRefusedAndUnchanged(StorageErrorCode.UNREACHABLE, () -> device.write(0, new byte[512], 0, 512),
                "write while off", array());
        assertEquals(1, a.luns().size(), "luns() answers while off");
        assertEquals(1, a.hosts().size(), "hosts() answers while off");
        assertTrue(context().recordedEvents(StorageEvent.Type.ARRAY_POWER_CHANGED).stream()
                .anyMatch(e -> e.array().equals(a.name())), "ARRAY_POWER_CHANGED event");
    }

    /** Rule 2.14. */
    @Test
    @DisplayName("2.14 Powering off and on (both idempotent) keeps LUNs, masking and acknowledged data")
    public void r2_14_powerCycleKeepsLunsMaskingAndData() {
        BlockDevice device = presentedLunWithData("DB1");
        List<LunInfo> before = array().luns();
        array().powerOff();
        array().powerOn();
        array().powerOn();
        assertTrue(array().isPoweredOn());
        assertEquals(before, array().luns());
        assertArrayEquals(pattern(4 * blockSize(), 1), read(device, 0, 4 * blockSize()),
                "acknowledged data survives a power cycle");
        array().createLun(new LunSpec("DB2", lunSizeBytes(), blockSize()));
    }

    private static List<String> names(List<LunInfo> luns) {
        return luns.stream().map(l -> l.ref().lun()).toList();
    }
}
