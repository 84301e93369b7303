package io.github.exha.storage.sim;

import static io.github.exha.storage.sim.Lab.BANDWIDTH;
import static io.github.exha.storage.sim.Lab.CHUNK;
import static io.github.exha.storage.sim.Lab.LATENCY;
import static io.github.exha.storage.sim.Lab.pattern;
import static io.github.exha.storage.sim.Lab.read;
import static io.github.exha.storage.sim.Lab.readAll;
import static io.github.exha.storage.sim.Lab.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.BlockDevice;
import io.github.exha.storage.spi.ConsistencyGroup;
import io.github.exha.storage.spi.GroupSpec;
import io.github.exha.storage.spi.LinkState;
import io.github.exha.storage.spi.LunSpec;
import io.github.exha.storage.spi.ReplicationMode;
import io.github.exha.storage.spi.ReplicationPair;
import io.github.exha.storage.spi.ReplicationState;
import io.github.exha.storage.spi.ReplicationStatus;
import io.github.exha.storage.spi.ResyncDirection;
import io.github.exha.storage.spi.StorageErrorCode;
import io.github.exha.storage.spi.StorageEvent;
import io.github.exha.storage.spi.StorageException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ReplicationTest {
    private final Lab lab = new Lab();

    private ConsistencyGroup inSync(ReplicationMode mode, String... luns) {
        ConsistencyGroup group = lab.group("CG1", mode, luns);
        group.enable();
        lab.context.runUntilIdle();
        assertThat(group.status().state()).isEqualTo(ReplicationState.IN_SYNC);
        return group;
    }

    private List<String> stateChanges() {
        List<String> changes = new ArrayList<>();
        for (StorageEvent event : lab.events()) {
            if (event.type() == StorageEvent.Type.REPLICATION_STATE_CHANGED) {
                changes.add(event.details().get("from") + ">" + event.details().get("to"));
            }
        }
        return changes;
    }

    private static long wireNanos(long bytes) {
        return (bytes * 1_000_000_000L + BANDWIDTH - 1) / BANDWIDTH;
    }

    @Test
    void enableCopiesOnlyAllocatedChunksAndZeroesTheRestOfTheTarget() {
        ConsistencyGroup group = lab.group("CG1", ReplicationMode.SYNC);
        lab.lunPair("DB1", 64L * CHUNK);
        group.addPair("DB1", "DB1");
        lab.mainDev("DB1").write(0, pattern(CHUNK, 1), 0, CHUNK);
        lab.mainDev("DB1").write(40L * CHUNK, pattern(2 * CHUNK, 2), 0, 2 * CHUNK);
        lab.drDev("DB1").write(10L * CHUNK, pattern(CHUNK, 3), 0, CHUNK);
        long sentBefore = lab.link.bytesSent();

        group.enable();
        assertThat(group.status().state()).isEqualTo(ReplicationState.SYNCHRONIZING);
        assertThat(lab.dr.lun("DB1").accessState()).isEqualTo(AccessState.READ_ONLY);
        lab.context.runFor(LATENCY.plusNanos(wireNanos(CHUNK) + 1));
        double progress = group.status().resyncProgress();
        assertThat(progress).isGreaterThan(0.0).isLessThan(1.0);
        lab.context.runUntilIdle();

        assertThat(group.status().state()).isEqualTo(ReplicationState.IN_SYNC);
        assertThat(group.status().resyncProgress()).isEqualTo(1.0);
        assertThat(lab.link.bytesSent() - sentBefore).isEqualTo(3L * CHUNK);
        assertThat(readAll(lab.drDev("DB1"))).isEqualTo(readAll(lab.mainDev("DB1")));
        assertThat(lab.dr.lun("DB1").allocatedBytes()).isEqualTo(3L * CHUNK);
        // three chunks back to back, the last one arriving a latency after it left
        assertThat(lab.context.now()).isBeforeOrEqualTo(TestStorageContext.START.plus(LATENCY)
                .plusNanos(3 * wireNanos(CHUNK)));
        assertThat(stateChanges()).containsExactly("DISABLED>SYNCHRONIZING", "SYNCHRONIZING>IN_SYNC");
    }

    @Test
    void aSyncWriteIsAcknowledgedOnlyOnceTheTargetHasItAfterTransferAndTwoLatencies() {
        ConsistencyGroup group = inSync(ReplicationMode.SYNC, "DB1");
        byte[] data = pattern(4096, 11);
        Instant start = lab.context.now();
        List<byte[]> seenAtAck = new ArrayList<>();
        List<Instant> ackedAt = new ArrayList<>();

        CompletableFuture<Void> ack = lab.mainDev("DB1").write(8192, data, 0, data.length);
        ack.thenRun(() -> {
            seenAtAck.add(read(lab.drDev("DB1"), 8192, data.length));
            ackedAt.add(lab.context.now());
        });
        assertThat(ack).isNotDone();
        assertThat(read(lab.mainDev("DB1"), 8192, 4096)).isEqualTo(data);
        lab.context.runFor(LATENCY);
        assertThat(ack).isNotDone();
        lab.context.runUntilIdle();

        assertThat(ack).isCompleted();
        assertThat(seenAtAck).singleElement().isEqualTo(data);
        assertThat(ackedAt).containsExactly(start.plusNanos(wireNanos(4096)).plus(LATENCY.multipliedBy(2)));
        assertThat(group.status().pendingWrites()).isZero();
    }

    @Test
    void asyncTargetsAlwaysHoldAPrefixOfTheGroupsWriteOrderAcrossPairs() {
        ConsistencyGroup group = inSync(ReplicationMode.ASYNC, "DB1", "LOG1");
        SplittableRandom random = new SplittableRandom(2007);
        // each write stamps a sequence number into one block; the target must hold exactly writes 1..k for some k
        int writes = 300;
        long[] lunOf = new long[writes + 1];
        long[] offsetOf = new long[writes + 1];
        BlockDevice[] sources = {lab.mainDev("DB1"), lab.mainDev("LOG1")};
        BlockDevice[] targets = {lab.drDev("DB1"), lab.drDev("LOG1")};
        int checks = 0;
        for (int seq = 1; seq <= writes; seq++) {
            int lun = random.nextInt(2);
            long offset = (long) random.nextInt(16 * CHUNK / 512) * 512;
            byte[] block = new byte[512];
            java.nio.ByteBuffer.wrap(block).putInt(seq);
            assertThat(sources[lun].write(offset, block, 0, 512)).isCompleted();
            lunOf[seq] = lun;
            offsetOf[seq] = offset;
            lab.context.runFor(Duration.ofNanos(random.nextLong(200_000)));
            if (random.nextInt(4) == 0) {
                assertPrefix(targets, lunOf, offsetOf, seq);
                checks++;
            }
        }
        assertThat(group.status().pendingWrites()).isPositive();
        lab.context.runUntilIdle();
        assertPrefix(targets, lunOf, offsetOf, writes);
        assertThat(checks).isGreaterThan(50);
        assertThat(group.status().pendingWrites()).isZero();
        assertThat(readAll(targets[0])).isEqualTo(readAll(sources[0]));
        assertThat(readAll(targets[1])).isEqualTo(readAll(sources[1]));
    }

    /** The target's blocks must equal the result of applying writes 1..k, for the k the target shows. */
    private static void assertPrefix(BlockDevice[] targets, long[] lunOf, long[] offsetOf, int written) {
        int applied = 0;
        for (int seq = written; seq >= 1; seq--) {
            int stamp = java.nio.ByteBuffer.wrap(read(targets[(int) lunOf[seq]], offsetOf[seq], 512)).getInt();
            if (stamp == seq) {
                applied = seq;
                break;
            }
        }
        // every block's latest write among 1..applied must be there, and none after applied
        java.util.Map<String, Integer> expected = new java.util.TreeMap<>();
        for (int seq = 1; seq <= written; seq++) {
            String key = lunOf[seq] + "@" + offsetOf[seq];
            if (seq <= applied) {
                expected.put(key, seq);
            } else {
                expected.putIfAbsent(key, 0);
            }
        }
        for (java.util.Map.Entry<String, Integer> entry : expected.entrySet()) {
            String[] parts = entry.getKey().split("@");
            int stamp = java.nio.ByteBuffer.wrap(read(targets[Integer.parseInt(parts[0])], Long.parseLong(parts[1]), 512))
                    .getInt();
            assertThat(stamp).as("block %s with %d of %d writes applied", entry.getKey(), applied, written)
                    .isEqualTo(entry.getValue());
        }
    }

    @Test
    void asyncLagIsReportedAsPendingWritesBytesAndRpo() {
        ConsistencyGroup group = inSync(ReplicationMode.ASYNC, "DB1");
        Instant first = lab.context.now();
        for (int i = 0; i < 4; i++) {
            lab.mainDev("DB1").write((long) i * CHUNK, pattern(CHUNK, i), 0, CHUNK);
            lab.context.runFor(Duration.ofMillis(0));
        }
        ReplicationStatus status = group.status();
        assertThat(status.pendingWrites()).isEqualTo(4);
        assertThat(status.pendingBytes()).isEqualTo(4L * CHUNK);
        assertThat(status.oldestPendingWrite()).contains(first);
        lab.context.runFor(Duration.ofMillis(2));
        status = group.status();
        assertThat(status.pendingWrites()).isBetween(1L, 3L);
        assertThat(status.recoveryPointObjective()).isPositive();
        lab.context.runUntilIdle();
        assertThat(group.status().pendingWrites()).isZero();
        assertThat(group.status().oldestPendingWrite()).isEmpty();
        assertThat(group.status().recoveryPointObjective()).isZero();
    }

    @Test
    void resumeCopiesOnlyTheChunksChangedWhileSuspended() {
        ConsistencyGroup group = inSync(ReplicationMode.SYNC, "DB1");
        BlockDevice db = lab.mainDev("DB1");
        for (int i = 0; i < 16; i++) {
            db.write((long) i * CHUNK, pattern(CHUNK, i), 0, CHUNK);
        }
        lab.context.runUntilIdle();
        group.suspend();
        db.write(3L * CHUNK + 512, pattern(1024, 100), 0, 1024);
        db.write(9L * CHUNK, pattern(512, 101), 0, 512);
        db.write(9L * CHUNK + 4096, pattern(512, 102), 0, 512);
        ReplicationStatus suspended = group.status();
        assertThat(suspended.state()).isEqualTo(ReplicationState.SUSPENDED);
        assertThat(suspended.pendingWrites()).isEqualTo(3);
        assertThat(suspended.pendingBytes()).isEqualTo(2L * CHUNK);
        assertThat(read(lab.drDev("DB1"), 9L * CHUNK, 512)).isNotEqualTo(pattern(512, 101));

        long sent = lab.link.bytesSent();
        Instant start = lab.context.now();
        group.resume();
        assertThat(group.status().state()).isEqualTo(ReplicationState.SYNCHRONIZING);
        lab.context.runUntilIdle();
        assertThat(group.status().state()).isEqualTo(ReplicationState.IN_SYNC);
        assertThat(lab.link.bytesSent() - sent).isEqualTo(2L * CHUNK);
        assertThat(Duration.between(start, lab.context.now()))
                .isLessThanOrEqualTo(Duration.ofNanos(2 * wireNanos(CHUNK)).plus(LATENCY));
        assertThat(readAll(lab.drDev("DB1"))).isEqualTo(readAll(db));
        assertThat(group.status().pendingWrites()).isZero();
    }

    @Test
    void writesDuringACopyAreCopiedToo() {
        ConsistencyGroup group = lab.group("CG1", ReplicationMode.ASYNC);
        lab.lunPair("DB1", 32L * CHUNK);
        group.addPair("DB1", "DB1");
        BlockDevice db = lab.mainDev("DB1");
        for (int i = 0; i < 32; i++) {
            db.write((long) i * CHUNK, pattern(CHUNK, i), 0, CHUNK);
        }
        group.enable();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 40; i++) {
            lab.context.runFor(Duration.ofMillis(1));
            db.write((long) random.nextInt(32 * CHUNK / 512) * 512, pattern(512, 1000 + i), 0, 512);
        }
        lab.context.runUntilIdle();
        assertThat(group.status().state()).isEqualTo(ReplicationState.IN_SYNC);
        assertThat(readAll(lab.drDev("DB1"))).isEqualTo(readAll(db));
    }

    @Test
    void splitGivesTheTargetItsImageAndBothSidesTrackChanges() {
        ConsistencyGroup group = inSync(ReplicationMode.ASYNC, "DB1");
        BlockDevice db = lab.mainDev("DB1");
        db.write(0, pattern(CHUNK, 1), 0, CHUNK);
        lab.context.runUntilIdle();
        db.write(CHUNK, pattern(CHUNK, 2), 0, CHUNK); // queued, not shipped at the split
        byte[] image = readAll(lab.drDev("DB1"));

        group.split();
        group.split();
        assertThat(group.status().state()).isEqualTo(ReplicationState.SPLIT);
        assertThat(lab.dr.lun("DB1").accessState()).isEqualTo(AccessState.READ_WRITE);
        lab.context.runUntilIdle();
        assertThat(readAll(lab.drDev("DB1"))).isEqualTo(image);
        assertThat(read(lab.drDev("DB1"), 0, CHUNK)).isEqualTo(pattern(CHUNK, 1));
        assertThat(group.status().pendingWrites()).isEqualTo(1);
        assertThat(group.status().pendingBytes()).isEqualTo(CHUNK);

        lab.drDev("DB1").write(5L * CHUNK, pattern(512, 3), 0, 512);
        refused(StorageErrorCode.INVALID_STATE, group::resume);
        assertThat(stateChanges()).endsWith("IN_SYNC>SPLIT");
    }

    @Test
    void resyncSourceToTargetDiscardsTargetWrites() {
        ConsistencyGroup group = inSync(ReplicationMode.SYNC, "DB1");
        BlockDevice db = lab.mainDev("DB1");
        db.write(0, pattern(CHUNK, 1), 0, CHUNK);
        lab.context.runUntilIdle();
        group.split();
        db.write(2L * CHUNK, pattern(512, 2), 0, 512);
        lab.drDev("DB1").write(7L * CHUNK, pattern(512, 3), 0, 512);
        lab.drDev("DB1").write(0, pattern(512, 4), 0, 512);

        long sent = lab.link.bytesSent();
        group.resync(ResyncDirection.SOURCE_TO_TARGET);
        assertThat(lab.dr.lun("DB1").accessState()).isEqualTo(AccessState.READ_ONLY);
        lab.context.runUntilIdle();
        assertThat(group.status().state()).isEqualTo(ReplicationState.IN_SYNC);
        assertThat(readAll(lab.drDev("DB1"))).isEqualTo(readAll(db));
        assertThat(read(lab.drDev("DB1"), 7L * CHUNK, 512)).isEqualTo(new byte[512]);
        // chunks 0 and 2 hold data, chunk 7 is a hole on the source: a zero-byte message
        assertThat(lab.link.bytesSent() - sent).isEqualTo(2L * CHUNK);
    }

    @Test
    void resyncTargetToSourceKeepsTargetWrites() {
        ConsistencyGroup group = inSync(ReplicationMode.SYNC, "DB1");
        BlockDevice db = lab.mainDev("DB1");
        db.write(0, pattern(CHUNK, 1), 0, CHUNK);
        lab.context.runUntilIdle();
        group.split();
        db.write(2L * CHUNK, pattern(512, 2), 0, 512);
        lab.drDev("DB1").write(7L * CHUNK, pattern(512, 3), 0, 512);
        byte[] drImage = readAll(lab.drDev("DB1"));

        group.resync(ResyncDirection.TARGET_TO_SOURCE);
        assertThat(lab.main.lun("DB1").accessState()).isEqualTo(AccessState.READ_ONLY);
        refused(StorageErrorCode.READ_ONLY, () -> db.write(0, pattern(512, 9), 0, 512));
        lab.context.runUntilIdle();
        assertThat(group.status().state()).isEqualTo(ReplicationState.IN_SYNC);
        assertThat(lab.main.lun("DB1").accessState()).isEqualTo(AccessState.READ_WRITE);
        assertThat(lab.dr.lun("DB1").accessState()).isEqualTo(AccessState.READ_ONLY);
        assertThat(readAll(db)).isEqualTo(drImage);
        assertThat(read(db, 2L * CHUNK, 512)).isEqualTo(new byte[512]);

        // then it replicates from the source again
        settle(db.write(CHUNK, pattern(512, 5), 0, 512));
        assertThat(read(lab.drDev("DB1"), CHUNK, 512)).isEqualTo(pattern(512, 5));
    }

    @Test
    void seedingProcedureWritableTargetNeedsResyncWithADirection() {
        ConsistencyGroup group = inSync(ReplicationMode.SYNC, "DB1");
        refused(StorageErrorCode.INVALID_STATE, () -> lab.dr.setAccessState("DB1", AccessState.READ_WRITE));
        group.suspend();
        lab.dr.setAccessState("DB1", AccessState.READ_WRITE);
        lab.drDev("DB1").write(0, pattern(512, 1), 0, 512);
        ReplicationStatus before = group.status();
        StorageException e = refused(StorageErrorCode.INVALID_STATE, group::resume);
        assertThat(e.getMessage()).contains("resync");
        assertThat(group.status()).isEqualTo(before);
        group.resync(ResyncDirection.SOURCE_TO_TARGET);
        lab.context.runUntilIdle();
        assertThat(group.status().state()).isEqualTo(ReplicationState.IN_SYNC);
        assertThat(read(lab.drDev("DB1"), 0, 512)).isEqualTo(new byte[512]);
    }

    @Test
    void resumeWithAWritableButUnwrittenTargetMakesItReadOnlyAgain() {
        ConsistencyGroup group = inSync(ReplicationMode.SYNC, "DB1");
        group.suspend();
        lab.dr.setAccessState("DB1", AccessState.READ_WRITE);
        group.resume();
        assertThat(lab.dr.lun("DB1").accessState()).isEqualTo(AccessState.READ_ONLY);
        lab.context.runUntilIdle();
        assertThat(group.status().state()).isEqualTo(ReplicationState.IN_SYNC);
    }

    @Test
    void failoverLosesQueuedAsyncWritesAndFailbackBringsTargetChangesHome() {
        ConsistencyGroup group = inSync(ReplicationMode.ASYNC, "DB1");
        BlockDevice db = lab.mainDev("DB1");
        db.write(0, pattern(CHUNK, 1), 0, CHUNK);
        lab.context.runUntilIdle();
        db.write(CHUNK, pattern(CHUNK, 2), 0, CHUNK);
        db.write(2L * CHUNK, pattern(CHUNK, 3), 0, CHUNK);

        group.failover();
        group.failover();
        assertThat(group.status().state()).isEqualTo(ReplicationState.FAILED_OVER);
        assertThat(((SimConsistencyGroup) group).lostWrites()).isEqualTo(2);
        StorageEvent failedOver = lab.events().get(lab.events().size() - 1);
        assertThat(failedOver.details()).containsEntry("lostWrites", "2").containsEntry("to", "FAILED_OVER");
        assertThat(lab.dr.lun("DB1").accessState()).isEqualTo(AccessState.READ_WRITE);
        assertThat(lab.main.lun("DB1").accessState()).isEqualTo(AccessState.READ_ONLY);
        lab.context.runUntilIdle();
        BlockDevice drDb = lab.drDev("DB1");
        assertThat(read(drDb, CHUNK, CHUNK)).isEqualTo(new byte[CHUNK]);
        drDb.write(5L * CHUNK, pattern(CHUNK, 5), 0, CHUNK);

        group.failback();
        assertThat(group.status().state()).isEqualTo(ReplicationState.SYNCHRONIZING);
        // the target keeps serving until the copy is done
        drDb.write(6L * CHUNK, pattern(512, 6), 0, 512);
        lab.context.runUntilIdle();
        assertThat(group.status().state()).isEqualTo(ReplicationState.IN_SYNC);
        assertThat(lab.main.lun("DB1").accessState()).isEqualTo(AccessState.READ_WRITE);
        assertThat(lab.dr.lun("DB1").accessState()).isEqualTo(AccessState.READ_ONLY);
        assertThat(readAll(db)).isEqualTo(readAll(drDb));
        assertThat(read(db, 5L * CHUNK, CHUNK)).isEqualTo(pattern(CHUNK, 5));
        assertThat(read(db, CHUNK, CHUNK)).isEqualTo(new byte[CHUNK]);
        assertThat(stateChanges()).endsWith("IN_SYNC>FAILED_OVER", "FAILED_OVER>SYNCHRONIZING",
                "SYNCHRONIZING>IN_SYNC");
    }

    @Test
    void failoverWorksWithTheSourcePoweredOffAndFencesItWhenItReturns() {
        ConsistencyGroup group = inSync(ReplicationMode.SYNC, "DB1");
        lab.main.powerOff();
        assertThat(group.status().state()).isEqualTo(ReplicationState.DISCONNECTED);
        group.failover();
        assertThat(lab.dr.lun("DB1").accessState()).isEqualTo(AccessState.READ_WRITE);
        lab.main.powerOn();
        assertThat(lab.main.lun("DB1").accessState()).isEqualTo(AccessState.READ_ONLY);
        assertThat(group.status().state()).isEqualTo(ReplicationState.FAILED_OVER);
    }

    @Test
    void reverseSwapsRolesAndReplicatesTheOtherWay() {
        ConsistencyGroup group = inSync(ReplicationMode.SYNC, "DB1");
        group.failover();
        lab.drDev("DB1").write(0, pattern(512, 1), 0, 512);
        group.reverse();
        ReplicationStatus status = group.status();
        assertThat(status.state()).isEqualTo(ReplicationState.SUSPENDED);
        assertThat(status.sourceArray()).isEqualTo("SAN-DR");
        assertThat(status.targetArray()).isEqualTo("SAN-MAIN");
        assertThat(status.pairs()).containsExactly(new ReplicationPair(lab.dr.lun("DB1").ref(),
                lab.main.lun("DB1").ref()));
        assertThat(lab.events()).filteredOn(e -> e.type() == StorageEvent.Type.REPLICATION_ROLES_SWAPPED)
                .singleElement().satisfies(e -> assertThat(e.details()).containsEntry("source", "SAN-DR")
                        .containsEntry("target", "SAN-MAIN"));
        assertThat(lab.main.lun("DB1").accessState()).isEqualTo(AccessState.READ_ONLY);
        assertThat(lab.dr.lun("DB1").accessState()).isEqualTo(AccessState.READ_WRITE);
        assertThat(lab.dr.consistencyGroup("CG1")).isSameAs(group);

        group.resume();
        lab.context.runUntilIdle();
        assertThat(group.status().state()).isEqualTo(ReplicationState.IN_SYNC);
        assertThat(read(lab.mainDev("DB1"), 0, 512)).isEqualTo(pattern(512, 1));
        CompletableFuture<Void> ack = lab.drDev("DB1").write(512, pattern(512, 2), 0, 512);
        assertThat(ack).isNotDone();
        lab.context.runUntilIdle();
        assertThat(ack).isCompleted();
        assertThat(read(lab.mainDev("DB1"), 512, 512)).isEqualTo(pattern(512, 2));
    }

    @Test
    void aLinkDownDisconnectsAcknowledgesLocallyAndTracksUntilResumed() {
        ConsistencyGroup group = inSync(ReplicationMode.SYNC, "DB1");
        CompletableFuture<Void> inFlight = lab.mainDev("DB1").write(0, pattern(CHUNK, 1), 0, CHUNK);
        lab.context.runFor(Duration.ofNanos(wireNanos(CHUNK) / 2));
        lab.link.disconnect();
        lab.link.disconnect();
        assertThat(inFlight).isCompleted();
        assertThat(lab.link.state()).isEqualTo(LinkState.DOWN);
        ReplicationStatus status = group.status();
        assertThat(status.state()).isEqualTo(ReplicationState.DISCONNECTED);
        assertThat(status.linkState()).isEqualTo(LinkState.DOWN);
        assertThat(status.pendingBytes()).isEqualTo(CHUNK);
        assertThat(lab.mainDev("DB1").write(CHUNK, pattern(512, 2), 0, 512)).isCompleted();
        lab.context.runUntilIdle();
        assertThat(read(lab.drDev("DB1"), 0, 512)).isEqualTo(new byte[512]);
        refused(StorageErrorCode.UNREACHABLE, group::resume);
        assertThat(group.status().state()).isEqualTo(ReplicationState.DISCONNECTED);

        lab.link.reconnect();
        lab.link.reconnect();
        assertThat(group.status().state()).isEqualTo(ReplicationState.DISCONNECTED);
        group.resume();
        lab.context.runUntilIdle();
        assertThat(group.status().state()).isEqualTo(ReplicationState.IN_SYNC);
        assertThat(readAll(lab.drDev("DB1"))).isEqualTo(readAll(lab.mainDev("DB1")));
        assertThat(lab.events()).filteredOn(e -> e.type() == StorageEvent.Type.LINK_STATE_CHANGED)
                .extracting(e -> e.details().get("to")).containsExactly("DOWN", "UP");
        assertThat(stateChanges()).contains("IN_SYNC>DISCONNECTED", "DISCONNECTED>SYNCHRONIZING");
    }

    @Test
    void powerLossFailsUnacknowledgedWritesAndKeepsAcknowledgedData() {
        ConsistencyGroup group = inSync(ReplicationMode.SYNC, "DB1");
        settle(lab.mainDev("DB1").write(0, pattern(CHUNK, 1), 0, CHUNK));
        lab.context.runUntilIdle();
        CompletableFuture<Void> unacknowledged = lab.mainDev("DB1").write(CHUNK, pattern(512, 2), 0, 512);
        lab.context.runFor(LATENCY);
        lab.main.powerOff();
        assertThat(unacknowledged).isCompletedExceptionally();
        StorageException cause = (StorageException) catchCause(unacknowledged);
        assertThat(cause.code()).isEqualTo(StorageErrorCode.UNREACHABLE);
        assertThat(cause.array()).contains("SAN-MAIN");
        assertThat(group.status().state()).isEqualTo(ReplicationState.DISCONNECTED);
        refused(StorageErrorCode.UNREACHABLE, group::resume);
        lab.context.runUntilIdle();

        lab.main.powerOn();
        assertThat(group.status().state()).isEqualTo(ReplicationState.DISCONNECTED);
        assertThat(read(lab.mainDev("DB1"), 0, CHUNK)).isEqualTo(pattern(CHUNK, 1));
        group.resume();
        lab.context.runUntilIdle();
        assertThat(readAll(lab.drDev("DB1"))).isEqualTo(readAll(lab.mainDev("DB1")));

        // losing the target instead: in-flight writes are acknowledged locally
        CompletableFuture<Void> local = lab.mainDev("DB1").write(0, pattern(512, 3), 0, 512);
        lab.dr.powerOff();
        assertThat(local).isCompleted();
        assertThat(group.status().state()).isEqualTo(ReplicationState.DISCONNECTED);
        assertThat(lab.events()).filteredOn(e -> e.type() == StorageEvent.Type.REPLICATION_STATE_CHANGED)
                .last().satisfies(e -> assertThat(e.array()).isEqualTo("SAN-MAIN"));
    }

    /** Runs the simulation until it is idle; the write must be acknowledged by then (never block on virtual time). */
    private void settle(CompletableFuture<Void> acknowledged) {
        lab.context.runUntilIdle();
        assertThat(acknowledged).isCompleted();
    }

    private static Throwable catchCause(CompletableFuture<Void> future) {
        assertThat(future).isDone();
        try {
            future.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    @Test
    void repeatedOperationsAreNotErrorsAndEmitNothing() {
        ConsistencyGroup group = inSync(ReplicationMode.SYNC, "DB1");
        int events = lab.events().size();
        group.resume();
        assertThat(lab.events()).hasSize(events);
        group.suspend();
        events = lab.events().size();
        group.suspend();
        assertThat(lab.events()).hasSize(events);
        group.split();
        events = lab.events().size();
        group.split();
        assertThat(lab.events()).hasSize(events);
        group.failover();
        events = lab.events().size();
        group.failover();
        assertThat(lab.events()).hasSize(events);
        group.disable();
        events = lab.events().size();
        group.disable();
        assertThat(lab.events()).hasSize(events);
        assertThat(stateChanges()).endsWith("IN_SYNC>SUSPENDED", "SUSPENDED>SPLIT", "SPLIT>FAILED_OVER",
                "FAILED_OVER>DISABLED");
    }

    @Test
    void wrongStateOperationsAreRefusedAndChangeNothing() {
        ConsistencyGroup group = lab.group("CG1", ReplicationMode.SYNC, "DB1");
        // DISABLED
        assertRefusedWithoutChange(group, group::suspend, group::resume, group::split, group::failover,
                group::failback, group::reverse, () -> group.resync(ResyncDirection.SOURCE_TO_TARGET));
        lab.lunPair("EMPTY", CHUNK);
        ConsistencyGroup empty = lab.main.createConsistencyGroup(new GroupSpec("CG2", ReplicationMode.SYNC, "SAN-DR",
                "L1"));
        assertRefusedWithoutChange(empty, empty::enable);
        // SYNCHRONIZING
        lab.mainDev("DB1").write(0, pattern(CHUNK, 1), 0, CHUNK);
        group.enable();
        assertRefusedWithoutChange(group, group::enable, group::split, group::failback, group::reverse,
                () -> group.resync(ResyncDirection.TARGET_TO_SOURCE), () -> group.addPair("X", "X"));
        lab.context.runUntilIdle();
        // IN_SYNC
        assertRefusedWithoutChange(group, group::enable, group::failback, group::reverse,
                () -> group.resync(ResyncDirection.SOURCE_TO_TARGET));
        // SPLIT
        group.split();
        assertRefusedWithoutChange(group, group::enable, group::suspend, group::resume, group::failback);
        // FAILED_OVER
        group.failover();
        assertRefusedWithoutChange(group, group::enable, group::suspend, group::resume, group::split);
        // DISCONNECTED
        group.resync(ResyncDirection.SOURCE_TO_TARGET);
        lab.context.runUntilIdle();
        lab.link.disconnect();
        assertRefusedWithoutChange(group, group::enable, group::split, group::failback, group::reverse);
        assertThat(group.status().state()).isEqualTo(ReplicationState.DISCONNECTED);
    }

    private void assertRefusedWithoutChange(ConsistencyGroup group, Runnable... operations) {
        for (Runnable operation : operations) {
            ReplicationStatus before = group.status();
            int events = lab.events().size();
            List<?> mainLuns = lab.main.luns();
            List<?> drLuns = lab.dr.luns();
            refused(StorageErrorCode.INVALID_STATE, operation::run);
            assertThat(group.status()).isEqualTo(before);
            assertThat(lab.events()).hasSize(events);
            assertThat(lab.main.luns()).isEqualTo(mainLuns);
            assertThat(lab.dr.luns()).isEqualTo(drLuns);
        }
    }

    @Test
    void pairsAreValidated() {
        ConsistencyGroup group = lab.group("CG1", ReplicationMode.ASYNC, "DB1");
        lab.main.createLun(LunSpec.of("SMALL", CHUNK));
        lab.dr.createLun(LunSpec.of("BIG", 2L * CHUNK));
        lab.dr.createLun(new LunSpec("BLOCKS", CHUNK, 4096));
        lab.dr.createLun(LunSpec.of("FREE", CHUNK));
        refused(StorageErrorCode.NOT_FOUND, () -> group.addPair("NOPE", "FREE"));
        refused(StorageErrorCode.NOT_FOUND, () -> group.addPair("SMALL", "NOPE"));
        refused(StorageErrorCode.CAPACITY_MISMATCH, () -> group.addPair("SMALL", "BIG"));
        refused(StorageErrorCode.CAPACITY_MISMATCH, () -> group.addPair("SMALL", "BLOCKS"));
        StorageException paired = refused(StorageErrorCode.ALREADY_PAIRED, () -> group.addPair("DB1", "FREE"));
        assertThat(paired.lun()).contains("DB1");
        refused(StorageErrorCode.LUN_IN_USE, () -> lab.main.deleteLun("DB1"));
        assertThat(group.status().pairs()).hasSize(1);
        group.addPair("SMALL", "FREE");
        assertThat(group.status().pairs()).hasSize(2);

        refused(StorageErrorCode.ALREADY_EXISTS, () -> lab.dr.connect(lab.main, new io.github.exha.storage.spi.LinkSpec(
                "L1", Duration.ZERO, 1)));
        refused(StorageErrorCode.ALREADY_EXISTS, () -> lab.dr.createConsistencyGroup(new GroupSpec("CG1",
                ReplicationMode.SYNC, "SAN-MAIN", "L1")));
        refused(StorageErrorCode.NOT_FOUND, () -> lab.main.createConsistencyGroup(new GroupSpec("CG9",
                ReplicationMode.SYNC, "SAN-OTHER", "L1")));
        refused(StorageErrorCode.NOT_FOUND, () -> lab.main.createConsistencyGroup(new GroupSpec("CG9",
                ReplicationMode.SYNC, "SAN-DR", "L9")));
        assertThat(lab.main.consistencyGroups()).hasSize(1);
        assertThat(lab.dr.consistencyGroups()).hasSize(1);
        lab.dr.powerOff();
        refused(StorageErrorCode.UNREACHABLE, group::enable);
        assertThat(group.status().state()).isEqualTo(ReplicationState.DISABLED);
    }

    @Test
    void everyTransitionIsAnEventWithFromToAndReason() {
        ConsistencyGroup group = inSync(ReplicationMode.SYNC, "DB1");
        group.suspend();
        group.resume();
        lab.context.runUntilIdle();
        group.split();
        group.resync(ResyncDirection.SOURCE_TO_TARGET);
        lab.context.runUntilIdle();
        group.disable();
        List<StorageEvent> changes = lab.events().stream()
                .filter(e -> e.type() == StorageEvent.Type.REPLICATION_STATE_CHANGED).toList();
        assertThat(changes).allSatisfy(e -> {
            assertThat(e.subject()).isEqualTo("CG1");
            assertThat(e.details()).containsKeys("from", "to", "reason");
        });
        assertThat(stateChanges()).containsExactly("DISABLED>SYNCHRONIZING", "SYNCHRONIZING>IN_SYNC",
                "IN_SYNC>SUSPENDED", "SUSPENDED>SYNCHRONIZING", "SYNCHRONIZING>IN_SYNC", "IN_SYNC>SPLIT",
                "SPLIT>SYNCHRONIZING", "SYNCHRONIZING>IN_SYNC", "IN_SYNC>DISABLED");
        assertThat(lab.events()).filteredOn(e -> e.type() == StorageEvent.Type.ACCESS_STATE_CHANGED)
                .extracting(e -> e.array() + ":" + e.details().get("to"))
                .containsExactly("SAN-DR:READ_ONLY", "SAN-DR:READ_WRITE", "SAN-DR:READ_ONLY");
    }

    @Test
    void theSameSeedAndOperationsGiveTheSameEvents() {
        assertThat(scenario(99)).isEqualTo(scenario(99)).isNotEmpty();
    }

    private static List<StorageEvent> scenario(long seed) {
        Lab lab = new Lab(seed);
        ConsistencyGroup group = lab.group("CG1", ReplicationMode.ASYNC, "DB1", "LOG1");
        group.enable();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 200; i++) {
            String lun = random.nextBoolean() ? "DB1" : "LOG1";
            BlockDevice device = i > 150 ? lab.drDev(lun) : lab.mainDev(lun);
            device.write((long) random.nextInt(16 * CHUNK / 512) * 512, pattern(512, i), 0, 512);
            lab.context.runFor(Duration.ofNanos(random.nextLong(2_000_000)));
            if (i == 80) {
                lab.link.disconnect();
            } else if (i == 90) {
                lab.link.reconnect();
                group.resume();
            } else if (i == 150) {
                group.failover();
            }
        }
        group.failback();
        lab.context.runUntilIdle();
        assertThat(group.status().state()).isEqualTo(ReplicationState.IN_SYNC);
        return List.copyOf(lab.events());
    }
}
