package io.github.exha.exchange.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.cluster.fs.Volume;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** What the replication service needs: list closed logs, read and check them, ship them, replay them. */
class LogShippingTest {
    @Test
    void closedLogsShippedToAnotherFolderReplayIntoASeededPassiveCopy() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase active = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007));
        lab.deliver(active, 1, 5, 10_000);
        lab.await(active.dismount());
        // Seed: a copy of the clean database file.
        Volume passive = lab.dbVolume();
        lab.await(passive.createDirectory("\\Passive"));
        lab.await(passive.copy("\\DB\\Mailbox Database.edb", "\\Passive\\Mailbox Database.edb"));
        lab.await(active.mount());
        lab.deliver(active, 6, 30, 100_000);

        LogDirectory source = active.storageGroup().logDirectory();
        LogDirectory target = new LogDirectory(passive, "\\Passive", LogPrefix.E00, LogFormat.EXCHANGE_2007);
        for (long generation : source.closedGenerations()) {
            LogFile log = source.read(generation);
            lab.await(log.writeTo(passive, target.generationPath(generation)));
        }
        assertThat(target.closedGenerations()).isEqualTo(source.closedGenerations());
        assertThat(passive.size(target.generationPath(2))).isEqualTo(1L << 20);

        DatabaseFile replayed = null;
        for (long generation : target.closedGenerations()) {
            var future = DatabaseFile.replay(passive, "\\Passive\\Mailbox Database.edb", target.read(generation));
            lab.await(future);
            replayed = future.join();
        }
        // the passive copy is one log behind: E00.log is still open on the active
        long current = active.storageGroup().currentGeneration();
        assertThat(replayed.header().state()).isEqualTo(DatabaseState.DIRTY_SHUTDOWN);
        assertThat(replayed.header().logRequired()).isEqualTo(new LogRange(current - 1, current - 1));
        java.util.Set<Long> inCurrent = new java.util.HashSet<>();
        source.readCurrent().records().forEach(r -> inCurrent.add(r.messageId()));
        assertThat(replayed.messageIds()).containsExactlyElementsOf(LongStream.rangeClosed(1, 35).boxed()
                .filter(id -> !inCurrent.contains(id)).toList());
        assertThat(DatabaseFile.read(passive, "\\Passive\\Mailbox Database.edb")).isEqualTo(replayed);
    }

    @Test
    void replayingALogOfAnotherStreamIsRefusedWith530() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007));
        lab.deliver(database, 1, 15, 100_000);
        StoreLab other = StoreLab.create(2);
        StoreDatabase foreign = other.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007));
        other.deliver(foreign, 1, 15, 100_000);
        LogFile stranger = foreign.storageGroup().logDirectory().read(1);
        assertThatThrownBy(() -> DatabaseFile.replay(lab.dbVolume(), "\\DB\\Mailbox Database.edb", stranger))
                .isInstanceOfSatisfying(ExhaException.class, e -> {
                    assertThat(e.code()).isEqualTo(StoreErrorCode.LOG_SIGNATURE_MISMATCH);
                    assertThat(e.nativeCode()).contains(NativeCode.ese(-530));
                });
    }

    @Test
    void inspectionCatchesADamagedRecordAndALogUnderAnotherGenerationsName() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007));
        lab.deliver(database, 1, 25, 100_000);
        Volume volume = lab.logVolume();
        LogDirectory logs = database.storageGroup().logDirectory();

        lab.await(logs.read(1).writeTo(volume, "\\Logs\\SG1\\E0000000009.log"));
        assertThatThrownBy(() -> LogFile.read(volume, "\\Logs\\SG1\\E0000000009.log"))
                .isInstanceOfSatisfying(ExhaException.class, e -> {
                    assertThat(e.code()).isEqualTo(StoreErrorCode.LOG_GENERATION_MISMATCH);
                    assertThat(e.nativeCode()).contains(NativeCode.ese(-513));
                });

        byte[] flipped = {(byte) 0xFF};
        lab.await(volume.write(logs.generationPath(2), LogFile.HEADER_BYTES + 40, flipped, 0, 1));
        assertThatThrownBy(() -> logs.read(2)).isInstanceOfSatisfying(ExhaException.class, e -> {
            assertThat(e.code()).isEqualTo(StoreErrorCode.LOG_CORRUPT);
            assertThat(e.nativeCode()).contains(NativeCode.ese(-501));
        });
        assertThat(LogFile.readHeader(volume, logs.temporaryPath())).isEmpty();
        assertThat(logs.read(1).header().describe()).contains("lGeneration: 1 (0x1)").contains("Base name: E00");
    }
}
