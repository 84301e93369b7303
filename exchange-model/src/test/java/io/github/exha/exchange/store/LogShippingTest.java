package io.github.exha.exchange.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.cluster.fs.Volume;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** What the replication service needs: list closed logs, read and check them, ship them, replay them. */
class LogShippingTest {
    /**
     * A mounted database that delivered {@code seeded} messages of 10 KB, was dismounted while its clean file was
     * copied to each of {@code copies} (seeded passive copies on the database volume), then mounted again.
     */
    private static StoreDatabase seededCopies(StoreLab lab, int seeded, String... copies) {
        StoreDatabase active = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007));
        lab.deliver(active, 1, seeded, 10_000);
        lab.await(active.dismount());
        Volume passive = lab.dbVolume();
        lab.await(passive.createDirectory("\\Passive"));
        for (String copy : copies) {
            lab.await(passive.copy("\\DB\\Mailbox Database.edb", copy));
        }
        lab.await(active.mount());
        return active;
    }

    @Test
    void closedLogsShippedToAnotherFolderReplayIntoASeededPassiveCopy() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase active = seededCopies(lab, 5, "\\Passive\\Mailbox Database.edb");
        Volume passive = lab.dbVolume();
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
    @Test
    void replayWithACacheWritesWhatAFullReplayWritesWhateverHappensToTheFileBetweenLogs() {
        // The replayer's cache keeps only the ids of what the file held at its mark and decodes only what was appended
        // since: two seeded copies, one replayed in full at every log and one through the cache, must hold the same
        // bytes after every step, also when logs are replayed again, records are appended behind the replayer's back,
        // a record is overwritten in place (the mark no longer vouches for the bytes) or the file is replaced by a copy.
        long seed = Long.getLong("exha.test.seed", new SplittableRandom().nextLong());
        System.out.println("replayWithACache seed " + seed + " (replay with -Dexha.test.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        StoreLab lab = StoreLab.create(1);
        String full = "\\Passive\\Full.edb";
        String cached = "\\Passive\\Cached.edb";
        StoreDatabase active = seededCopies(lab, 3, full, cached);
        Volume passive = lab.dbVolume();
        lab.deliver(active, 4, 120, 100_000);
        LogDirectory source = active.storageGroup().logDirectory();
        List<Long> generations = source.closedGenerations().stream().toList();
        assertThat(generations.size()).isGreaterThan(8);

        DatabaseFile.ReplayCache cache = new DatabaseFile.ReplayCache();
        long nextForeignId = 1_000_000;
        for (int step = 0; step < 60; step++) {
            String what;
            switch (random.nextInt(6)) {
                case 0 -> {
                    // a record appended to both files outside the replayer (a later log may hold the same id)
                    long id = random.nextBoolean() ? nextForeignId++ : 4 + random.nextInt(120);
                    List<MessageRecord> extra = List.of(new MessageRecord(active.identity().guid(), id, "user" + id,
                            1_000, (int) id));
                    lab.await(DatabaseFile.append(passive, full, extra));
                    lab.await(DatabaseFile.append(passive, cached, extra));
                    what = "append " + id;
                }
                case 1 -> {
                    // the first record of both files overwritten in place by another message's record of the same
                    // length: a cache still trusting what it decoded there would skip the overwritten message when a
                    // log brings it again, where a full replay appends it
                    what = "no record to overwrite";
                    int have = (int) Math.min(4096, passive.size(cached) - DatabaseFile.HEADER_BYTES);
                    byte[] head = new byte[Math.max(0, have)];
                    passive.read(cached, DatabaseFile.HEADER_BYTES, head, 0, head.length);
                    MessageRecord first = have > 0 ? MessageRecord.decode(ByteBuffer.wrap(head)) : null;
                    if (first != null) {
                        long other = 4 + random.nextInt(120);
                        byte[] now = new MessageRecord(first.database(), other, first.mailbox(), first.logicalSize(),
                                first.checksum()).encode();
                        if (now.length == first.encode().length) {
                            lab.await(passive.write(full, DatabaseFile.HEADER_BYTES, now, 0, now.length));
                            lab.await(passive.write(cached, DatabaseFile.HEADER_BYTES, now, 0, now.length));
                            what = "record " + first.messageId() + " overwritten by " + other;
                        }
                    }
                }
                case 2 -> {
                    // another file at the path: a copy of the cached file put in its place
                    lab.await(passive.copy(cached, "\\Passive\\Moved.edb"));
                    lab.await(passive.delete(cached));
                    lab.await(passive.rename("\\Passive\\Moved.edb", cached));
                    what = "replaced by a copy";
                }
                default -> {
                    long generation = generations.get(random.nextInt(generations.size()));
                    LogFile log = source.read(generation);
                    DatabaseFile expected = DatabaseFile.replay(passive, full, log).join();
                    DatabaseHeader header = DatabaseFile.replayLog(passive, cached, log, cache).join();
                    assertThat(header).as("seed %d step %d header", seed, step).isEqualTo(expected.header());
                    what = "replay " + generation;
                }
            }
            DatabaseFile a = DatabaseFile.read(passive, full);
            DatabaseFile b = DatabaseFile.read(passive, cached);
            assertThat(b).as("seed %d step %d after %s", seed, step, what).isEqualTo(a);
        }
    }
}
