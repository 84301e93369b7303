package io.github.exha.storage.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.exha.storage.spi.ArraySpec;
import io.github.exha.storage.spi.BlockDevice;
import io.github.exha.storage.spi.ConsistencyGroup;
import io.github.exha.storage.spi.HostSpec;
import io.github.exha.storage.spi.LinkSpec;
import io.github.exha.storage.spi.LunInfo;
import io.github.exha.storage.spi.ReplicationStatus;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageErrorCode;
import io.github.exha.storage.spi.StorageException;
import io.github.exha.storage.spi.StorageProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.function.Executable;

/**
 * What every contract class shares: the vendor's {@link #provider()}, the fixtures a vendor may override (array
 * specs, link, LUN sizes, seed) and the checks the rules are written with. A vendor does not extend this class
 * directly; it extends {@link ProviderContract}, {@link ArrayContract}, {@link BlockDeviceContract} and
 * {@link ReplicationContract}.
 *
 * <p>JUnit creates one instance per test method, so the per-test world ({@link #context()}) is a plain field.
 */
public abstract class StorageContract {
    /** One mebibyte. */
    protected static final long MiB = 1L << 20;
    /** One tebibyte. */
    protected static final long TiB = 1L << 40;

    private TckStorageContext context;

    /** The plugin under test: the vendor's provider, as {@link java.util.ServiceLoader} would create it. */
    protected abstract StorageProvider provider();

    /** The seed of the context given to the plugin; a test's outcome depends on nothing else. */
    protected long seed() {
        return 20080301L;
    }

    /** The array the tests manage, write to and replicate from; capacity must hold a 2 TiB thin LUN and more. */
    protected ArraySpec primaryArraySpec() {
        return ArraySpec.of("TCK-PROD", "Production", "TCK00001", 8 * TiB);
    }

    /** The array the tests replicate to. */
    protected ArraySpec secondaryArraySpec() {
        return ArraySpec.of("TCK-DR", "Recovery", "TCK00002", 8 * TiB);
    }

    /** The link between them; latency must be positive so acknowledgement order is observable. */
    protected LinkSpec linkSpec() {
        return new LinkSpec("TCK-LINK", Duration.ofMillis(2), 20_000_000L);
    }

    /** The size of the LUNs most tests use; a few MiB keeps full copies quick. */
    protected long lunSizeBytes() {
        return 4 * MiB;
    }

    /** The size of the LUN the thin-provisioning rule creates. */
    protected long largeLunSizeBytes() {
        return 2 * TiB;
    }

    /** The block size of the LUNs the tests create. */
    protected int blockSize() {
        return 512;
    }

    /** The host the primary array's LUNs are presented to. */
    protected String primaryHost() {
        return "PROD-NODE1";
    }

    /** The host the secondary array's LUNs are presented to. */
    protected String secondaryHost() {
        return "DR-NODE1";
    }

    /** The most virtual time a test waits for a copy, an acknowledgement or a drain before it fails. */
    protected Duration settleLimit() {
        return Duration.ofHours(2);
    }

    /** The world of the current test, created on first use with {@link #seed()}. */
    protected final TckStorageContext context() {
        if (context == null) {
            context = new TckStorageContext(seed());
        }
        return context;
    }

    /** Forgets the current world, so the next {@link #context()} starts again from the seed (determinism rules). */
    protected final void resetContext() {
        context = null;
    }

    /** An array of the plugin under test in the current world, with one host registered. */
    protected final StorageArray newArray(ArraySpec spec, String host) {
        StorageArray array = provider().createArray(spec, context());
        array.addHost(new HostSpec(host, List.of(initiator(host))));
        return array;
    }

    /** A Fibre Channel WWPN-like initiator name derived from the host name, stable across runs. */
    protected static String initiator(String host) {
        return String.format("50:06:01:60:%02x:%02x:%02x:%02x", host.length() & 0xff, host.hashCode() & 0xff,
                (host.hashCode() >>> 8) & 0xff, (host.hashCode() >>> 16) & 0xff);
    }

    // ---- refusals --------------------------------------------------------------------------------------------

    /** Runs {@code operation}, which must throw a {@link StorageException} with {@code code}; returns it. */
    protected static StorageException assertRefused(StorageErrorCode code, Executable operation, String what) {
        StorageException e = assertThrows(StorageException.class, operation, what + " must be refused with " + code);
        assertEquals(code, e.code(), what + ": wrong error code (message: " + e.getMessage() + ")");
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), what + ": the error needs a message");
        return e;
    }

    /**
     * Runs {@code operation}, which must be refused with {@code code} and leave every given array exactly as it was:
     * LUNs (with masking, access state, allocation), hosts, free capacity, links, groups and the data hosts can read.
     */
    protected final StorageException assertRefusedAndUnchanged(StorageErrorCode code, Executable operation, String what,
            StorageArray... arrays) {
        List<ArrayImage> before = new ArrayList<>();
        for (StorageArray array : arrays) {
            before.add(ArrayImage.of(array));
        }
        StorageException e = assertRefused(code, operation, what);
        for (int i = 0; i < arrays.length; i++) {
            ArrayImage after = ArrayImage.of(arrays[i]);
            ArrayImage expected = before.get(i);
            assertEquals(expected.luns(), after.luns(), what + ": a failed operation changed the LUNs of "
                    + arrays[i].name());
            assertEquals(expected.hosts(), after.hosts(), what + ": a failed operation changed the hosts of "
                    + arrays[i].name());
            assertEquals(expected.freeBytes(), after.freeBytes(), what + ": a failed operation changed the free"
                    + " capacity of " + arrays[i].name());
            assertEquals(expected.links(), after.links(), what + ": a failed operation changed the links of "
                    + arrays[i].name());
            assertEquals(expected.groups(), after.groups(), what + ": a failed operation changed a consistency group"
                    + " on " + arrays[i].name());
            assertEquals(expected.data(), after.data(), what + ": a failed operation changed data on "
                    + arrays[i].name());
        }
        return e;
    }

    /**
     * What a host can observe of an array, for "a failed operation changes nothing". Data is sampled (the first
     * 64 KiB and the last block of each LUN presented to some host) rather than read in full.
     *
     * @param luns the LUNs
     * @param hosts the hosts
     * @param freeBytes the free capacity
     * @param links link names and states
     * @param groups the groups' status, without the measurement time
     * @param data per LUN, the sampled bytes or the error reading them gave
     */
    record ArrayImage(List<LunInfo> luns, List<HostSpec> hosts, long freeBytes, Map<String, String> links,
            Map<String, String> groups, Map<String, String> data) {
        static ArrayImage of(StorageArray array) {
            Map<String, String> links = new TreeMap<>();
            array.links().forEach(l -> links.put(l.spec().name(), l.state() + " " + l.arrayA() + "-" + l.arrayB()));
            Map<String, String> groups = new TreeMap<>();
            for (ConsistencyGroup group : array.consistencyGroups()) {
                ReplicationStatus s = group.status();
                groups.put(group.name(), s.state() + " " + s.mode() + " " + s.sourceArray() + "->" + s.targetArray()
                        + " " + s.pairs() + " pending=" + s.pendingWrites() + "/" + s.pendingBytes());
            }
            Map<String, String> data = new TreeMap<>();
            for (LunInfo lun : array.luns()) {
                if (!lun.presentedTo().isEmpty()) {
                    data.put(lun.ref().lun(), sample(array, lun));
                }
            }
            return new ArrayImage(array.luns(), array.hosts(), array.freeBytes(), links, groups, data);
        }

        private static String sample(StorageArray array, LunInfo lun) {
            try {
                BlockDevice device = array.open(lun.ref().lun(), lun.presentedTo().iterator().next());
                int head = (int) Math.min(64 * 1024, lun.capacityBytes());
                byte[] bytes = new byte[head + lun.blockSize()];
                device.read(0, bytes, 0, head);
                device.read(lun.capacityBytes() - lun.blockSize(), bytes, head, lun.blockSize());
                return Base64.getEncoder().encodeToString(bytes);
            } catch (StorageException e) {
                return "unreadable: " + e.code();
            }
        }
    }

    // ---- data ------------------------------------------------------------------------------------------------

    /** {@code length} bytes of a recognisable pattern that differs for each {@code salt}. */
    protected static byte[] pattern(int length, int salt) {
        byte[] bytes = new byte[length];
        long x = 0x9E3779B97F4A7C15L * (salt + 1);
        for (int i = 0; i < length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            bytes[i] = (byte) x;
        }
        return bytes;
    }

    /** Reads {@code length} bytes at {@code offset}. */
    protected static byte[] read(BlockDevice device, long offset, int length) {
        byte[] bytes = new byte[length];
        device.read(offset, bytes, 0, length);
        return bytes;
    }

    /** Writes {@code data} at {@code offset} and runs virtual time until the write is acknowledged. */
    protected final void writeAcknowledged(BlockDevice device, long offset, byte[] data) {
        CompletableFuture<Void> ack = device.write(offset, data, 0, data.length);
        awaitSuccess(ack, "write of " + data.length + " bytes at " + offset + " to " + device.lun());
    }

    /** Runs virtual time until {@code future} completes, which it must do normally within {@link #settleLimit()}. */
    protected final void awaitSuccess(CompletableFuture<?> future, String what) {
        assertTrue(context().runUntil(future::isDone, settleLimit()), what + " did not complete within "
                + settleLimit() + " of virtual time");
        try {
            future.get();
        } catch (ExecutionException e) {
            fail(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(what + " was interrupted", e);
        }
    }
}
