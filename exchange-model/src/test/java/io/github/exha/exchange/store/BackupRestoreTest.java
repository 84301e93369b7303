package io.github.exha.exchange.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.core.error.ExhaException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Full backups truncate the logs; a restore is refused onto a database stamped by newer binaries. */
class BackupRestoreTest {
    @Test
    void aFullBackupCapturesTheDatabaseAndItsLogsThenTruncatesTheLogsBelowTheCheckpoint() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007));
        lab.deliver(database, 1, 35, 100_000); // generations 1..3 closed, 4 current with 5 messages
        StorageGroupBackup backup = lab.await(database.storageGroup().backup());

        // the backup closed generation 4, so every acknowledged message is in the copied file or logs
        assertThat(database.storageGroup().currentGeneration()).isEqualTo(5);
        assertThat(backup.databases()).singleElement().satisfies(file ->
                assertThat(file.header().owner()).isEqualTo(database.identity()));
        assertThat(backup.logRange()).isEqualTo(new LogRange(4, 4));
        assertThat(database.storageGroup().logDirectory().closedGenerations()).containsExactly(4L);
        assertThat(lab.events(StoreEvents.BACKUP_TRUNCATED_LOGS)).singleElement()
                .satisfies(e -> assertThat(e.attribute("message")).contains("E0000000001.log to")
                        .contains("E0000000003.log"));

        // nothing new: the next backup needs no log, and truncates the one the first kept
        StorageGroupBackup again = lab.await(database.storageGroup().backup());
        assertThat(again.logRange()).isEqualTo(LogRange.NONE);
        assertThat(database.storageGroup().logDirectory().closedGenerations()).isEmpty();
        lab.await(database.storageGroup().backup());
        assertThat(lab.events(StoreEvents.BACKUP_NOTHING_TRUNCATED)).hasSize(1);
    }

    @Test
    void aRestoreBringsBackTheMessagesOfTheBackupInCleanShutdown() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007));
        lab.deliver(database, 1, 35, 100_000);
        StorageGroupBackup backup = lab.await(database.storageGroup().backup());
        lab.deliver(database, 36, 10, 100_000);
        lab.await(database.dismount());

        lab.await(database.restore(backup, false));
        DatabaseFile restored = database.readFile();
        assertThat(restored.header().state()).isEqualTo(DatabaseState.CLEAN_SHUTDOWN);
        assertThat(restored.messageIds()).containsExactlyElementsOf(LongStream.rangeClosed(1, 35).boxed().toList());
        lab.await(database.mount());
        assertThat(database.messageIds()).hasSize(35);
        assertThat(lab.journal(StoreEvents.DATABASE_RESTORED)).hasSize(1);
    }

    @Test
    void aBackupTakenBeforeTheDatabaseWasStampedByNewerBinariesCannotBeRestoredOntoIt() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007));
        lab.deliver(database, 1, 5, 100_000);
        StorageGroupBackup backup = lab.await(database.storageGroup().backup());
        lab.await(database.dismount());
        // The server is upgraded; the first mount under the new binaries stamps the database.
        StorageGroupStore store = database.storageGroup();
        store.reconfigure(store.settings().withBinaries(StoreLab.NEW_BINARIES));
        lab.await(database.mount());
        assertThat(database.readFile().header().version()).isEqualTo(StoreLab.NEW_BINARIES);
        assertThat(lab.journal(StoreEvents.DATABASE_UPGRADED)).hasSize(1);
        lab.await(database.dismount());
        DatabaseFile live = database.readFile();

        assertThatThrownBy(() -> database.restore(backup, false)).isInstanceOfSatisfying(ExhaException.class, e -> {
            assertThat(e.code()).isEqualTo(StoreErrorCode.RESTORE_VERSION_TOO_OLD);
            assertThat(e.getMessage()).contains("0x620,11").contains("0x620,12");
        });
        assertThat(database.readFile()).isEqualTo(live);
    }

    @Test
    void aRestoreNeedsTheDatabaseDismountedAndABackupOfIt() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007));
        StorageGroupBackup backup = lab.await(database.storageGroup().backup());
        assertThatThrownBy(() -> database.restore(backup, false)).isInstanceOfSatisfying(ExhaException.class,
                e -> assertThat(e.code()).isEqualTo(StoreErrorCode.DATABASE_MOUNTED));
        StoreDatabase other = database.storageGroup().addDatabase(StoreLab.identity("Other", 2), "F:\\DB\\Other.edb");
        assertThatThrownBy(() -> other.restore(backup, false)).isInstanceOfSatisfying(ExhaException.class,
                e -> assertThat(e.code()).isEqualTo(StoreErrorCode.BACKUP_MISMATCH));
        lab.await(other.restore(backup, true));
        assertThat(other.readFile().header().owner()).isEqualTo(other.identity());
    }

    @Test
    void aBackupNeedsAMountedDatabase() {
        StoreLab lab = StoreLab.create(1);
        StorageGroupStore store = lab.store(StoreLab.settings(LogFormat.EXCHANGE_2007));
        store.addDatabase(StoreLab.identity("DB", 1), StoreLab.EDB);
        assertThatThrownBy(store::backup).isInstanceOfSatisfying(ExhaException.class,
                e -> assertThat(e.code()).isEqualTo(StoreErrorCode.DATABASE_NOT_MOUNTED));
    }
}
