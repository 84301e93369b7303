package io.github.exha.storage.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.ArraySpec;
import io.github.exha.storage.spi.BlockDevice;
import io.github.exha.storage.spi.Capability;
import io.github.exha.storage.spi.ConsistencyGroup;
import io.github.exha.storage.spi.GroupSpec;
import io.github.exha.storage.spi.LinkSpec;
import io.github.exha.storage.spi.LinkState;
import io.github.exha.storage.spi.LunRef;
import io.github.exha.storage.spi.LunSpec;
import io.github.exha.storage.spi.ReplicationLink;
import io.github.exha.storage.spi.ReplicationMode;
import io.github.exha.storage.spi.ReplicationPair;
import io.github.exha.storage.spi.ReplicationState;
import io.github.exha.storage.spi.ReplicationStatus;
import io.github.exha.storage.spi.ResyncDirection;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageErrorCode;
import io.github.exha.storage.spi.StorageEvent;
import io.github.exha.storage.spi.StorageException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Rules 4.x: replication between two arrays of the plugin in consistency groups: links, pairs, the group state
 * machine, SYNC acknowledgement, ASYNC write order, lag and RPO, suspend / resume / split / failover / failback /
 * reverse / resync, faults, events and determinism. Rules that need a {@link Capability} the plugin does not claim
 * are skipped. Extend it and implement {@link #provider()}.
 */
public abstract class ReplicationContract extends StorageContract {
    /** The name of the consistency group the tests create. */
    protected static final String GROUP = "TCK-CG1";

    private StorageArray primary;
    private StorageArray secondary;
    private ReplicationLink link;
    private ConsistencyGroup group;
    private final List<BlockDevice> sources = new ArrayList<>();
    private final List<BlockDevice> targets = new ArrayList<>();

    // ---- the world ---------------------------------------------------------------------------------------------

    /**
     * Builds two arrays joined by {@link #linkSpec()}, {@code pairs} LUN pairs DB1..DBn presented to
     * {@link #primaryHost()} and {@link #secondaryHost()}, and a DISABLED group holding them.
     */
    private void world(ReplicationMode mode, int pairs) {
        sources.clear();
        targets.clear();
        primary = newArray(primaryArraySpec(), primaryHost());
        secondary = newArray(secondaryArraySpec(), secondaryHost());
        link = primary.connect(secondary, linkSpec());
        group = primary.createConsistencyGroup(new GroupSpec(GROUP, mode, secondary.name(), linkSpec().name()));
        for (int i = 1; i <= pairs; i++) {
            String lun = "DB" + i;
            primary.createLun(new LunSpec(lun, lunSizeBytes(), blockSize()));
            secondary.createLun(new LunSpec(lun, lunSizeBytes(), blockSize()));
            primary.present(lun, primaryHost());
            secondary.present(lun, secondaryHost());
            group.addPair(lun, lun);
            sources.add(primary.open(lun, primaryHost()));
            targets.add(secondary.open(lun, secondaryHost()));
        }
    }

    /** SYNC if the plugin claims it, else ASYNC; skips the rule if the plugin replicates in no mode. */
    private ReplicationMode anyMode() {
        if (has(Capability.SYNC_REPLICATION)) {
            return ReplicationMode.SYNC;
        }
        requires(Capability.ASYNC_REPLICATION);
        return ReplicationMode.ASYNC;
    }

    private List<ReplicationMode> claimedModes() {
        List<ReplicationMode> modes = new ArrayList<>();
        if (has(Capability.SYNC_REPLICATION)) {
            modes.add(ReplicationMode.SYNC);
        }
        if (has(Capability.ASYNC_REPLICATION)) {
            modes.add(ReplicationMode.ASYNC);
        }
        assumeTrue(!modes.isEmpty(), "the plugin claims neither SYNC_REPLICATION nor ASYNC_REPLICATION");
        return modes;
    }

    private boolean has(Capability capability) {
        return provider().capabilities().contains(capability);
    }

    /** Skips the rule unless the plugin claims {@code capability}. */
    private void requires(Capability capability) {
        assumeTrue(has(capability), "the plugin does not claim " + capability);
    }

    private ReplicationStatus status() {
        return group.status();
    }

    private void awaitState(ReplicationState state) {
        boolean reached = context().runUntil(() -> group.status().state() == state, settleLimit());
        assertTrue(reached, "group did not reach " + state + " within " + settleLimit() + "; it is "
                + group.status().state());
    }

    /** Runs until the group is IN_SYNC with nothing pending: the target then equals the source. */
    private void awaitDrained() {
        boolean drained = context().runUntil(() -> {
            ReplicationStatus s = group.status();
            return s.state() == ReplicationState.IN_SYNC && s.pendingWrites() == 0;
        }, settleLimit());
        assertTrue(drained, "group did not become IN_SYNC with no pending writes within " + settleLimit() + ": "
                + group.status());
        assertEquals(0, status().pendingBytes(), "IN_SYNC and drained, yet pendingBytes > 0");
        assertEquals(Duration.ZERO, status().recoveryPointObjective(), "drained, yet the RPO is not zero");
    }

    private void enableAndAwaitInSync() {
        group.enable();
        awaitDrained();
    }

    private AccessState access(LunRef ref) {
        StorageArray array = ref.array().equals(primary.name()) ? primary : secondary;
        return array.lun(ref.lun()).accessState();
    }

    /** Every block a test writes lies in this head of the LUN, so comparing it compares what tests touch. */
    private int head() {
        return 16 * blockSize();
    }

    private void assertSameData(BlockDevice expected, BlockDevice actual, String what) {
        assertArrayEquals(read(expected, 0, head()), read(actual, 0, head()), what);
    }

    private byte[] block(int salt) {
        return pattern(blockSize(), salt);
    }

    private long at(int block) {
        return (long) block * blockSize();
    }

    /** Both arrays, for "a failed operation changes nothing". */
    private StorageArray[] both() {
        return new StorageArray[] {primary, secondary};
    }

    // ---- 4.1 to 4.5: links, groups, pairs -----------------------------------------------------------------------

    /** Rule 4.1. */
    @Test
    @DisplayName("4.1 connect links both arrays; a duplicate link or a link to itself is refused")
    public void r4_1_connectLinksBothArrays() {
        ReplicationMode mode = anyMode();
        world(mode, 1);
        assertEquals(1, primary.links().size());
        assertEquals(1, secondary.links().size(), "both arrays list the link");
        assertEquals(linkSpec(), link.spec());
        assertEquals(LinkState.UP, link.state());
        assertEquals(Set.of(primary.name(), secondary.name()), Set.of(link.arrayA(),
                link.arrayB()));
        assertRefusedAndUnchanged(StorageErrorCode.ALREADY_EXISTS, () -> secondary.connect(primary, linkSpec()),
                "a second link of the same name", both());
        LinkSpec loop = new LinkSpec("TCK-LOOP", Duration.ofMillis(1), 1_000_000L);
        assertRefusedAndUnchanged(StorageErrorCode.INVALID_ARGUMENT, () -> primary.connect(primary, loop),
                "a link from an array to itself", both());
    }

    /** Rule 4.2. */
    @Test
    @DisplayName("4.2 A new group is DISABLED and empty on both arrays; unclaimed modes, duplicates and unknown links"
            + " are refused")
    public void r4_2_newGroupIsDisabledAndEmpty() {
        ReplicationMode mode = anyMode();
        primary = newArray(primaryArraySpec(), primaryHost());
        secondary = newArray(secondaryArraySpec(), secondaryHost());
        link = primary.connect(secondary, linkSpec());
        group = primary.createConsistencyGroup(new GroupSpec(GROUP, mode, secondary.name(), linkSpec().name()));
        ReplicationStatus s = status();
        assertEquals(GROUP, group.name());
        assertEquals(mode, group.mode());
        assertEquals(ReplicationState.DISABLED, s.state());
        assertEquals(mode, s.mode());
        assertEquals(primary.name(), s.sourceArray());
        assertEquals(secondary.name(), s.targetArray());
        assertTrue(s.pairs().isEmpty());
        assertEquals(0, s.pendingWrites());
        assertEquals(LinkState.UP, s.linkState());
        assertEquals(context().now(), s.asOf(), "status is measured at the context's time");
        assertEquals(GROUP, secondary.consistencyGroup(GROUP).name(), "the target array knows the group");
        assertEquals(List.of(GROUP), primary.consistencyGroups().stream().map(ConsistencyGroup::name).toList());
        for (ReplicationMode other : ReplicationMode.values()) {
            Capability needed = other == ReplicationMode.SYNC ? Capability.SYNC_REPLICATION
                    : Capability.ASYNC_REPLICATION;
            if (!has(needed)) {
                assertRefusedAndUnchanged(StorageErrorCode.UNSUPPORTED_CAPABILITY, () -> primary.createConsistencyGroup(
                        new GroupSpec("TCK-CG9", other, secondary.name(), linkSpec().name())), "a group in " + other,
                        both());
            }
        }
        assertRefusedAndUnchanged(StorageErrorCode.ALREADY_EXISTS, () -> primary.createConsistencyGroup(
                new GroupSpec(GROUP, mode, secondary.name(), linkSpec().name())), "a duplicate group", both());
        assertRefusedAndUnchanged(StorageErrorCode.NOT_FOUND, () -> primary.createConsistencyGroup(
                new GroupSpec("TCK-CG2", mode, secondary.name(), "NO-LINK")), "a group over an unknown link", both());
        StorageArray third = newArray(ArraySpec.of("TCK-THIRD", secondary.site(), "TCK00003",
                secondary.capacityBytes()), secondaryHost());
        assertRefusedAndUnchanged(StorageErrorCode.NOT_FOUND, () -> primary.createConsistencyGroup(
                new GroupSpec("TCK-CG2", mode, third.name(), linkSpec().name())),
                "a group over a link that does not reach its target array", primary, secondary, third);
    }

    /** Rule 4.3. */
    @Test
    @DisplayName("4.3 addPair refuses a paired LUN (ALREADY_PAIRED), another size (CAPACITY_MISMATCH) and unknown LUNs")
    public void r4_3_addPairChecksItsLuns() {
        ReplicationMode mode = anyMode();
        world(mode, 1);
        assertEquals(List.of(new ReplicationPair(new LunRef(primary.name(), "DB1"), new LunRef(secondary.name(),
                "DB1"))), status().pairs());
        primary.createLun(new LunSpec("DB2", lunSizeBytes(), blockSize()));
        secondary.createLun(new LunSpec("DB2", lunSizeBytes(), blockSize()));
        secondary.createLun(new LunSpec("SMALL", lunSizeBytes() / 2, blockSize()));
        // A second, empty group: its first pair needs no CONSISTENCY_GROUPS, so only the LUN checks can refuse it.
        ConsistencyGroup other = primary.createConsistencyGroup(new GroupSpec("TCK-CG2", mode, secondary.name(),
                linkSpec().name()));
        assertRefusedAndUnchanged(StorageErrorCode.ALREADY_PAIRED, () -> other.addPair("DB1", "DB2"),
                "a source LUN paired twice", both());
        assertRefusedAndUnchanged(StorageErrorCode.ALREADY_PAIRED, () -> other.addPair("DB2", "DB1"),
                "a target LUN paired twice", both());
        assertRefusedAndUnchanged(StorageErrorCode.CAPACITY_MISMATCH, () -> other.addPair("DB2", "SMALL"),
                "a pair of different sizes", both());
        assertRefusedAndUnchanged(StorageErrorCode.NOT_FOUND, () -> other.addPair("NOPE", "DB2"),
                "an unknown source LUN", both());
        assertRefusedAndUnchanged(StorageErrorCode.NOT_FOUND, () -> other.addPair("DB2", "NOPE"),
                "an unknown target LUN", both());
        other.addPair("DB2", "DB2");
        assertEquals(1, other.status().pairs().size());
    }

    /** Rule 4.4. */
    @Test
    @DisplayName("4.4 A second pair needs CONSISTENCY_GROUPS, else UNSUPPORTED_CAPABILITY")
    public void r4_4_secondPairNeedsConsistencyGroups() {
        world(anyMode(), 1);
        primary.createLun(new LunSpec("DB2", lunSizeBytes(), blockSize()));
        secondary.createLun(new LunSpec("DB2", lunSizeBytes(), blockSize()));
        if (has(Capability.CONSISTENCY_GROUPS)) {
            group.addPair("DB2", "DB2");
            assertEquals(2, status().pairs().size());
            assertEquals("DB2", status().pairs().get(1).source().lun(), "pairs are listed in the order added");
        } else {
            assertRefusedAndUnchanged(StorageErrorCode.UNSUPPORTED_CAPABILITY, () -> group.addPair("DB2", "DB2"),
                    "a second pair", both());
        }
    }

    /** Rule 4.5. */
    @Test
    @DisplayName("4.5 enable needs pairs; addPair and enable outside DISABLED are refused with INVALID_STATE")
    public void r4_5_enableNeedsPairsAndAddPairNeedsDisabled() {
        ReplicationMode mode = anyMode();
        primary = newArray(primaryArraySpec(), primaryHost());
        secondary = newArray(secondaryArraySpec(), secondaryHost());
        primary.connect(secondary, linkSpec());
        ConsistencyGroup empty = primary.createConsistencyGroup(new GroupSpec("TCK-EMPTY", mode, secondary.name(),
                linkSpec().name()));
        assertRefusedAndUnchanged(StorageErrorCode.INVALID_STATE, empty::enable, "enable with no pairs", both());
        resetContext();
        world(mode, 1);
        enableAndAwaitInSync();
        primary.createLun(new LunSpec("DB2", lunSizeBytes(), blockSize()));
        secondary.createLun(new LunSpec("DB2", lunSizeBytes(), blockSize()));
        assertRefusedAndUnchanged(StorageErrorCode.INVALID_STATE, () -> group.addPair("DB2", "DB2"),
                "addPair while IN_SYNC", both());
        assertRefusedAndUnchanged(StorageErrorCode.INVALID_STATE, group::enable, "enable while IN_SYNC", both());
    }

    // ---- 4.6 to 4.9: the copy, SYNC and ASYNC -------------------------------------------------------------------

    /** Rule 4.6. */
    @Test
    @DisplayName("4.6 enable makes targets READ_ONLY, copies (SYNCHRONIZING) and reaches IN_SYNC with identical data")
    public void r4_6_enableCopiesAndReachesInSyncWithIdenticalData() {
        for (ReplicationMode mode : claimedModes()) {
            resetContext();
            world(mode, 1);
            writeAcknowledged(sources.get(0), 0, pattern(head(), 1));
            group.enable();
            assertEquals(ReplicationState.SYNCHRONIZING, status().state(), mode + ": enable starts a copy");
            assertEquals(AccessState.READ_ONLY, secondary.lun("DB1").accessState(), mode + ": targets are READ_ONLY");
            assertEquals(AccessState.READ_WRITE, primary.lun("DB1").accessState(), mode + ": sources stay READ_WRITE");
            awaitDrained();
            assertEquals(1.0, status().resyncProgress(), 0.0);
            assertSameData(sources.get(0), targets.get(0), mode + ": target equals source once IN_SYNC");
            assertRefusedAndUnchanged(StorageErrorCode.READ_ONLY, () -> targets.get(0).write(0, block(2), 0,
                    blockSize()),
                    mode + ": a write to a replication target", both());
        }
    }

    /** Rule 4.7. */
    @Test
    @DisplayName("4.7 SYNC: a write is acknowledged only once the target array has it")
    public void r4_7_syncWriteIsAcknowledgedOnlyAfterTheTargetHasIt() {
        requires(Capability.SYNC_REPLICATION);
        world(ReplicationMode.SYNC, 1);
        enableAndAwaitInSync();
        for (int i = 0; i < 5; i++) {
            byte[] data = block(10 + i);
            long offset = at(i);
            AtomicReference<byte[]> targetAtAck = new AtomicReference<>();
            CompletableFuture<Void> ack = sources.get(0).write(offset, data, 0, data.length);
            assertFalse(ack.isDone(), "a SYNC write was acknowledged before any virtual time passed (link latency "
                    + linkSpec().latency() + ")");
            // Read the target at the very moment of acknowledgement, from the completion callback.
            ack.whenComplete((ok, error) -> targetAtAck.set(read(targets.get(0), offset, blockSize())));
            awaitSuccess(ack, "SYNC write " + i);
            assertArrayEquals(data, targetAtAck.get(), "when SYNC write " + i + " was acknowledged, the target did"
                    + " not have it");
        }
    }

    /** Rule 4.8. */
    @Test
    @DisplayName("4.8 ASYNC: a write is acknowledged at once, shipped later, and the RPO is its age until it lands")
    public void r4_8_asyncWriteIsAcknowledgedLocallyAndShippedLater() {
        requires(Capability.ASYNC_REPLICATION);
        world(ReplicationMode.ASYNC, 1);
        enableAndAwaitInSync();
        Instant written = context().now();
        byte[] buffer = block(3);
        CompletableFuture<Void> ack = sources.get(0).write(0, buffer, 0, blockSize());
        Arrays.fill(buffer, (byte) 0x5A); // the caller owns its buffer again: what is shipped must not change
        context().runFor(Duration.ZERO);
        assertTrue(ack.isDone() && !ack.isCompletedExceptionally(), "an ASYNC write is acknowledged at once");
        assertArrayEquals(new byte[blockSize()], read(targets.get(0), 0, blockSize()),
                "the target had an ASYNC write before the link latency passed");
        ReplicationStatus s = status();
        assertEquals(1, s.pendingWrites());
        assertEquals(blockSize(), s.pendingBytes());
        assertEquals(written, s.oldestPendingWrite().orElse(null), "oldestPendingWrite is the acknowledgement time");
        Duration step = linkSpec().latency().dividedBy(2);
        context().runFor(step);
        assertEquals(step, status().recoveryPointObjective(), "the RPO is the age of the oldest pending write");
        awaitDrained();
        assertArrayEquals(block(3), read(targets.get(0), 0, blockSize()), "the target got what was written, not what"
                + " the caller later put in its buffer");
    }

    /** Rule 4.9. */
    @Test
    @DisplayName("4.9 ASYNC: the target always holds a prefix of the acknowledged write order across all pairs of a"
            + " group")
    public void r4_9_asyncTargetAlwaysHoldsAPrefixOfTheWriteOrderAcrossTheGroup() {
        requires(Capability.ASYNC_REPLICATION);
        requires(Capability.CONSISTENCY_GROUPS);
        world(ReplicationMode.ASYNC, 2);
        enableAndAwaitInSync();
        int blocksPerLun = 8;
        int cells = sources.size() * blocksPerLun;
        int writes = 400;
        long[][] afterPrefix = new long[writes + 1][cells];
        RandomGenerator random = context().testStream("4.9 sampling");
        // Mean gap below the link's latency keeps many writes in flight, so samples catch the target mid-stream.
        long gapNanos = Math.max(1, linkSpec().latency().toNanos() / 20);
        int lastPrefix = 0;
        int samples = 0;
        for (int i = 1; i <= writes; i++) {
            int cell = random.nextInt(cells);
            afterPrefix[i] = afterPrefix[i - 1].clone();
            afterPrefix[i][cell] = i;
            CompletableFuture<Void> ack = sources.get(cell / blocksPerLun).write(at(cell % blocksPerLun),
                    stamp(i), 0, blockSize());
            assertFalse(ack.isCompletedExceptionally(), "ASYNC write " + i + " failed");
            context().runFor(Duration.ofNanos(random.nextLong(2 * gapNanos)));
            if (random.nextInt(3) == 0) {
                lastPrefix = assertPrefix(readCells(targets, blocksPerLun), afterPrefix, lastPrefix, i);
                samples++;
            }
        }
        awaitDrained();
        assertTrue(samples > writes / 5, "too few samples: " + samples);
        assertArrayEquals(afterPrefix[writes], readCells(sources, blocksPerLun), "the source lost or reordered writes");
        assertArrayEquals(afterPrefix[writes], readCells(targets, blocksPerLun), "the drained target differs");
    }

    /** A block filled with {@code value} as big-endian longs: torn or mixed blocks are detectable. */
    private byte[] stamp(long value) {
        ByteBuffer buffer = ByteBuffer.allocate(blockSize());
        while (buffer.hasRemaining()) {
            buffer.putLong(value);
        }
        return buffer.array();
    }

    private long[] readCells(List<BlockDevice> devices, int blocksPerLun) {
        long[] cells = new long[devices.size() * blocksPerLun];
        for (int d = 0; d < devices.size(); d++) {
            ByteBuffer bytes = ByteBuffer.wrap(read(devices.get(d), 0, blocksPerLun * blockSize()));
            for (int b = 0; b < blocksPerLun; b++) {
                long value = bytes.getLong(b * blockSize());
                for (int o = 0; o < blockSize(); o += Long.BYTES) {
                    assertEquals(value, bytes.getLong(b * blockSize() + o), "torn block " + b + " on "
                            + devices.get(d).lun());
                }
                cells[d * blocksPerLun + b] = value;
            }
        }
        return cells;
    }

    /** Returns the prefix length the sample equals; it may only grow over time. */
    private static int assertPrefix(long[] sample, long[][] afterPrefix, int from, int issued) {
        for (int k = from; k <= issued; k++) {
            if (Arrays.equals(sample, afterPrefix[k])) {
                return k;
            }
        }
        fail("after " + issued + " acknowledged writes the target holds " + Arrays.toString(sample)
                + ", which is not the image after any prefix of the write order (at least " + from + " writes)");
        return from;
    }

    // ---- 4.10 to 4.14: lag, link and array faults ---------------------------------------------------------------

    /** Rule 4.10. */
    @Test
    @DisplayName("4.10 While the link is down pending writes, bytes and the RPO grow; after resume they drain")
    public void r4_10_lagGrowsWhileTheLinkIsDownAndDrainsAfter() {
        world(anyMode(), 1);
        enableAndAwaitInSync();
        link.disconnect();
        awaitState(ReplicationState.DISCONNECTED);
        Instant first = context().now();
        writeAcknowledged(sources.get(0), at(0), block(1));
        writeAcknowledged(sources.get(0), at(1), block(2));
        ReplicationStatus s = status();
        assertTrue(s.pendingWrites() > 0, "pendingWrites while disconnected: " + s);
        assertTrue(s.pendingBytes() >= 2L * blockSize(), "pendingBytes while disconnected: " + s);
        assertEquals(first, s.oldestPendingWrite().orElse(null), "oldestPendingWrite");
        context().runFor(Duration.ofSeconds(10));
        assertTrue(status().recoveryPointObjective().compareTo(Duration.ofSeconds(10)) >= 0, "the RPO grows with time");
        writeAcknowledged(sources.get(0), at(2), block(3));
        assertTrue(status().pendingBytes() >= 3L * blockSize(), "pendingBytes grows with writes");
        link.reconnect();
        context().runFor(Duration.ofSeconds(1));
        assertEquals(ReplicationState.DISCONNECTED, status().state(), "a group stays DISCONNECTED until resumed");
        group.resume();
        awaitDrained();
        assertSameData(sources.get(0), targets.get(0), "target after the drain");
    }

    /** Rule 4.11. */
    @Test
    @DisplayName("4.11 Disconnecting the link makes the group DISCONNECTED and the link DOWN, with events")
    public void r4_11_linkDisconnectMakesTheGroupDisconnected() {
        world(anyMode(), 1);
        enableAndAwaitInSync();
        link.disconnect();
        link.disconnect();
        assertEquals(LinkState.DOWN, link.state());
        awaitState(ReplicationState.DISCONNECTED);
        assertEquals(LinkState.DOWN, status().linkState());
        assertTrue(context().recordedEvents(StorageEvent.Type.LINK_STATE_CHANGED).stream()
                .anyMatch(e -> e.subject().equals(linkSpec().name()) && "DOWN".equals(e.details().get("to"))),
                "LINK_STATE_CHANGED to DOWN");
        link.reconnect();
        assertEquals(LinkState.UP, link.state());
        assertEquals(ReplicationState.DISCONNECTED, status().state(), "a group stays DISCONNECTED until resumed");
        group.resume();
        awaitDrained();
    }

    /** Rule 4.12. */
    @Test
    @DisplayName("4.12 SYNC: a write in flight when the link is cut, and every write after, is acknowledged locally")
    public void r4_12_syncWritesAreAcknowledgedLocallyOnceDisconnected() {
        requires(Capability.SYNC_REPLICATION);
        world(ReplicationMode.SYNC, 1);
        enableAndAwaitInSync();
        CompletableFuture<Void> inFlight = sources.get(0).write(0, block(1), 0, blockSize());
        assertFalse(inFlight.isDone());
        link.disconnect();
        awaitSuccess(inFlight, "a SYNC write in flight when the link was cut");
        awaitState(ReplicationState.DISCONNECTED);
        CompletableFuture<Void> later = sources.get(0).write(at(1), block(2), 0, blockSize());
        context().runFor(Duration.ZERO);
        assertTrue(later.isDone() && !later.isCompletedExceptionally(), "a SYNC write to a DISCONNECTED group is"
                + " acknowledged locally, at once");
        assertArrayEquals(block(2), read(sources.get(0), at(1), blockSize()));
    }

    /** Rule 4.13. */
    @Test
    @DisplayName("4.13 Powering off the target array makes the group DISCONNECTED; writes go on; resume catches up")
    public void r4_13_targetArrayPowerOffDisconnectsTheGroup() {
        world(anyMode(), 1);
        enableAndAwaitInSync();
        secondary.powerOff();
        awaitState(ReplicationState.DISCONNECTED);
        CompletableFuture<Void> ack = sources.get(0).write(0, block(1), 0, blockSize());
        context().runFor(Duration.ZERO);
        assertTrue(ack.isDone() && !ack.isCompletedExceptionally(), "with the target array off, a write is"
                + " acknowledged locally, at once");
        secondary.powerOn();
        context().runFor(Duration.ofSeconds(1));
        assertEquals(ReplicationState.DISCONNECTED, status().state(), "a group stays DISCONNECTED until resumed");
        group.resume();
        awaitDrained();
        assertSameData(sources.get(0), targets.get(0), "target after resume");
    }

    /** Rule 4.14. */
    @Test
    @DisplayName("4.14 SYNC: a write not yet acknowledged when its array loses power fails with UNREACHABLE")
    public void r4_14_unacknowledgedWriteFailsWhenTheSourceLosesPower() {
        requires(Capability.SYNC_REPLICATION);
        world(ReplicationMode.SYNC, 1);
        enableAndAwaitInSync();
        CompletableFuture<Void> ack = sources.get(0).write(0, block(1), 0, blockSize());
        assertFalse(ack.isDone());
        primary.powerOff();
        assertTrue(context().runUntil(ack::isDone, settleLimit()), "the write never completed");
        assertTrue(ack.isCompletedExceptionally(), "an unacknowledged write must fail when its array loses power");
        Throwable cause = ack.handle((ok, error) -> error).join();
        cause = cause instanceof java.util.concurrent.CompletionException ? cause.getCause() : cause;
        StorageException e = assertInstanceOf(StorageException.class, cause);
        assertEquals(StorageErrorCode.UNREACHABLE, e.code());
    }

    // ---- 4.15 to 4.23: operations -------------------------------------------------------------------------------

    /** Rule 4.15. */
    @Test
    @DisplayName("4.15 suspend (idempotent) pauses and tracks writes; resume copies them; resuming a replicating group"
            + " is no error")
    public void r4_15_suspendTracksWritesAndResumeCopiesThem() {
        world(anyMode(), 1);
        enableAndAwaitInSync();
        group.suspend();
        assertEquals(ReplicationState.SUSPENDED, status().state());
        int transitions = context().recordedEvents(StorageEvent.Type.REPLICATION_STATE_CHANGED).size();
        group.suspend();
        assertEquals(ReplicationState.SUSPENDED, status().state());
        assertEquals(transitions, context().recordedEvents(StorageEvent.Type.REPLICATION_STATE_CHANGED).size(),
                "suspending a SUSPENDED group is no transition");
        writeAcknowledged(sources.get(0), at(4), block(4));
        context().runFor(Duration.ofSeconds(1));
        assertArrayEquals(new byte[blockSize()], read(targets.get(0), at(4), blockSize()),
                "a write made while SUSPENDED reached the target");
        assertTrue(status().pendingBytes() >= blockSize(), "tracked bytes while SUSPENDED: " + status());
        group.resume();
        awaitDrained();
        assertArrayEquals(block(4), read(targets.get(0), at(4), blockSize()));
        group.resume();
        assertEquals(ReplicationState.IN_SYNC, status().state());
    }

    /** Rule 4.16. */
    @Test
    @DisplayName("4.16 INCREMENTAL_RESUME: resume copies only the blocks changed while suspended")
    public void r4_16_resumeCopiesOnlyChangedBlocks() {
        requires(Capability.INCREMENTAL_RESUME);
        world(anyMode(), 1);
        int chunk = 64 * 1024;
        for (long offset = 0; offset < lunSizeBytes(); offset += chunk) {
            writeAcknowledged(sources.get(0), offset, pattern((int) Math.min(chunk, lunSizeBytes() - offset),
                    (int) (offset / chunk)));
        }
        Instant start = context().now();
        enableAndAwaitInSync();
        Duration full = Duration.between(start, context().now());
        group.suspend();
        writeAcknowledged(sources.get(0), at(1), block(99));
        writeAcknowledged(sources.get(0), lunSizeBytes() - blockSize(), block(98));
        start = context().now();
        group.resume();
        awaitDrained();
        Duration incremental = Duration.between(start, context().now());
        assertTrue(incremental.multipliedBy(4).compareTo(full) < 0, "resuming after two block writes took "
                + incremental + ", a full copy took " + full + ": the resume was not incremental");
        assertArrayEquals(read(sources.get(0), 0, (int) Math.min(lunSizeBytes(), 1 << 22)),
                read(targets.get(0), 0, (int) Math.min(lunSizeBytes(), 1 << 22)), "target after the resume");
    }

    /** Rule 4.17. */
    @Test
    @DisplayName("4.17 SPLIT: the target becomes READ_WRITE with its image at the split; later writes stay apart")
    public void r4_17_splitMakesTheTargetWritableWithItsImageAtTheSplit() {
        requires(Capability.SPLIT);
        world(anyMode(), 1);
        writeAcknowledged(sources.get(0), at(0), block(1));
        enableAndAwaitInSync();
        writeAcknowledged(sources.get(0), at(1), block(2));
        awaitDrained();
        group.split();
        assertEquals(ReplicationState.SPLIT, status().state());
        assertEquals(AccessState.READ_WRITE, secondary.lun("DB1").accessState(), "a split target is READ_WRITE");
        assertSameData(sources.get(0), targets.get(0), "the target's image at the split");
        writeAcknowledged(sources.get(0), at(2), block(3));
        writeAcknowledged(targets.get(0), at(3), block(4));
        context().runFor(Duration.ofSeconds(1));
        assertArrayEquals(new byte[blockSize()], read(targets.get(0), at(2), blockSize()), "split, yet replicated");
        assertArrayEquals(new byte[blockSize()], read(sources.get(0), at(3), blockSize()), "target write leaked");
        group.split();
        assertEquals(ReplicationState.SPLIT, status().state(), "splitting a SPLIT group is no error");
    }

    /** Rule 4.18. */
    @Test
    @DisplayName("4.18 FAILOVER: failover promotes the targets and demotes the sources; failback copies changes back")
    public void r4_18_failoverPromotesTheTargetAndFailbackReturns() {
        requires(Capability.FAILOVER);
        world(anyMode(), 1);
        writeAcknowledged(sources.get(0), at(0), block(1));
        enableAndAwaitInSync();
        group.failover();
        assertEquals(ReplicationState.FAILED_OVER, status().state());
        assertEquals(AccessState.READ_WRITE, secondary.lun("DB1").accessState(), "a failed-over target is READ_WRITE");
        assertEquals(AccessState.READ_ONLY, primary.lun("DB1").accessState(), "a reachable source becomes READ_ONLY");
        assertRefusedAndUnchanged(StorageErrorCode.READ_ONLY, () -> sources.get(0).write(0, block(2), 0, blockSize()),
                "a write to a failed-over source", both());
        writeAcknowledged(targets.get(0), at(5), block(5));
        group.failover();
        assertEquals(ReplicationState.FAILED_OVER, status().state(), "failing over twice is no error");
        group.failback();
        awaitDrained();
        assertEquals(AccessState.READ_WRITE, primary.lun("DB1").accessState(), "the source is READ_WRITE again");
        assertEquals(AccessState.READ_ONLY, secondary.lun("DB1").accessState(), "the target is READ_ONLY again");
        assertArrayEquals(block(5), read(sources.get(0), at(5), blockSize()), "failback copies target changes back");
        assertSameData(sources.get(0), targets.get(0), "both sides after failback");
        assertEquals(primary.name(), status().sourceArray());
    }

    /** Rule 4.19. */
    @Test
    @DisplayName("4.19 FAILOVER: with the source array lost, failover from the target array promotes the targets")
    public void r4_19_failoverWithTheSourceLostPromotesTheTarget() {
        requires(Capability.FAILOVER);
        world(anyMode(), 1);
        writeAcknowledged(sources.get(0), at(0), block(1));
        enableAndAwaitInSync();
        primary.powerOff();
        ConsistencyGroup onTarget = secondary.consistencyGroup(GROUP);
        boolean disconnected = context().runUntil(
                () -> onTarget.status().state() == ReplicationState.DISCONNECTED, settleLimit());
        assertTrue(disconnected, "losing the source array makes the group DISCONNECTED");
        onTarget.failover();
        assertEquals(ReplicationState.FAILED_OVER, onTarget.status().state());
        assertEquals(AccessState.READ_WRITE, secondary.lun("DB1").accessState());
        assertArrayEquals(block(1), read(targets.get(0), at(0), blockSize()), "the promoted target has the data");
        writeAcknowledged(targets.get(0), at(6), block(6));
    }

    /** Rule 4.20. */
    @Test
    @DisplayName("4.20 REVERSE: reverse swaps sources and targets and leaves the group SUSPENDED; resume replicates"
            + " back")
    public void r4_20_reverseSwapsTheRoles() {
        requires(Capability.REVERSE);
        world(anyMode(), 1);
        enableAndAwaitInSync();
        group.suspend();
        group.reverse();
        ReplicationStatus s = status();
        assertEquals(ReplicationState.SUSPENDED, s.state());
        assertEquals(secondary.name(), s.sourceArray());
        assertEquals(primary.name(), s.targetArray());
        assertEquals(List.of(new ReplicationPair(new LunRef(secondary.name(), "DB1"), new LunRef(primary.name(),
                "DB1"))), s.pairs());
        assertEquals(AccessState.READ_WRITE, secondary.lun("DB1").accessState(), "the new source is READ_WRITE");
        assertEquals(AccessState.READ_ONLY, primary.lun("DB1").accessState(), "the new target is READ_ONLY");
        assertFalse(context().recordedEvents(StorageEvent.Type.REPLICATION_ROLES_SWAPPED).isEmpty(),
                "REPLICATION_ROLES_SWAPPED event");
        writeAcknowledged(targets.get(0), at(7), block(7));
        group.resume();
        awaitDrained();
        assertArrayEquals(block(7), read(sources.get(0), at(7), blockSize()), "replication now runs the other way");
    }

    /** Makes the sides diverge: suspend, make the target writable, write on both. */
    private void diverge() {
        writeAcknowledged(sources.get(0), at(1), block(1));
        writeAcknowledged(sources.get(0), at(2), block(2));
        enableAndAwaitInSync();
        group.suspend();
        secondary.setAccessState("DB1", AccessState.READ_WRITE);
        writeAcknowledged(targets.get(0), at(1), block(11));
        writeAcknowledged(sources.get(0), at(2), block(12));
    }

    /** Rule 4.21. */
    @Test
    @DisplayName("4.21 RESYNC_SOURCE_TO_TARGET: resync discards target-side writes")
    public void r4_21_resyncSourceToTargetDiscardsTargetSideWrites() {
        requires(Capability.RESYNC_SOURCE_TO_TARGET);
        world(anyMode(), 1);
        diverge();
        group.resync(ResyncDirection.SOURCE_TO_TARGET);
        awaitDrained();
        assertArrayEquals(block(1), read(targets.get(0), at(1), blockSize()), "the target-side write was kept");
        assertArrayEquals(block(12), read(sources.get(0), at(2), blockSize()), "the source lost its write");
        assertSameData(sources.get(0), targets.get(0), "both sides after the resync");
        assertEquals(AccessState.READ_WRITE, primary.lun("DB1").accessState());
        assertEquals(AccessState.READ_ONLY, secondary.lun("DB1").accessState());
    }

    /** Rule 4.22. */
    @Test
    @DisplayName("4.22 RESYNC_TARGET_TO_SOURCE: resync keeps target-side writes, copying the target over the source")
    public void r4_22_resyncTargetToSourceKeepsTargetSideWrites() {
        requires(Capability.RESYNC_TARGET_TO_SOURCE);
        world(anyMode(), 1);
        diverge();
        group.resync(ResyncDirection.TARGET_TO_SOURCE);
        awaitDrained();
        assertArrayEquals(block(11), read(sources.get(0), at(1), blockSize()), "the target-side write was discarded");
        assertArrayEquals(block(2), read(sources.get(0), at(2), blockSize()), "the target's image did not win");
        assertSameData(sources.get(0), targets.get(0), "both sides after the resync");
        assertEquals(AccessState.READ_WRITE, primary.lun("DB1").accessState());
        assertEquals(AccessState.READ_ONLY, secondary.lun("DB1").accessState());
        assertEquals(primary.name(), status().sourceArray(), "the roles stay as they were");
    }

    /** Rule 4.23. */
    @Test
    @DisplayName("4.23 After a target was written while SUSPENDED, resume is refused with INVALID_STATE; resync works")
    public void r4_23_targetWrittenWhileSuspendedNeedsResync() {
        ResyncDirection direction = has(Capability.RESYNC_SOURCE_TO_TARGET) ? ResyncDirection.SOURCE_TO_TARGET
                : ResyncDirection.TARGET_TO_SOURCE;
        requires(direction == ResyncDirection.SOURCE_TO_TARGET ? Capability.RESYNC_SOURCE_TO_TARGET
                : Capability.RESYNC_TARGET_TO_SOURCE);
        world(anyMode(), 1);
        diverge();
        assertRefusedAndUnchanged(StorageErrorCode.INVALID_STATE, group::resume, "resume after a target write",
                both());
        group.resync(direction);
        awaitDrained();
        assertSameData(sources.get(0), targets.get(0), "both sides after the resync");
    }

    /** Rule 4.24. */
    @Test
    @DisplayName("4.24 A replicating target's access state cannot be changed (INVALID_STATE)")
    public void r4_24_replicatingTargetAccessStateCannotBeChanged() {
        world(anyMode(), 1);
        enableAndAwaitInSync();
        for (AccessState state : List.of(AccessState.READ_WRITE, AccessState.NOT_READY)) {
            assertRefusedAndUnchanged(StorageErrorCode.INVALID_STATE, () -> secondary.setAccessState("DB1", state),
                    "setAccessState(" + state + ") on a replicating target", both());
        }
    }

    /** Rule 4.25. */
    @Test
    @DisplayName("4.25 Every operation in a wrong state is refused with INVALID_STATE (or UNSUPPORTED_CAPABILITY) and"
            + " changes nothing")
    public void r4_25_operationsInAWrongStateAreRefusedAndChangeNothing() {
        world(anyMode(), 1);
        primary.createLun(new LunSpec("DB9", lunSizeBytes(), blockSize()));
        secondary.createLun(new LunSpec("DB9", lunSizeBytes(), blockSize()));
        writeAcknowledged(sources.get(0), 0, block(1));
        refusedIn(ReplicationState.DISABLED, "suspend", "resume", "split", "failover", "failback", "reverse",
                "resyncSourceToTarget", "resyncTargetToSource");
        enableAndAwaitInSync();
        refusedIn(ReplicationState.IN_SYNC, "enable", "addPair", "failback", "reverse", "resyncSourceToTarget",
                "resyncTargetToSource");
        group.suspend();
        refusedIn(ReplicationState.SUSPENDED, "enable", "addPair", "failback");
        if (has(Capability.SPLIT)) {
            group.split();
            refusedIn(ReplicationState.SPLIT, "suspend", "resume", "enable", "failback");
        }
        if (has(Capability.FAILOVER)) {
            group.failover();
            refusedIn(ReplicationState.FAILED_OVER, "suspend", "resume", "split", "enable");
        }
    }

    private void refusedIn(ReplicationState state, String... operations) {
        assertEquals(state, status().state());
        Map<String, Executable> all = new LinkedHashMap<>();
        all.put("enable", group::enable);
        all.put("addPair", () -> group.addPair("DB9", "DB9"));
        all.put("suspend", group::suspend);
        all.put("resume", group::resume);
        all.put("split", group::split);
        all.put("failover", group::failover);
        all.put("failback", group::failback);
        all.put("reverse", group::reverse);
        all.put("resyncSourceToTarget", () -> group.resync(ResyncDirection.SOURCE_TO_TARGET));
        all.put("resyncTargetToSource", () -> group.resync(ResyncDirection.TARGET_TO_SOURCE));
        Map<String, Capability> needs = Map.of("split", Capability.SPLIT, "failover", Capability.FAILOVER,
                "failback", Capability.FAILOVER, "reverse", Capability.REVERSE, "resyncSourceToTarget",
                Capability.RESYNC_SOURCE_TO_TARGET, "resyncTargetToSource", Capability.RESYNC_TARGET_TO_SOURCE);
        for (String operation : operations) {
            Capability needed = needs.get(operation);
            StorageErrorCode expected = needed == null || has(needed) ? StorageErrorCode.INVALID_STATE
                    : StorageErrorCode.UNSUPPORTED_CAPABILITY;
            assertRefusedAndUnchanged(expected, all.get(operation), operation + " while " + state, both());
        }
    }

    // ---- 4.26 to 4.29: events, determinism, disable, deletion ---------------------------------------------------

    /** Rule 4.26. */
    @Test
    @DisplayName("4.26 Every state transition emits REPLICATION_STATE_CHANGED with from and to")
    public void r4_26_everyTransitionEmitsAnEvent() {
        world(anyMode(), 1);
        writeAcknowledged(sources.get(0), 0, block(1));
        enableAndAwaitInSync();
        group.suspend();
        group.resume();
        awaitDrained();
        link.disconnect();
        awaitState(ReplicationState.DISCONNECTED);
        List<String> expected = List.of("SYNCHRONIZING", "IN_SYNC", "SUSPENDED", "SYNCHRONIZING", "IN_SYNC",
                "DISCONNECTED");
        Map<String, List<StorageEvent>> byArray = new TreeMap<>();
        for (StorageEvent e : context().recordedEvents(StorageEvent.Type.REPLICATION_STATE_CHANGED)) {
            if (e.subject().equals(GROUP)) {
                byArray.computeIfAbsent(e.array(), a -> new ArrayList<>()).add(e);
            }
        }
        assertFalse(byArray.isEmpty(), "no REPLICATION_STATE_CHANGED event for " + GROUP);
        for (Map.Entry<String, List<StorageEvent>> entry : byArray.entrySet()) {
            String from = "DISABLED";
            List<String> to = new ArrayList<>();
            for (StorageEvent e : entry.getValue()) {
                assertEquals(from, e.details().get("from"), "events on " + entry.getKey() + " do not chain: " + e);
                from = e.details().get("to");
                assertNotNull(from, "event without 'to': " + e);
                to.add(from);
            }
            assertEquals(expected, to, "transitions reported on " + entry.getKey());
        }
    }

    /** Rule 4.27. */
    @Test
    @DisplayName("4.27 The same operations under the same seed produce the same events")
    public void r4_27_sameSeedSameEvents() {
        ReplicationMode mode = anyMode();
        List<StorageEvent> first = scenario(mode);
        resetContext();
        List<StorageEvent> second = scenario(mode);
        assertFalse(first.isEmpty());
        assertEquals(first, second, "two runs with seed " + seed() + " differ");
    }

    private List<StorageEvent> scenario(ReplicationMode mode) {
        world(mode, has(Capability.CONSISTENCY_GROUPS) ? 2 : 1);
        RandomGenerator random = context().testStream("4.27 scenario");
        writeAcknowledged(sources.get(0), 0, pattern(head(), 1));
        group.enable();
        for (int i = 0; i < 50; i++) {
            BlockDevice device = sources.get(random.nextInt(sources.size()));
            device.write(at(random.nextInt(16)), block(i), 0, blockSize());
            context().runFor(Duration.ofNanos(random.nextLong(1_000_000)));
            if (i == 20) {
                link.disconnect();
            }
            if (i == 30) {
                link.reconnect();
                group.resume();
            }
        }
        awaitDrained();
        group.suspend();
        group.resume();
        awaitDrained();
        return context().recordedEvents();
    }

    /** Rule 4.28. */
    @Test
    @DisplayName("4.28 disable stops replication for good, keeping pairs, data and access states (idempotent)")
    public void r4_28_disableKeepsPairsDataAndAccessStates() {
        world(anyMode(), 1);
        writeAcknowledged(sources.get(0), 0, block(1));
        enableAndAwaitInSync();
        group.disable();
        group.disable();
        assertEquals(ReplicationState.DISABLED, status().state());
        assertEquals(1, status().pairs().size(), "pairs remain defined");
        assertEquals(AccessState.READ_ONLY, secondary.lun("DB1").accessState(), "access states stay as they are");
        writeAcknowledged(sources.get(0), at(1), block(2));
        context().runFor(Duration.ofSeconds(1));
        assertArrayEquals(block(1), read(targets.get(0), 0, blockSize()));
        assertArrayEquals(new byte[blockSize()], read(targets.get(0), at(1), blockSize()), "replicated after disable");
    }

    /** Rule 4.29. */
    @Test
    @DisplayName("4.29 Deleting a LUN that is in a pair is refused with LUN_IN_USE and changes nothing")
    public void r4_29_deletingAPairedLunIsRefusedWithLunInUse() {
        world(anyMode(), 1);
        primary.unpresent("DB1", primaryHost());
        secondary.unpresent("DB1", secondaryHost());
        assertRefusedAndUnchanged(StorageErrorCode.LUN_IN_USE, () -> primary.deleteLun("DB1"), "delete a paired source",
                both());
        assertRefusedAndUnchanged(StorageErrorCode.LUN_IN_USE, () -> secondary.deleteLun("DB1"),
                "delete a paired target", both());
    }

    /** Rule 4.30. */
    @Test
    @DisplayName("4.30 enable, resume and resync need the link: refused with UNREACHABLE while it is down")
    public void r4_30_operationsThatCopyNeedTheLink() {
        world(anyMode(), 1);
        link.disconnect();
        assertRefusedAndUnchanged(StorageErrorCode.UNREACHABLE, group::enable, "enable with the link down", both());
        link.reconnect();
        enableAndAwaitInSync();
        link.disconnect();
        awaitState(ReplicationState.DISCONNECTED);
        assertRefusedAndUnchanged(StorageErrorCode.UNREACHABLE, group::resume, "resume with the link down", both());
        for (ResyncDirection direction : ResyncDirection.values()) {
            Capability needed = direction == ResyncDirection.SOURCE_TO_TARGET ? Capability.RESYNC_SOURCE_TO_TARGET
                    : Capability.RESYNC_TARGET_TO_SOURCE;
            if (has(needed)) {
                assertRefusedAndUnchanged(StorageErrorCode.UNREACHABLE, () -> group.resync(direction),
                        "resync " + direction + " with the link down", both());
            }
        }
        link.reconnect();
        group.resume();
        awaitDrained();
    }

    /** Rule 4.31. */
    @Test
    @DisplayName("4.31 removePair frees both LUNs of a DISABLED group (data and access kept); refused while replicating")
    public void r4_31_removePairFreesTheLunsOfADisabledGroup() {
        world(anyMode(), 1);
        writeAcknowledged(sources.get(0), 0, block(3));
        enableAndAwaitInSync();
        assertRefusedAndUnchanged(StorageErrorCode.INVALID_STATE, () -> group.removePair("DB1"),
                "remove a pair while replicating", both());
        group.disable();
        assertRefusedAndUnchanged(StorageErrorCode.NOT_FOUND, () -> group.removePair("NOPE"),
                "remove a pair that does not exist", both());
        group.removePair("DB1");
        assertEquals(List.of(), status().pairs(), "the pair is gone");
        assertEquals(AccessState.READ_ONLY, secondary.lun("DB1").accessState(), "access states stay as they are");
        assertArrayEquals(block(3), read(targets.get(0), 0, blockSize()), "data stays as it is");
        secondary.unpresent("DB1", secondaryHost());
        secondary.deleteLun("DB1");
        assertEquals(List.of(), secondary.luns().stream().filter(l -> l.ref().lun().equals("DB1")).toList());
    }

}
