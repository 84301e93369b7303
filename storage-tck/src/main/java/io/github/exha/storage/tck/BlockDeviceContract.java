package io.github.exha.storage.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.BlockDevice;
import io.github.exha.storage.spi.HostSpec;
import io.github.exha.storage.spi.LunRef;
import io.github.exha.storage.spi.LunSpec;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageErrorCode;
import io.github.exha.storage.spi.StorageException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Rules 3.x: block I/O through {@link BlockDevice}: round trips, zeros, thin provisioning, alignment and range checks,
 * masking and access states checked on every I/O, buffer ownership, flush. Extend it and implement
 * {@link #provider()}.
 */
public abstract class BlockDeviceContract extends StorageContract {
    private StorageArray array;

    /** The primary array of this test, with {@link #primaryHost()} registered. */
    protected final StorageArray array() {
        if (array == null) {
            array = newArray(primaryArraySpec(), primaryHost());
        }
        return array;
    }

    /** Creates a LUN of {@link #lunSizeBytes()}, presents it to the primary host and opens it there. */
    private BlockDevice device(String lun) {
        array().createLun(new LunSpec(lun, lunSizeBytes(), blockSize()));
        array().present(lun, primaryHost());
        return array().open(lun, primaryHost());
    }

    /** Rule 3.1. */
    @Test
    @DisplayName("3.1 A written block reads back identical, from any offset, and the device describes its LUN")
    public void r3_1_writeThenReadReturnsTheSameBytes() {
        BlockDevice device = device("DB1");
        assertEquals(new LunRef(array().name(), "DB1"), device.lun());
        assertEquals(primaryHost(), device.host());
        assertEquals(blockSize(), device.blockSize());
        assertEquals(lunSizeBytes(), device.capacityBytes());
        int b = blockSize();
        byte[] data = pattern(8 * b, 7);
        long offset = lunSizeBytes() - 8L * b; // the very end of the LUN is in range
        writeAcknowledged(device, offset, data);
        writeAcknowledged(device, 3L * b, data);
        assertArrayEquals(data, read(device, offset, 8 * b));
        assertArrayEquals(data, read(device, 3L * b, 8 * b));
        assertArrayEquals(Arrays.copyOfRange(data, 2 * b, 5 * b), read(device, 5L * b, 3 * b), "a partial read");
        byte[] target = new byte[10 * b];
        device.read(3L * b, target, b, 8 * b);
        assertArrayEquals(data, Arrays.copyOfRange(target, b, 9 * b), "read into target[from..]");
        byte[] source = new byte[10 * b];
        System.arraycopy(pattern(b, 8), 0, source, 2 * b, b);
        awaitSuccess(device.write(0, source, 2 * b, b), "write from source[from..]");
        assertArrayEquals(pattern(b, 8), read(device, 0, b));
    }

    /** Rule 3.2. */
    @Test
    @DisplayName("3.2 Never-written blocks read as zeros")
    public void r3_2_neverWrittenBlocksReadAsZeros() {
        BlockDevice device = device("DB1");
        int b = blockSize();
        writeAcknowledged(device, 2L * b, pattern(b, 1));
        byte[] bytes = read(device, 0, 2 * b);
        assertArrayEquals(new byte[2 * b], bytes);
        assertArrayEquals(new byte[b], read(device, lunSizeBytes() - b, b));
    }

    /** Rule 3.3. */
    @Test
    @DisplayName("3.3 LUNs are thin: one write to a 2 TiB LUN allocates a few blocks, not the LUN")
    public void r3_3_oneWriteToAHugeLunAllocatesLittle() {
        long size = largeLunSizeBytes();
        array().createLun(new LunSpec("HUGE", size, blockSize()));
        array().present("HUGE", primaryHost());
        BlockDevice device = array().open("HUGE", primaryHost());
        writeAcknowledged(device, size / 2, pattern(blockSize(), 3));
        assertArrayEquals(pattern(blockSize(), 3), read(device, size / 2, blockSize()));
        long allocated = array().lun("HUGE").allocatedBytes();
        assertTrue(allocated >= blockSize() && allocated <= 4 * MiB, "allocatedBytes after one block written to a "
                + size + "-byte LUN: " + allocated);
    }

    /** Rule 3.4. */
    @Test
    @DisplayName("3.4 Misaligned offsets and lengths are refused with MISALIGNED_IO and write nothing")
    public void r3_4_misalignedIoIsRefusedWithMisalignedIo() {
        BlockDevice device = device("DB1");
        int b = blockSize();
        writeAcknowledged(device, 0, pattern(2 * b, 1));
        byte[] buffer = pattern(2 * b, 2);
        assertRefusedAndUnchanged(StorageErrorCode.MISALIGNED_IO, () -> device.write(1, buffer, 0, b),
                "write at offset 1", array());
        assertRefusedAndUnchanged(StorageErrorCode.MISALIGNED_IO, () -> device.write(0, buffer, 0, b + 1),
                "write of blockSize + 1 bytes", array());
        assertRefusedAndUnchanged(StorageErrorCode.MISALIGNED_IO, () -> device.read(b / 2, new byte[b], 0, b),
                "read at b/2", array());
        assertRefusedAndUnchanged(StorageErrorCode.MISALIGNED_IO, () -> device.read(0, new byte[b], 0, b - 1),
                "read of blockSize - 1 bytes", array());
    }

    /** Rule 3.5. */
    @Test
    @DisplayName("3.5 I/O past the end of the LUN is refused with OUT_OF_RANGE and writes nothing")
    public void r3_5_ioPastTheEndIsRefusedWithOutOfRange() {
        BlockDevice device = device("DB1");
        int b = blockSize();
        long end = lunSizeBytes();
        assertRefusedAndUnchanged(StorageErrorCode.OUT_OF_RANGE, () -> device.write(end, new byte[b], 0, b),
                "write at the capacity", array());
        assertRefusedAndUnchanged(StorageErrorCode.OUT_OF_RANGE,
                () -> device.write(end - b, new byte[2 * b], 0, 2 * b), "write straddling the end", array());
        assertRefusedAndUnchanged(StorageErrorCode.OUT_OF_RANGE, () -> device.read(end, new byte[b], 0, b),
                "read at capacity", array());
        assertRefusedAndUnchanged(StorageErrorCode.OUT_OF_RANGE, () -> device.read(end - b, new byte[2 * b], 0, 2 * b),
                "read straddling the end", array());
    }

    /** Rule 3.6. */
    @Test
    @DisplayName("3.6 A buffer too small for from + length is refused with INVALID_ARGUMENT and writes nothing")
    public void r3_6_badBufferBoundsAreRefusedWithInvalidArgument() {
        BlockDevice device = device("DB1");
        int b = blockSize();
        assertRefusedAndUnchanged(StorageErrorCode.INVALID_ARGUMENT, () -> device.write(0, new byte[b], 1, b),
                "write from a buffer too small", array());
        assertRefusedAndUnchanged(StorageErrorCode.INVALID_ARGUMENT, () -> device.write(0, new byte[2 * b], -1, b),
                "write from a negative index", array());
        assertRefusedAndUnchanged(StorageErrorCode.INVALID_ARGUMENT, () -> device.read(0, new byte[b], b, b),
                "read into a buffer too small", array());
        assertRefusedAndUnchanged(StorageErrorCode.INVALID_ARGUMENT, () -> device.read(0, new byte[2 * b], -b, b),
                "read into a negative index", array());
    }

    /** Rule 3.7. */
    @Test
    @DisplayName("3.7 I/O from a host the LUN is not presented to is refused with NOT_PRESENTED naming array, LUN"
            + " and host")
    public void r3_7_ioFromAHostTheLunIsNotPresentedToIsRefusedWithNotPresented() {
        array().addHost(new HostSpec("INTRUDER", List.of(initiator("INTRUDER"))));
        BlockDevice presented = device("DB1");
        writeAcknowledged(presented, 0, pattern(blockSize(), 1));
        BlockDevice device = array().open("DB1", "INTRUDER");
        StorageException e = assertRefusedAndUnchanged(StorageErrorCode.NOT_PRESENTED,
                () -> device.write(0, new byte[blockSize()], 0, blockSize()), "write from INTRUDER", array());
        assertEquals(array().name(), e.array().orElse(null), "the error names the array");
        assertEquals("DB1", e.lun().orElse(null), "the error names the LUN");
        assertEquals("INTRUDER", e.host().orElse(null), "the error names the host");
        assertRefusedAndUnchanged(StorageErrorCode.NOT_PRESENTED, () -> device.read(0, new byte[blockSize()], 0,
                blockSize()),
                "read from INTRUDER", array());
        // Masking is checked on every I/O, not when the device is opened.
        array().present("DB1", "INTRUDER");
        assertArrayEquals(pattern(blockSize(), 1), read(device, 0, blockSize()));
        array().unpresent("DB1", primaryHost());
        assertRefusedAndUnchanged(StorageErrorCode.NOT_PRESENTED, () -> presented.read(0, new byte[blockSize()], 0,
                blockSize()),
                "read after the LUN was hidden from the host", array());
    }

    /** Rule 3.8. */
    @Test
    @DisplayName("3.8 A write to a READ_ONLY LUN is refused with READ_ONLY and writes nothing; reads succeed")
    public void r3_8_writeToReadOnlyLunIsRefusedWithReadOnly() {
        BlockDevice device = device("DB1");
        writeAcknowledged(device, 0, pattern(blockSize(), 1));
        array().setAccessState("DB1", AccessState.READ_ONLY);
        StorageException e = assertRefusedAndUnchanged(StorageErrorCode.READ_ONLY,
                () -> device.write(0, pattern(blockSize(), 2), 0, blockSize()), "write to a READ_ONLY LUN", array());
        assertEquals("DB1", e.lun().orElse(null), "the error names the LUN");
        assertArrayEquals(pattern(blockSize(), 1), read(device, 0, blockSize()), "reads of a READ_ONLY LUN succeed");
        array().setAccessState("DB1", AccessState.READ_WRITE);
        writeAcknowledged(device, 0, pattern(blockSize(), 2));
    }

    /** Rule 3.9. */
    @Test
    @DisplayName("3.9 Any I/O to a NOT_READY LUN is refused with NOT_READY")
    public void r3_9_ioToNotReadyLunIsRefusedWithNotReady() {
        BlockDevice device = device("DB1");
        writeAcknowledged(device, 0, pattern(blockSize(), 1));
        array().setAccessState("DB1", AccessState.NOT_READY);
        assertRefusedAndUnchanged(StorageErrorCode.NOT_READY,
                () -> device.write(0, pattern(blockSize(), 2), 0, blockSize()), "write to a NOT_READY LUN", array());
        assertRefusedAndUnchanged(StorageErrorCode.NOT_READY, () -> device.read(0, new byte[blockSize()], 0,
                blockSize()),
                "read of a NOT_READY LUN", array());
        array().setAccessState("DB1", AccessState.READ_WRITE);
        assertArrayEquals(pattern(blockSize(), 1), read(device, 0, blockSize()));
    }

    /** Rule 3.10. */
    @Test
    @DisplayName("3.10 The caller may reuse its buffer as soon as write returns")
    public void r3_10_callerMayReuseItsBufferAfterWriteReturns() {
        BlockDevice device = device("DB1");
        int b = blockSize();
        byte[] buffer = pattern(4 * b, 1);
        CompletableFuture<Void> ack = device.write(0, buffer, 0, buffer.length);
        Arrays.fill(buffer, (byte) 0x5A);
        awaitSuccess(ack, "write");
        context().runUntilIdle();
        assertArrayEquals(pattern(4 * b, 1), read(device, 0, 4 * b), "the array kept a reference to the buffer");
    }

    /** Rule 3.11. */
    @Test
    @DisplayName("3.11 An unreplicated write is acknowledged at once and is visible to every host at once")
    public void r3_11_unreplicatedWriteIsAcknowledgedAndVisibleAtOnce() {
        array().addHost(new HostSpec("NODE2", List.of(initiator("NODE2"))));
        BlockDevice device = device("DB1");
        array().present("DB1", "NODE2");
        BlockDevice other = array().open("DB1", "NODE2");
        CompletableFuture<Void> ack = device.write(0, pattern(blockSize(), 4), 0, blockSize());
        assertArrayEquals(pattern(blockSize(), 4), read(other, 0, blockSize()), "a write is visible at once");
        context().runFor(Duration.ZERO);
        assertTrue(ack.isDone() && !ack.isCompletedExceptionally(), "an unreplicated write is acknowledged without"
                + " virtual time passing");
    }

    /** Rule 3.12. */
    @Test
    @DisplayName("3.12 flush completes once earlier acknowledged writes are durable")
    public void r3_12_flushCompletes() {
        BlockDevice device = device("DB1");
        for (int i = 0; i < 8; i++) {
            writeAcknowledged(device, (long) i * blockSize(), pattern(blockSize(), i));
        }
        awaitSuccess(device.flush(), "flush");
        array().powerOff();
        array().powerOn();
        for (int i = 0; i < 8; i++) {
            assertArrayEquals(pattern(blockSize(), i), read(device, (long) i * blockSize(), blockSize()));
        }
    }

    /** Rule 3.13. */
    @Test
    @DisplayName("3.13 I/O to a deleted LUN is refused with NOT_FOUND; to a powered-off array with UNREACHABLE")
    public void r3_13_ioToADeletedLunOrAPoweredOffArrayIsRefused() {
        BlockDevice device = device("DB1");
        BlockDevice second = device("DB2");
        array().unpresent("DB1", primaryHost());
        array().deleteLun("DB1");
        assertRefusedAndUnchanged(StorageErrorCode.NOT_FOUND, () -> device.read(0, new byte[blockSize()], 0,
                blockSize()),
                "read of a deleted LUN", array());
        assertRefusedAndUnchanged(StorageErrorCode.NOT_FOUND, () -> device.write(0, new byte[blockSize()], 0,
                blockSize()),
                "write to a deleted LUN", array());
        assertRefusedAndUnchanged(StorageErrorCode.NOT_FOUND, device::flush, "flush of a deleted LUN", array());
        array().powerOff();
        assertRefusedAndUnchanged(StorageErrorCode.UNREACHABLE, () -> second.write(0, new byte[blockSize()], 0,
                blockSize()),
                "write to a powered-off array", array());
        assertRefusedAndUnchanged(StorageErrorCode.UNREACHABLE, second::flush, "flush on a powered-off array", array());
    }
}
