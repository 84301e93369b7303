package io.github.exha.exchange.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;
import io.github.exha.core.kernel.Operation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A small log LUN fills up: the storage group goes offline cleanly through its reserve logs. */
class LogDiskFullTest {
    /** Delivers 100 KB messages until one fails; returns the failed delivery. */
    private static Operation<Void> fillUp(StoreLab lab, StoreDatabase database, List<Long> acknowledged) {
        for (long id = 1; id < 10_000; id++) {
            Operation<Void> delivery = database.deliver(id, "user", 100_000, (int) id);
            lab.kernel.scheduler().runUntil(delivery::isDone);
            if (delivery.isFailed()) {
                return delivery;
            }
            acknowledged.add(id);
        }
        throw new AssertionError("the log disk never filled");
    }

    @Test
    void whenNoNewLogFitsTheDatabasesGoOfflineCleanlyWithEvent428AndDeliveriesFailWith529() {
        StoreLab lab = StoreLab.create(1, "16MB", "256MB");
        StorageGroupStore store = lab.store(StoreLab.settings(LogFormat.EXCHANGE_2007));
        StoreDatabase first = store.addDatabase(StoreLab.identity("First", 1), "F:\\DB\\First.edb");
        StoreDatabase second = store.addDatabase(StoreLab.identity("Second", 2), "F:\\DB\\Second.edb");
        lab.await(first.mount());
        lab.await(second.mount());
        List<Long> acknowledged = new ArrayList<>();

        Operation<Void> refused = fillUp(lab, first, acknowledged);
        lab.kernel.scheduler().runUntilIdle();

        assertThat(refused.failure()).get().satisfies(e -> {
            assertThat(e.code()).isEqualTo(StoreErrorCode.LOG_DISK_FULL);
            assertThat(e.nativeCode()).contains(NativeCode.ese(-529));
        });
        assertThat(lab.events(StoreEvents.LOW_LOG_DISK_SPACE)).singleElement()
                .satisfies(e -> assertThat(e.attribute("message")).contains("rejecting update operations"));
        assertThat(first.state()).isEqualTo(MountState.DISMOUNTED);
        assertThat(second.state()).isEqualTo(MountState.DISMOUNTED);
        assertThat(lab.events(StoreEvents.DATABASE_STOPPED)).hasSize(2);
        assertThat(store.isRunning()).isFalse();
        for (StoreDatabase database : List.of(first, second)) {
            DatabaseFile file = database.readFile();
            assertThat(file.header().state()).isEqualTo(DatabaseState.CLEAN_SHUTDOWN);
            assertThat(file.header().logRequired()).isEqualTo(LogRange.NONE);
        }
        assertThat(first.readFile().messageIds()).containsExactlyElementsOf(acknowledged);
        // the first reserve log became the next log; the second is still there
        assertThat(lab.logFiles()).doesNotContain("E00res00001.jrs").contains("E00res00002.jrs", "E00tmp.log");
        assertThat(first.deliver(99_999, "late", 1, 1).failure()).get().extracting(ExhaException::code)
                .isEqualTo(StoreErrorCode.DATABASE_NOT_MOUNTED);
    }

    @Test
    void mountFailsWith529UntilSpaceIsFreedThenRecovers() {
        StoreLab lab = StoreLab.create(1, "16MB", "256MB");
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007));
        List<Long> acknowledged = new ArrayList<>();
        fillUp(lab, database, acknowledged);
        lab.kernel.scheduler().runUntilIdle();
        List<String> files = lab.logFiles();

        assertThatThrownBy(database::mount).isInstanceOfSatisfying(ExhaException.class, e -> {
            assertThat(e.code()).isEqualTo(StoreErrorCode.LOG_DISK_FULL);
            assertThat(e.nativeCode()).contains(NativeCode.ese(-529));
        });
        assertThat(lab.logFiles()).isEqualTo(files);

        // The administrator moves the oldest logs away (allowed: every database is in Clean Shutdown).
        LogDirectory logs = database.storageGroup().logDirectory();
        for (long g : logs.closedGenerations().subList(0, 4)) {
            lab.await(lab.logVolume().delete(logs.generationPath(g)));
        }
        lab.await(database.mount());
        assertThat(database.messageIds()).containsExactlyElementsOf(acknowledged);
        assertThat(lab.logFiles()).contains("E00res00001.jrs", "E00res00002.jrs", "E00tmp.log");
        lab.await(database.deliver(50_000, "again", 1000, 1));
    }

    @Test
    void aDismountJoinsTheShutdownTheFullDiskStarted() {
        StoreLab lab = StoreLab.create(1, "16MB", "256MB");
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007)
                .withLogWriteLatency(java.time.Duration.ofMillis(20)));
        Operation<Void> refused = null;
        for (long id = 1; refused == null; id++) {
            Operation<Void> delivery = database.deliver(id, "user", 100_000, 1);
            if (delivery.isFailed()) {
                refused = delivery;
            }
        }
        assertThat(database.state()).isEqualTo(MountState.DISMOUNTING);
        Operation<Void> dismount = database.dismount();
        lab.await(dismount);
        assertThat(database.readFile().header().state()).isEqualTo(DatabaseState.CLEAN_SHUTDOWN);
    }
}
