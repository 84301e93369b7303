package io.github.exha.exchange.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.Operation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Database header states, clean dismount, crash and soft recovery. */
class MountRecoveryTest {
    @Test
    void aNewDatabaseIsCreatedAtFirstMountAndAttachedDirtyToTheCurrentGeneration() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007));
        DatabaseHeader header = database.readFile().header();
        assertThat(header.state()).isEqualTo(DatabaseState.DIRTY_SHUTDOWN);
        assertThat(header.logRequired()).isEqualTo(new LogRange(1, 1));
        assertThat(header.owner()).isEqualTo(StoreLab.identity("Mailbox Database", 1));
        assertThat(header.version()).isEqualTo(StoreLab.OLD_BINARIES);
        assertThat(header.logSignature()).isEqualTo(database.storageGroup().logSignature().orElseThrow());
        assertThat(database.state()).isEqualTo(MountState.MOUNTED);
        assertThat(lab.events(StoreEvents.DATABASE_STARTED)).hasSize(1);
    }

    @Test
    void dismountShutsDownCleanlyWithEveryMessageInTheFileAndNoLogRequired() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007));
        lab.deliver(database, 1, 25, 100_000);
        lab.await(database.dismount());

        DatabaseFile file = database.readFile();
        assertThat(file.header().state()).isEqualTo(DatabaseState.CLEAN_SHUTDOWN);
        assertThat(file.header().logRequired()).isEqualTo(LogRange.NONE);
        assertThat(file.header().describe()).contains("State: Clean Shutdown").contains("Log Required: 0-0 (0x0-0x0)");
        assertThat(file.messageIds()).hasSize(25);
        assertThat(database.state()).isEqualTo(MountState.DISMOUNTED);
        assertThat(database.storageGroup().isRunning()).isFalse();
        assertThat(lab.events(StoreEvents.DATABASE_STOPPED)).hasSize(1);
        CheckpointFile checkpoint = CheckpointFile.read(lab.logVolume(), "\\Logs\\SG1\\E00.chk");
        assertThat(checkpoint.generation()).isEqualTo(3);
    }

    @Test
    void theDatabaseFileLagsTheLogByTheLostLogResilienceDepth() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007)
                .withLostLogResilienceDepth(2));
        lab.deliver(database, 1, 35, 100_000); // generations 1, 2, 3 full; 4 current
        DatabaseFile file = database.readFile();
        // generations 1 and 2 are two or more behind the current log (4): written; 3 and 4 are not
        assertThat(file.messageIds()).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 20)
                .boxed().toList());
        assertThat(file.header().logRequired()).isEqualTo(new LogRange(3, 3));
        assertThat(database.messageIds()).hasSize(35);
    }

    @Test
    void aCrashLeavesTheDatabaseInDirtyShutdownRequiringItsLogsAndMountRecoversEveryMessage() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007));
        lab.deliver(database, 1, 25, 100_000);
        Operation<Void> inFlight = database.deliver(26, "late", 1000, 1);
        lab.crashAndReboot();

        assertThat(inFlight.failure()).get().extracting(ExhaException::code)
                .isEqualTo(StoreErrorCode.INSTANCE_STOPPED);
        assertThat(database.state()).isEqualTo(MountState.DISMOUNTED);
        DatabaseFile afterCrash = database.readFile();
        assertThat(afterCrash.header().state()).isEqualTo(DatabaseState.DIRTY_SHUTDOWN);
        assertThat(afterCrash.header().logRequired()).isEqualTo(new LogRange(3, 3));
        assertThat(afterCrash.messageIds()).hasSize(20); // generation 3 was still only in the log

        lab.await(database.mount());
        assertThat(database.messageIds()).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 25)
                .boxed().toList());
        assertThat(lab.events(StoreEvents.RECOVERY_STARTED)).hasSize(1);
        assertThat(lab.events(StoreEvents.RECOVERY_REPLAYING)).hasSize(1);
        assertThat(lab.events(StoreEvents.RECOVERY_COMPLETED)).hasSize(1);
        // recovery opened the stream and started a new generation after the replayed one
        assertThat(database.storageGroup().currentGeneration()).isEqualTo(4);
    }

    @Test
    void recoveryReplaysEveryRequiredLogAndTakesItsReplayTime() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007)
                .withLostLogResilienceDepth(3));
        lab.deliver(database, 1, 45, 100_000); // generations 1..4 full, 5 current; the file holds 1..2
        lab.crashAndReboot();
        assertThat(database.readFile().header().logRequired()).isEqualTo(new LogRange(3, 3));

        var start = lab.kernel.clock().instant();
        Operation<Void> mount = database.mount();
        assertThat(database.state()).isEqualTo(MountState.MOUNTING);
        assertThat(database.deliver(99, "early", 1, 1).failure()).get().extracting(ExhaException::code)
                .isEqualTo(StoreErrorCode.DATABASE_NOT_MOUNTED);
        lab.await(mount);
        assertThat(Duration.between(start, mount.completedAt())).isEqualTo(Duration.ofMillis(600));
        assertThat(lab.events(StoreEvents.RECOVERY_REPLAYING)).extracting(e -> e.attribute("generation"))
                .containsExactly("3", "4", "5");
        assertThat(database.messageIds()).hasSize(45);
    }

    @Test
    void mountingTwiceIsDoneAtOnceAndAMountingDatabaseCannotBeDismounted() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.store(StoreLab.settings(LogFormat.EXCHANGE_2007)
                .withLostLogResilienceDepth(2)).addDatabase(StoreLab.identity("DB", 1), StoreLab.EDB);
        lab.await(database.mount());
        lab.deliver(database, 1, 25, 100_000);
        lab.crashAndReboot();
        Operation<Void> mount = database.mount();
        assertThatThrownBy(database::dismount).isInstanceOfSatisfying(ExhaException.class,
                e -> assertThat(e.code()).isEqualTo(StoreErrorCode.DATABASE_MOUNTED));
        lab.await(mount);
        assertThat(database.mount().isDone()).isTrue();
    }

    @Test
    void theDatabaseHeaderDescribesItselfAsEseutilDoes() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007));
        String described = database.readFile().header().describe();
        assertThat(described).contains("State: Dirty Shutdown").contains("Log Required: 1-1 (0x1-0x1)")
                .contains("Engine ulVersion: 0x620,11").contains("Log Signature: Create time:03/01/2008 08:00:00 Rand:")
                .contains("MBX1\\First Storage Group\\Mailbox Database");
    }

    @Test
    void anOrderlyRebootStopsTheInformationStoreCleanlyWithEveryDeliveryInFlightCommitted() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007)
                .withLogWriteLatency(Duration.ofMillis(5)));
        lab.deliver(database, 1, 25, 100_000);
        Operation<Void> inFlight = database.deliver(26, "late", 1000, 1);
        Operation<Void> reboot = lab.host.reboot();
        assertThat(inFlight.isDone()).isTrue();
        assertThat(inFlight.isFailed()).isFalse();
        lab.await(reboot);

        DatabaseFile file = database.readFile();
        assertThat(file.header().state()).isEqualTo(DatabaseState.CLEAN_SHUTDOWN);
        assertThat(file.messageIds()).hasSize(26);
        lab.await(database.mount());
        assertThat(lab.events(StoreEvents.RECOVERY_STARTED)).isEmpty();
        assertThat(database.messageIds()).hasSize(26);
    }
}
