package io.github.exha.exchange.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.fs.Volume;
import io.github.exha.core.kernel.Operation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Log naming, rolling, sizes on disk and free space, for both formats. */
class LogStreamTest {
    private static final long MESSAGE = 100_000;

    @Test
    void exchange2007RollsAfterAboutAMegabyteOfMailIntoEightDigitGenerations() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007));
        lab.deliver(database, 1, 25, MESSAGE);

        assertThat(lab.logFiles()).containsExactlyInAnyOrder("E0000000001.log", "E0000000002.log", "E00.log",
                "E00tmp.log", "E00res00001.jrs", "E00res00002.jrs", "E00.chk");
        LogDirectory logs = database.storageGroup().logDirectory();
        assertThat(logs.closedGenerations()).containsExactly(1L, 2L);
        assertThat(logs.read(1).records()).hasSize(10);
        assertThat(logs.read(2).records()).extracting(MessageRecord::messageId).containsExactly(11L, 12L, 13L, 14L,
                15L, 16L, 17L, 18L, 19L, 20L);
        assertThat(logs.readCurrent().generation()).isEqualTo(3);
        assertThat(lab.journal(StoreEvents.LOG_ROLLED)).extracting(e -> e.attribute("closed"))
                .containsExactly("E0000000001.log", "E0000000002.log");
    }

    @Test
    void exchange2003RollsAfterFiveMegabytesIntoFiveDigitGenerationsWithResLogs() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2003));
        lab.deliver(database, 1, 110, MESSAGE);

        assertThat(lab.logFiles()).containsExactlyInAnyOrder("E0000001.log", "E0000002.log", "E00.log",
                "E00tmp.log", "Res1.log", "Res2.log", "E00.chk");
        assertThat(database.storageGroup().logDirectory().read(1).records()).hasSize(52);
    }

    @Test
    void everyLogFileHasItsFullLogicalSizeWhileTheVolumeHoldsOnlyItsRecordArea() {
        StoreLab lab = StoreLab.create(1);
        Volume volume = lab.logVolume();
        long freeBefore = volume.freeBytes();
        long logicalBefore = LogDirectory.logicalFreeBytes(volume);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007));
        lab.deliver(database, 1, 25, MESSAGE);

        for (String name : new String[] {"E0000000001.log", "E0000000002.log", "E00.log", "E00tmp.log",
                "E00res00001.jrs", "E00res00002.jrs"}) {
            assertThat(volume.size("\\Logs\\SG1\\" + name)).as(name).isEqualTo(1L << 20);
        }
        // six logs of 1 MB (and the small checkpoint) as Windows counts them, against 68 KB each really written
        long logicalUsed = logicalBefore - LogDirectory.logicalFreeBytes(volume);
        assertThat(logicalUsed).isBetween(6L << 20, (6L << 20) + 64 * 1024);
        long physicalUsed = freeBefore - volume.freeBytes();
        assertThat(physicalUsed).isLessThan(6 * 80 * 1024L);
    }

    @Test
    void aMessageLargerThanALogSpillsOverWholeLogsAndIsLoggedInTheLastOne() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007));
        lab.await(database.deliver(1, "alice", 3_500_000, 7));

        LogDirectory logs = database.storageGroup().logDirectory();
        assertThat(logs.closedGenerations()).containsExactly(1L, 2L, 3L);
        assertThat(logs.read(1).records()).isEmpty();
        assertThat(logs.readCurrent().records()).extracting(MessageRecord::messageId).containsExactly(1L);
        assertThat(database.messageIds()).containsExactly(1L);
    }

    @Test
    void aDeliveryIsAcknowledgedOneLogWriteLatencyAfterItsCommitWhenTheRecordIsDurable() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007)
                .withLogWriteLatency(Duration.ofMillis(5)));
        var start = lab.kernel.clock().instant();
        Operation<Void> first = database.deliver(1, "alice", 10_000, 1);
        lab.kernel.scheduler().runFor(Duration.ofMillis(2));
        Operation<Void> second = database.deliver(2, "bob", 10_000, 2);
        assertThat(first.isDone()).isFalse();
        // not on disk yet: the log buffer is written at the end of the latency
        assertThat(database.storageGroup().logDirectory().readCurrent().records()).isEmpty();
        lab.await(second);
        assertThat(first.completedAt()).isEqualTo(start.plusMillis(5));
        assertThat(second.completedAt()).isEqualTo(start.plusMillis(5));
        assertThat(database.storageGroup().logDirectory().readCurrent().records()).hasSize(2);
    }

    @Test
    void aPartlyFilledLogIsClosedAfterInactivityButNeverWhenNothingChanged() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007)
                .withIdleLogRoll(Duration.ofMinutes(1)));
        lab.kernel.scheduler().runFor(Duration.ofMinutes(5));
        assertThat(database.storageGroup().currentGeneration()).isEqualTo(1);

        lab.await(database.deliver(1, "alice", 10_000, 1));
        lab.kernel.scheduler().runFor(Duration.ofMinutes(5));
        assertThat(database.storageGroup().currentGeneration()).isEqualTo(2);
        assertThat(database.storageGroup().logDirectory().read(1).records()).hasSize(1);
    }
}
