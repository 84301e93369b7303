package io.github.exha.exchange.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.cluster.fs.DirectoryEntry;
import io.github.exha.cluster.fs.Volume;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mount refusals carry ESE's numbers and change nothing. */
class MountRefusalTest {
    /** A dirty database requiring generation 3, generations 1-2 closed, E00.log at 3. */
    private static StoreDatabase crashedWithLogs(StoreLab lab) {
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007));
        lab.deliver(database, 1, 25, 100_000);
        lab.crashAndReboot();
        assertThat(database.readFile().header().logRequired()).isEqualTo(new LogRange(3, 3));
        return database;
    }

    private static List<DirectoryEntry> snapshot(Volume volume, String folder) {
        return volume.list(folder);
    }

    private static void assertRefused(ThrowingMount mount, StoreErrorCode code, int ese) {
        assertThatThrownBy(mount::run).isInstanceOfSatisfying(ExhaException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.nativeCode()).contains(NativeCode.ese(ese));
        });
    }

    private interface ThrowingMount {
        void run();
    }

    @Test
    void aMissingRequiredLogIsRefusedWith543AndChangesNothing() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007)
                .withLostLogResilienceDepth(2));
        lab.deliver(database, 1, 35, 100_000);
        lab.crashAndReboot();
        assertThat(database.readFile().header().logRequired()).isEqualTo(new LogRange(3, 3));
        lab.await(lab.logVolume().delete("\\Logs\\SG1\\E0000000003.log"));
        List<DirectoryEntry> logsBefore = snapshot(lab.logVolume(), "\\Logs\\SG1");
        DatabaseFile fileBefore = database.readFile();
        String digestBefore = lab.kernel.journal().digest();
        int entriesBefore = lab.kernel.journal().size();

        assertRefused(database::mount, StoreErrorCode.MISSING_LOG, -543);
        assertThatThrownBy(database::mount).hasMessageContaining("E0000000003.log")
                .hasMessageContaining("JET_errRequiredLogFilesMissing");

        assertThat(snapshot(lab.logVolume(), "\\Logs\\SG1")).isEqualTo(logsBefore);
        assertThat(database.readFile()).isEqualTo(fileBefore);
        assertThat(database.state()).isEqualTo(MountState.DISMOUNTED);
        assertThat(database.storageGroup().isRunning()).isFalse();
        // only the Information Store's "Error ... starting database" events were added
        assertThat(lab.kernel.journal().entries().subList(entriesBefore, lab.kernel.journal().size()))
                .allSatisfy(e -> assertThat(e.attribute("eventId")).isEqualTo("9519"));
        assertThat(lab.events(StoreEvents.DATABASE_START_FAILED).get(0).attribute("message"))
                .startsWith("Error 0xfffffde1 starting database");
        assertThat(digestBefore).isNotNull();
    }

    @Test
    void aMissingCurrentLogIsRefusedWith528() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = crashedWithLogs(lab);
        lab.await(lab.logVolume().delete("\\Logs\\SG1\\E00.log"));
        List<DirectoryEntry> before = snapshot(lab.logVolume(), "\\Logs\\SG1");
        assertRefused(database::mount, StoreErrorCode.MISSING_CURRENT_LOG, -528);
        assertThat(snapshot(lab.logVolume(), "\\Logs\\SG1")).isEqualTo(before);
    }

    @Test
    void aRequiredLogFromAnotherStreamIsRefusedWith530() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007)
                .withLostLogResilienceDepth(2));
        lab.deliver(database, 1, 35, 100_000);
        lab.crashAndReboot();
        assertThat(database.readFile().header().logRequired()).isEqualTo(new LogRange(3, 3));
        // Another storage group's stream, on the same volume, with its own signature.
        StoreLab other = StoreLab.create(2);
        StoreDatabase foreign = other.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007));
        other.deliver(foreign, 1, 25, 100_000);
        LogFile stranger = foreign.storageGroup().logDirectory().readCurrent();
        assertThat(stranger.generation()).isEqualTo(3);
        Volume volume = lab.logVolume();
        lab.await(volume.delete("\\Logs\\SG1\\E0000000003.log"));
        lab.await(stranger.writeTo(volume, "\\Logs\\SG1\\E0000000003.log"));

        assertRefused(database::mount, StoreErrorCode.LOG_SIGNATURE_MISMATCH, -530);
        assertThatThrownBy(database::mount).hasMessageContaining("belongs to another log stream");
    }

    @Test
    void aCheckpointOfAnotherStreamIsRefusedWith532() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = crashedWithLogs(lab);
        Volume volume = lab.logVolume();
        lab.await(volume.delete("\\Logs\\SG1\\E00.chk"));
        lab.await(new CheckpointFile(new LogSignature(42, lab.kernel.clock().instant()), 2).write(volume,
                "\\Logs\\SG1\\E00.chk"));
        assertRefused(database::mount, StoreErrorCode.CHECKPOINT_SIGNATURE_MISMATCH, -532);
    }

    @Test
    void aDirtyDatabaseWhoseLogsAreAllGoneIsRefusedAndNoNewStreamIsCreated() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = crashedWithLogs(lab);
        Volume volume = lab.logVolume();
        for (DirectoryEntry entry : volume.list("\\Logs\\SG1")) {
            lab.await(volume.delete("\\Logs\\SG1\\" + entry.name()));
        }
        assertRefused(database::mount, StoreErrorCode.MISSING_LOG, -543);
        assertThat(volume.list("\\Logs\\SG1")).isEmpty();
    }

    @Test
    void filesOfAnotherDatabaseAreRefusedUnlessAllowFileRestoreThenRestamped() {
        StoreLab lab = StoreLab.create(1);
        StorageGroupStore store = lab.store(StoreLab.settings(LogFormat.EXCHANGE_2007));
        StoreDatabase source = store.addDatabase(StoreLab.identity("Source", 1), StoreLab.EDB);
        lab.await(source.mount());
        lab.deliver(source, 1, 5, 10_000);
        lab.await(source.dismount());
        // The database portability procedure: copy the clean file to another database object's path.
        String target = "F:\\DB\\Target.edb";
        lab.await(lab.dbVolume().copy("\\DB\\Mailbox Database.edb", "\\DB\\Target.edb"));
        StoreDatabase portable = store.addDatabase(StoreLab.identity("Target", 2), target);

        assertThatThrownBy(portable::mount).isInstanceOfSatisfying(ExhaException.class, e -> {
            assertThat(e.code()).isEqualTo(StoreErrorCode.FOREIGN_DATABASE_FILES);
            assertThat(e.getMessage()).contains("AllowFileRestore");
        });
        assertThat(portable.readFile().header().owner()).isEqualTo(StoreLab.identity("Source", 1));

        lab.await(portable.mount(true));
        assertThat(portable.messageIds()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(portable.readFile().header().owner()).isEqualTo(StoreLab.identity("Target", 2));
        assertThat(lab.journal(StoreEvents.DATABASE_RESTAMPED)).hasSize(1);
    }

    @Test
    void aCrashedFileMountedForAnotherDatabaseWithAllowFileRestoreRecoversTheOldOwnersLoggedMessages() {
        // Seed 000's activation: the DR server's storage group, at the same paths, mounts the replica of a database
        // that crashed (its newest messages are only in E00.log). Recovery replays them whatever object owned the file
        // (found by the SAN chaos test: a SYNC replica lost the acknowledged mail of its current log at DR).
        StoreLab lab = StoreLab.create(1);
        StoreDatabase main = crashedWithLogs(lab);
        StoreDatabase dr = lab.store(StoreLab.settings(LogFormat.EXCHANGE_2007))
                .addDatabase(StoreLab.identity("DR Database", 2), StoreLab.EDB);

        lab.await(dr.mount(true));

        assertThat(dr.messageIds()).hasSize(25).contains(1L, 25L);
        assertThat(dr.readFile().header().owner()).isEqualTo(StoreLab.identity("DR Database", 2));
        assertThat(main.state()).isEqualTo(MountState.DISMOUNTED);
    }

    @Test
    void aDatabaseStampedByNewerBinariesIsRefusedWith1209() {
        StoreLab lab = StoreLab.create(1);
        StorageGroupStore store = lab.store(StoreLab.settings(LogFormat.EXCHANGE_2007)
                .withBinaries(StoreLab.NEW_BINARIES));
        StoreDatabase database = store.addDatabase(StoreLab.identity("DB", 1), StoreLab.EDB);
        lab.await(database.mount());
        lab.await(database.dismount());
        store.reconfigure(store.settings().withBinaries(StoreLab.OLD_BINARIES));
        assertRefused(database::mount, StoreErrorCode.DATABASE_VERSION_TOO_NEW, -1209);
    }

    @Test
    void settingsChangeOnlyWithEveryDatabaseDismounted() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007));
        StorageGroupStore store = database.storageGroup();
        assertThatThrownBy(() -> store.reconfigure(store.settings().withCircularLogging(true)))
                .isInstanceOfSatisfying(ExhaException.class,
                        e -> assertThat(e.code()).isEqualTo(StoreErrorCode.DATABASE_MOUNTED));
        assertThatThrownBy(() -> database.relocate("F:\\Elsewhere.edb")).isInstanceOf(ExhaException.class);
        assertThat(store.settings().circularLogging()).isFalse();
    }
}
